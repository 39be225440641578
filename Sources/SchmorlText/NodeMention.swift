import SchmorlModel

/// One place the report names a node (or refers back to one), with what was read around it.
struct NodeMention {
    var tokens: Range<Int>
    var plural: Bool
    /// "the node", "this node": refers back to the node last named (rules.md §4).
    var anaphoric: Bool
    /// The location phrase around the name.
    var window: Range<Int>
    var locations: [NodeLocation] = []
    var multiple = false
    var region: SpinalRegion?
    var decision = ContextEngine.Decision(assertion: .present)
    var sectionKind: SectionKind = .findings
}

/// How much a section's word counts for the current exam when mentions disagree (rules.md §4: the addendum's
/// version stands; comparison and history describe the past).
enum EvidenceTier: Int, Comparable {
    case background = 0
    case current = 1
    case addendum = 2

    init(_ kind: SectionKind) {
        switch kind {
        case .history, .comparison: self = .background
        case .addendum: self = .addendum
        default: self = .current
        }
    }

    static func < (lhs: EvidenceTier, rhs: EvidenceTier) -> Bool { lhs.rawValue < rhs.rawValue }
}
