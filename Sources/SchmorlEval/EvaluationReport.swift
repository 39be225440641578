/// Every figure of one `schmorl eval` run over a gold set, the mismatch list, and the error rows.
///
/// ## What counts where
/// - **Evaluated cases.** A case whose gold or report failed is an error row and counts only in `evaluated`;
///   every other figure is over the evaluated cases.
/// - **Positive node.** A node whose assertion is present or possible (rules.md §1).
/// - **Detection** (`node-precision`, `node-recall`, `node-f1`), after `NodeMatcher` pairs the nodes:
///   a true positive is a pair where both nodes are positive; a false positive is a positive engine node that
///   is unpaired or paired with an absent gold node; a false negative is a positive gold node that is unpaired
///   or paired with an absent engine node. Absent nodes never count in detection, but they are paired and
///   compared like the others, and an unpaired absent node is in the mismatch list and breaks exact match.
/// - **Per-field figures** are over every matched pair (absent nodes included): `location-exact` (level and
///   endplate equal), `multiple-accuracy`, `assertion-accuracy` (3 × 3 matrix), each feature's tri-state
///   accuracy (3 × 3) and F1 of `true`, `acute-accuracy` (2 × 2) and `symptomatic-accuracy` (3 × 3).
/// - **Optional fields** (`size-accuracy`, `large-accuracy`, `sclerotic-rim-accuracy`, `comparison-accuracy`)
///   are over matched pairs whose gold node gives the field; `differential-certainty-accuracy` over conditions
///   both sides list and the gold gives a certainty for.
/// - **Differentials**: per condition, a report is a true positive when both list it, a false positive when
///   only the engine does, a false negative when only the gold does; micro-averaged by adding the counts.
/// - **Report exact match** (`report-exact`): the engine's summary nodes equal the gold's as a multiset over all
///   ten summary fields, and the differential lists are equal. Optional fields do not count.
public struct EvaluationReport: Sendable, Hashable, Codable {
    /// The gold directory or file.
    public var goldSource: String
    /// Gold cases, error rows included.
    public var caseCount: Int
    /// Cases evaluated without error, over `caseCount`.
    public var evaluated: Rate
    /// Gold and engine nodes over the evaluated cases (absent ones included).
    public var goldNodes: Int
    /// Engine nodes over the evaluated cases.
    public var predictedNodes: Int
    /// How many nodes each matching pass paired.
    public var matching: MatchCounts

    /// Positive-node detection (see the type's documentation for what counts).
    public var detection: DetectionScores
    /// Matched pairs whose level and endplate are both equal.
    public var locationExact: Rate
    /// Matched pairs whose `multiple` is equal.
    public var multiple: Rate
    /// Labels present, absent, possible.
    public var assertion: ConfusionMatrix
    /// edema, enhancement, endplateDisruption, posteriorExtension, in that order.
    public var features: [FeatureScores]
    /// Labels true, false.
    public var acute: ConfusionMatrix
    /// Labels likely, possible, unlikely.
    public var symptomatic: ConfusionMatrix

    /// fracture, infection, malignancy, in that order.
    public var differentials: [ConditionScores]
    /// The conditions' counts added up.
    public var differentialMicro: DetectionScores
    /// Affirmed / hedged agreement, where the gold gives `differentialAssertions`.
    public var differentialCertainty: Rate

    /// Size within `GoldNode.sizeTolerance`, where the gold gives `sizeMm`.
    public var sizeMm: Rate
    /// `NodeFinding.isLarge` equal to the gold's `large`, where given.
    public var large: Rate
    /// A stated sclerotic rim equal to the gold's `scleroticRim`, where given.
    public var scleroticRim: Rate
    /// Comparison with a prior exam equal to the gold's, where given.
    public var comparison: Rate

    /// Reports whose nodes and differentials equal the gold's, over the evaluated reports.
    public var reportExact: Rate

    /// One row per evaluated report, in gold order.
    public var reports: [ReportOutcome]
    /// Every disagreement, in gold order (per report: matched nodes, missed, spurious, differentials).
    public var mismatches: [Mismatch]
    /// The cases that could not be evaluated.
    public var errors: [ErrorRow]

