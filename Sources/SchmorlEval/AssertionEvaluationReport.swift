/// The figures of one run over `schmorl assert` cases, with the mismatch list and the error rows.
///
/// Accuracy is the diagonal of the 3 × 3 matrix (present, absent, possible) over the evaluated cases; negation
/// is the class `absent` and hedging the class `possible`, each scored one against the rest (a case labelled
/// absent and answered possible is a missed negation and a false hedge).
public struct AssertionEvaluationReport: Sendable, Hashable, Codable {
    /// The cases file.
    public var source: String
    /// Cases, error rows included.
    public var caseCount: Int
    /// Cases evaluated (target located), over `caseCount`.
    public var evaluated: Rate
    /// Labels present, absent, possible; rows gold, columns engine.
    public var confusion: ConfusionMatrix
    /// `absent` against the rest.
    public var negation: DetectionScores
    /// `possible` against the rest.
    public var hedging: DetectionScores
    /// Every case the engine got wrong, in file order, with the cue it used.
    public var mismatches: [Mismatch]
    /// The cases that could not be evaluated: load errors, then targets not found.
    public var errors: [ErrorRow]

    /// An empty report (the evaluator fills it in).
    public init(source: String) {
        self.source = source
        caseCount = 0
        evaluated = Rate(0, of: 0)
        confusion = ConfusionMatrix(labels: EvaluationReport.assertionLabels)
        negation = DetectionScores()
        hedging = DetectionScores()
        mismatches = []
        errors = []
    }

    /// Agreement over the evaluated cases.
    public var accuracy: Rate { confusion.accuracy }

    /// Every figure, named as gates name them.
    public var figures: [Figure] {
        [Figure(name: "assert-accuracy", rate: accuracy)] + negation.figures("assert-negation")
            + hedging.figures("assert-hedging")
            + [Figure(name: "assert-evaluated", rate: evaluated, detail: "\(errors.count) error rows")]
    }

    /// The names of `figures`.
    public static var figureNames: [String] { AssertionEvaluationReport(source: "").figures.map(\.name) }
}
