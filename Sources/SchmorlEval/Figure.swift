/// One named figure of an evaluation: the unit gates are set on (`--min node-f1=0.95`).
///
/// Names are kebab-case and stable: they are the gate names, the JSON `figures` keys and the rows of every
/// rendering. `EvaluationReport.figureNames` and `AssertionEvaluationReport.figureNames` list them all.
public struct Figure: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The kebab-case name, also the gate name.
    public var name: String
    /// The value with its counts.
    public var rate: Rate
    /// The counts behind a detection figure ("TP 18, FP 1, FN 3"), shown beside it.
    public var detail: String?

    /// A figure from its parts.
    public init(name: String, rate: Rate, detail: String? = nil) {
        self.name = name
        self.rate = rate
        self.detail = detail
    }

    /// "node-f1 0.900 (18/20)".
    public var description: String { "\(name) \(rate)" }
}

/// Figures under one heading of the rendered report ("Nodes", "Features").
public struct FigureGroup: Sendable, Hashable, Codable {
    /// The heading.
    public var title: String
    /// The figures under it, in reading order.
    public var figures: [Figure]

    /// A group from its parts.
    public init(title: String, figures: [Figure]) {
        self.title = title
        self.figures = figures
    }
}

extension DetectionScores {
    /// "TP 18, FP 1, FN 3".
    var countsText: String { "TP \(truePositives), FP \(falsePositives), FN \(falseNegatives)" }

    /// Precision, recall and F1 as figures named `prefix-precision`, `prefix-recall`, `prefix-f1`.
    func figures(_ prefix: String) -> [Figure] {
        [
            Figure(name: prefix + "-precision", rate: precision, detail: countsText),
            Figure(name: prefix + "-recall", rate: recall, detail: countsText),
            Figure(name: prefix + "-f1", rate: f1, detail: countsText),
        ]
    }
}
