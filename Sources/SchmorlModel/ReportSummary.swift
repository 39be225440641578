/// The flat per-report shape QA teams label in spreadsheets and diff (`extract --output summary`), which is
/// also the gold format of `schmorl eval` and of the fixtures (`Schemas/summary.schema.json`).
public struct ReportSummary: Sendable, Hashable, Codable {
    public var id: String
    public var nodes: [NodeSummary]
    /// Listed conditions in canonical order: fracture, infection, malignancy.
    public var differentials: [DifferentialCondition]

    public init(id: String, nodes: [NodeSummary], differentials: [DifferentialCondition]) {
        self.id = id
        self.nodes = nodes
        self.differentials = differentials
    }
}

/// One node in the flat summary shape; absent features are `nil` and written as JSON `null`.
public struct NodeSummary: Sendable, Hashable, Codable {
    /// "L2", "L1-L2" or nil.
    public var level: String?
    public var endplate: Endplate?
    public var assertion: Assertion
    public var multiple: Bool
    public var edema: Bool?
    public var enhancement: Bool?
    public var endplateDisruption: Bool?
    public var posteriorExtension: Bool?
    public var acute: Bool
    public var symptomatic: SymptomaticLikelihood

    public init(
        level: String?, endplate: Endplate?, assertion: Assertion, multiple: Bool, edema: Bool?,
        enhancement: Bool?, endplateDisruption: Bool?, posteriorExtension: Bool?, acute: Bool,
        symptomatic: SymptomaticLikelihood
    ) {
        self.level = level
        self.endplate = endplate
        self.assertion = assertion
        self.multiple = multiple
        self.edema = edema
        self.enhancement = enhancement
        self.endplateDisruption = endplateDisruption
        self.posteriorExtension = posteriorExtension
        self.acute = acute
        self.symptomatic = symptomatic
    }

    enum CodingKeys: String, CodingKey {
        case level, endplate, assertion, multiple, edema, enhancement, endplateDisruption, posteriorExtension
        case acute, symptomatic
    }

    /// Writes every key, `null` included: the summary shape has a fixed set of keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(level, forKey: .level)
        try container.encode(endplate, forKey: .endplate)
        try container.encode(assertion, forKey: .assertion)
        try container.encode(multiple, forKey: .multiple)
        try container.encode(edema, forKey: .edema)
        try container.encode(enhancement, forKey: .enhancement)
        try container.encode(endplateDisruption, forKey: .endplateDisruption)
        try container.encode(posteriorExtension, forKey: .posteriorExtension)
        try container.encode(acute, forKey: .acute)
        try container.encode(symptomatic, forKey: .symptomatic)
    }

    /// The key two nodes are paired on first (eval and fixture tests): level, endplate, multiple.
    public var matchKey: String {
        "\(level ?? "-")|\(endplate?.rawValue ?? "-")|\(multiple)"
    }
}

extension Extraction {
    /// The flat summary of this extraction.
    public var summary: ReportSummary {
        ReportSummary(
            id: id,
            nodes: nodes.map { node in
                let finding = node.finding
                return NodeSummary(
                    level: finding.location.levelLabel,
                    endplate: finding.location.endplate,
                    assertion: finding.assertion,
                    multiple: finding.multiple,
                    edema: finding.edema.value,
                    enhancement: finding.enhancement.value,
                    endplateDisruption: finding.endplateDisruption.value,
                    posteriorExtension: finding.posteriorExtension.value,
                    acute: node.classification.acute,
                    symptomatic: node.classification.symptomatic
                )
            },
            differentials: differentials.map(\.condition).sorted()
        )
    }
}
