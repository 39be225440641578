/// The figures of one node feature (rules.md §1, Features) over matched nodes.
///
/// The feature is a tri-state (true / false / not mentioned, written `null`), so its accuracy is the diagonal of
/// a 3 × 3 confusion matrix over every matched pair; the F1 of `true` treats "the report affirms it" as the
/// decision, because that is what drives classification (rules.md §2) and a false or null both leave it out.
public struct FeatureScores: Sendable, Hashable, Codable {
    /// The summary key: "edema", "enhancement", "endplateDisruption", "posteriorExtension".
    public var feature: String
    /// Labels "true", "false", "null"; rows gold, columns engine.
    public var confusion: ConfusionMatrix
    /// Gold `true` against engine `true`, on the same pairs.
    public var affirmed: DetectionScores

    /// The labels of a tri-state, in matrix order.
    public static let labels = ["true", "false", "null"]

    /// Empty scores for `feature`.
    public init(feature: String) {
        self.feature = feature
        self.confusion = ConfusionMatrix(labels: FeatureScores.labels)
        self.affirmed = DetectionScores()
    }

    /// Counts one matched pair.
    public mutating func add(expected: Bool?, predicted: Bool?) {
        confusion.add(expected: Spelling.of(expected), predicted: Spelling.of(predicted))
        affirmed.add(expected: expected == true, predicted: predicted == true)
    }

    /// Agreement over the tri-state.
    public var accuracy: Rate { confusion.accuracy }
}