    /// An empty report over `goldSource` (the evaluator fills it in).
    public init(goldSource: String) {
        self.goldSource = goldSource
        caseCount = 0
        evaluated = Rate(0, of: 0)
        goldNodes = 0
        predictedNodes = 0
        matching = MatchCounts()
        detection = DetectionScores()
        locationExact = Rate(0, of: 0)
        multiple = Rate(0, of: 0)
        assertion = ConfusionMatrix(labels: EvaluationReport.assertionLabels)
        features = EvaluationReport.featureNames.map { FeatureScores(feature: $0.key) }
        acute = ConfusionMatrix(labels: ["true", "false"])
        symptomatic = ConfusionMatrix(labels: EvaluationReport.symptomaticLabels)
        differentials = EvaluationReport.conditionNames.map { ConditionScores(condition: $0) }
        differentialMicro = DetectionScores()
        differentialCertainty = Rate(0, of: 0)
        sizeMm = Rate(0, of: 0)
        large = Rate(0, of: 0)
        scleroticRim = Rate(0, of: 0)
        comparison = Rate(0, of: 0)
        reportExact = Rate(0, of: 0)
        reports = []
        mismatches = []
        errors = []
    }

    static let assertionLabels = ["present", "absent", "possible"]
    static let symptomaticLabels = ["likely", "possible", "unlikely"]
    static let conditionNames = ["fracture", "infection", "malignancy"]
    /// The four features: summary key and gate prefix.
    static let featureNames: [(key: String, gate: String)] = [
        ("edema", "edema"), ("enhancement", "enhancement"), ("endplateDisruption", "endplate-disruption"),
        ("posteriorExtension", "posterior-extension"),
    ]

    /// The figures under their headings, in reading order.
    public var figureGroups: [FigureGroup] {
        var features: [Figure] = []
        for (index, name) in EvaluationReport.featureNames.enumerated() {
            let scores = self.features[index]
            features.append(Figure(name: "\(name.gate)-accuracy", rate: scores.accuracy))
            features.append(
                Figure(name: "\(name.gate)-f1", rate: scores.affirmed.f1, detail: scores.affirmed.countsText))
        }
        var differentials = differentialMicro.figures("differential")
        for scores in self.differentials { differentials += scores.scores.figures(scores.condition) }
        differentials.append(Figure(name: "differential-certainty-accuracy", rate: differentialCertainty))
        return [
            FigureGroup(
                title: "Nodes",
                figures: detection.figures("node") + [
                    Figure(name: "location-exact", rate: locationExact),
                    Figure(name: "multiple-accuracy", rate: multiple),
                    Figure(name: "assertion-accuracy", rate: assertion.accuracy),
                ]),
            FigureGroup(title: "Features (matched nodes)", figures: features),
            FigureGroup(
                title: "Classification (matched nodes)",
                figures: [
                    Figure(name: "acute-accuracy", rate: acute.accuracy),
                    Figure(name: "symptomatic-accuracy", rate: symptomatic.accuracy),
                ]),
            FigureGroup(title: "Differentials", figures: differentials),
            FigureGroup(
                title: "Optional fields (where the gold gives them)",
                figures: [
                    Figure(name: "size-accuracy", rate: sizeMm),
                    Figure(name: "large-accuracy", rate: large),
                    Figure(name: "sclerotic-rim-accuracy", rate: scleroticRim),
                    Figure(name: "comparison-accuracy", rate: comparison),
                ]),
            FigureGroup(
                title: "Reports",
                figures: [
                    Figure(name: "report-exact", rate: reportExact),
                    Figure(name: "evaluated", rate: evaluated, detail: "\(errors.count) error rows"),
                ]),
        ]
    }

    /// Every figure, named as gates name them, in reading order.
    public var figures: [Figure] { figureGroups.flatMap(\.figures) }

    /// The names of `figures`, known before any run (gates are checked against them when parsed).
    public static var figureNames: [String] { EvaluationReport(goldSource: "").figures.map(\.name) }
}
