/// Whether the report affirms, denies or hedges a finding (rules.md §1, domain.md §6.2).
public enum Assertion: String, Sendable, Hashable, Codable, CaseIterable {
    case present, absent, possible
}

/// The cue that decided an assertion, and how far it reached.
public struct AssertionCue: Sendable, Hashable, Codable {
    /// The kind of cue, in ConText's terms.
    public enum Kind: String, Sendable, Hashable, Codable {
        case negation, hedge, affirmation, historical, resolution, indication, hypothetical
    }

    public var kind: Kind
    /// The cue's words as written.
    public var evidence: Evidence
    /// The span the cue governs (its scope), which contains the target.
    public var scope: TextSpan

    public init(kind: Kind, evidence: Evidence, scope: TextSpan) {
        self.kind = kind
        self.evidence = evidence
        self.scope = scope
    }
}

/// A true / false / not-mentioned feature of one node, with the text that says so (rules.md §1, Features).
public struct Feature: Sendable, Hashable, Codable {
    /// `nil` when the report does not mention it for this node.
    public var value: Bool?
    public var evidence: [Evidence]

    public init(value: Bool? = nil, evidence: [Evidence] = []) {
        self.value = value
        self.evidence = evidence
    }

    public static let notMentioned = Feature()
}

/// How a node compares with a prior exam (domain.md §3.7).
public enum Comparison: String, Sendable, Hashable, Codable, CaseIterable {
    case new, stable, enlarged, decreased, resolved
}

/// What the assertion engine says about one target span (`schmorl assert`).
public struct AssertionResult: Sendable, Hashable, Codable {
    public var assertion: Assertion
    /// The cue that decided it; nil when nothing in scope modifies the target (affirmed by default).
    public var cue: AssertionCue?
    /// The target as found in the text.
    public var target: Evidence

    public init(assertion: Assertion, cue: AssertionCue?, target: Evidence) {
        self.assertion = assertion
        self.cue = cue
        self.target = target
    }
}
