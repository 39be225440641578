/// One Schmorl's node the report speaks of, with every piece of evidence the engine found for it.
///
/// The same node named in several places (findings, impression, comparison, history) is one `NodeFinding` whose
/// `mentions` lists each place (rules.md §1).
public struct NodeFinding: Sendable, Hashable, Codable {
    public var location: NodeLocation
    /// One mention standing for several nodes with no levels ("scattered Schmorl's nodes").
    public var multiple: Bool
    public var assertion: Assertion
    /// The cue that decided `assertion`; nil for a plain affirmed mention.
    public var assertionCue: AssertionCue?
    /// Every phrase that names this node.
    public var mentions: [Evidence]

    public var edema: Feature
    public var enhancement: Feature
    public var endplateDisruption: Feature
    public var posteriorExtension: Feature
    public var scleroticRim: Feature

    /// Largest dimension given, in millimetres.
    public var sizeMm: Double?
    public var sizeEvidence: Evidence?
    /// Called large, giant, huge (domain.md §3.5); a size of 10 mm or more also makes `isLarge`.
    public var calledLarge: Evidence?
    public var comparison: Comparison?
    public var comparisonEvidence: Evidence?
    /// Text that ties the patient's pain or the clinical question to this node (rules.md §2, possible).
    public var painLink: Evidence?

    /// Large by word or by size: rules.md §4, "Size is the largest dimension given; 10 mm or more is large."
    public var isLarge: Bool { calledLarge != nil || (sizeMm ?? 0) >= 10 }
}

extension NodeFinding {
    /// A node with every feature not mentioned.
    ///
    /// In an extension, so that the memberwise initialiser stays (internal) and this one delegates to it: assigned
    /// field by field in the type's own initialiser, the node was built in a temporary and copied out (a retain
    /// and release of every field, ~1k instructions a node). `Feature()` is `Feature.notMentioned`, made in place:
    /// reading the lazily made static paid its once-check and a retain for each of the five, on every node.
    public init(
        location: NodeLocation, multiple: Bool = false, assertion: Assertion = .present,
        assertionCue: AssertionCue? = nil, mentions: [Evidence] = []
    ) {
        self.init(
            location: location, multiple: multiple, assertion: assertion, assertionCue: assertionCue,
            mentions: mentions, edema: Feature(), enhancement: Feature(), endplateDisruption: Feature(),
            posteriorExtension: Feature(), scleroticRim: Feature(), sizeMm: nil, sizeEvidence: nil, calledLarge: nil,
            comparison: nil, comparisonEvidence: nil, painLink: nil)
    }
}
