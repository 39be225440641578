/// Precision, recall and F1 of one yes/no decision, from its counts.
///
/// Used for node detection, for the `true` value of each feature, for each differential and for the negation
/// and hedging classes of `schmorl assert`. The counts are the stored truth; the three rates are derived, so
/// they always agree with them:
/// - precision = TP / (TP + FP)
/// - recall = TP / (TP + FN)
/// - F1 = 2·TP / (2·TP + FP + FN), the harmonic mean of the two, kept as a `Rate` so its counts show too.
public struct DetectionScores: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Both say yes.
    public var truePositives: Int
    /// Only the engine says yes.
    public var falsePositives: Int
    /// Only the gold says yes.
    public var falseNegatives: Int

    /// Scores from counts.
    public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0) {
        precondition(truePositives >= 0 && falsePositives >= 0 && falseNegatives >= 0, "counts are not negative")
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
    }

    /// Counts one decision: a true positive when both say yes, a false positive when only the prediction does,
    /// a false negative when only the gold does; two noes count nowhere.
    public mutating func add(expected: Bool, predicted: Bool) {
        switch (expected, predicted) {
        case (true, true): truePositives += 1
        case (false, true): falsePositives += 1
        case (true, false): falseNegatives += 1
        case (false, false): break
        }
    }

    /// The sum of two sets of counts (micro-averaging adds counts, never rates).
    public static func + (lhs: DetectionScores, rhs: DetectionScores) -> DetectionScores {
        DetectionScores(
            truePositives: lhs.truePositives + rhs.truePositives,
            falsePositives: lhs.falsePositives + rhs.falsePositives,
            falseNegatives: lhs.falseNegatives + rhs.falseNegatives)
    }

    /// TP / (TP + FP).
    public var precision: Rate { Rate(truePositives, of: truePositives + falsePositives) }
    /// TP / (TP + FN).
    public var recall: Rate { Rate(truePositives, of: truePositives + falseNegatives) }
    /// 2·TP / (2·TP + FP + FN).
    public var f1: Rate { Rate(2 * truePositives, of: 2 * truePositives + falsePositives + falseNegatives) }

    /// "P 0.750 (3/4), R 0.600 (3/5), F1 0.667 (6/9)".
    public var description: String { "P \(precision), R \(recall), F1 \(f1)" }

    enum CodingKeys: String, CodingKey {
        case truePositives, falsePositives, falseNegatives, precision, recall, f1
    }

    /// Reads the counts; the rates are derived again, never trusted from the input.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            truePositives: try container.decode(Int.self, forKey: .truePositives),
            falsePositives: try container.decode(Int.self, forKey: .falsePositives),
            falseNegatives: try container.decode(Int.self, forKey: .falseNegatives))
    }

    /// Writes the counts and the three rates derived from them.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(truePositives, forKey: .truePositives)
        try container.encode(falsePositives, forKey: .falsePositives)
        try container.encode(falseNegatives, forKey: .falseNegatives)
        try container.encode(precision, forKey: .precision)
        try container.encode(recall, forKey: .recall)
        try container.encode(f1, forKey: .f1)
    }
}
