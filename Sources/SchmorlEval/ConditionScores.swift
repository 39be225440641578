/// The precision, recall and F1 of one differential condition over the evaluated reports (rules.md §3).
public struct ConditionScores: Sendable, Hashable, Codable {
    /// The condition as the summary spells it: "fracture", "infection", "malignancy".
    public var condition: String
    /// Per report: listed by both (TP), by the engine only (FP), by the gold only (FN).
    public var scores: DetectionScores

    /// Scores for `condition`, empty by default.
    public init(condition: String, scores: DetectionScores = DetectionScores()) {
        self.condition = condition
        self.scores = scores
    }
}
