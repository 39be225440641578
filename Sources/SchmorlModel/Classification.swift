/// How likely a node is to cause the patient's symptoms (rules.md §2).
public enum SymptomaticLikelihood: String, Sendable, Hashable, Codable, CaseIterable {
    case likely, possible, unlikely
}

/// One reason behind a classification: the rule that fired and the text it rests on.
public struct ClassificationReason: Sendable, Hashable, Codable {
    /// A stable identifier of the rule ("acute.edema", "symptomatic.posteriorExtension", ...).
    public var code: String
    /// The rule in the spec, e.g. "rules.md §2".
    public var rule: String
    /// A sentence a clinician can read.
    public var statement: String
    public var evidence: [Evidence]

    public init(code: String, rule: String, statement: String, evidence: [Evidence]) {
        self.code = code
        self.rule = rule
        self.statement = statement
        self.evidence = evidence
    }
}

/// The classification of one node, with its reasons.
public struct NodeClassification: Sendable, Hashable, Codable {
    public var acute: Bool
    public var symptomatic: SymptomaticLikelihood
    public var reasons: [ClassificationReason]

    public init(acute: Bool, symptomatic: SymptomaticLikelihood, reasons: [ClassificationReason]) {
        self.acute = acute
        self.symptomatic = symptomatic
        self.reasons = reasons
    }
}

/// A node with its classification.
public struct ClassifiedNode: Sendable, Hashable, Codable {
    public var finding: NodeFinding
    public var classification: NodeClassification

    public init(finding: NodeFinding, classification: NodeClassification) {
        self.finding = finding
        self.classification = classification
    }
}

/// The other causes of back pain a node can be mistaken for (rules.md §3).
public enum DifferentialCondition: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case fracture, infection, malignancy

    public static func < (lhs: DifferentialCondition, rhs: DifferentialCondition) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Whether the report's evidence for a condition is stated or hedged.
public enum DifferentialCertainty: String, Sendable, Hashable, Codable {
    case affirmed, hedged
}

/// One mention that raises a differential.
public struct DifferentialMention: Sendable, Hashable, Codable {
    public var certainty: DifferentialCertainty
    public var evidence: Evidence
    /// The hedge that made it uncertain, or the history cue ("history of").
    public var cue: Evidence?
    /// The section the mention sits in ("findings", "history", ...).
    public var section: String?

    public init(certainty: DifferentialCertainty, evidence: Evidence, cue: Evidence? = nil, section: String? = nil) {
        self.certainty = certainty
        self.evidence = evidence
        self.cue = cue
        self.section = section
    }
}

/// A condition the report gives affirmed or hedged evidence for (rules.md §3). Affirmed wins over hedged.
public struct Differential: Sendable, Hashable, Codable {
    public var condition: DifferentialCondition
    public var certainty: DifferentialCertainty
    public var mentions: [DifferentialMention]

    public init(condition: DifferentialCondition, certainty: DifferentialCertainty, mentions: [DifferentialMention]) {
        self.condition = condition
        self.certainty = certainty
        self.mentions = mentions
    }
}
