/// Counts of (expected, predicted) label pairs: rows are the gold label, columns the engine's.
///
/// The diagonal is what the engine got right, so accuracy is the trace over the total. Labels are strings
/// (the JSON spelling of the values: "present", "true", "null", "likely") so one type serves every categorical
/// field and its JSON reads like the summary shape.
///
/// Invariant: `counts` is `labels.count` × `labels.count`.
public struct ConfusionMatrix: Sendable, Hashable, Codable {
    /// The labels, in the order of rows and of columns.
    public var labels: [String]
    /// `counts[expected][predicted]`, indices into `labels`.
    public var counts: [[Int]]

    /// An empty matrix over `labels`.
    public init(labels: [String]) {
        precondition(Set(labels).count == labels.count, "labels are distinct")
        self.labels = labels
        self.counts = Array(repeating: Array(repeating: 0, count: labels.count), count: labels.count)
    }

    /// Counts one decision. Both labels must be among `labels` (a programmer error otherwise).
    public mutating func add(expected: String, predicted: String) {
        guard let row = labels.firstIndex(of: expected), let column = labels.firstIndex(of: predicted) else {
            preconditionFailure("label outside the matrix: \(expected) / \(predicted)")
        }
        counts[row][column] += 1
    }

    /// The count of one cell; 0 for a label the matrix does not have.
    public subscript(expected expected: String, predicted predicted: String) -> Int {
        guard let row = labels.firstIndex(of: expected), let column = labels.firstIndex(of: predicted) else {
            return 0
        }
        return counts[row][column]
    }

    /// Every decision counted.
    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

    /// The diagonal: decisions where the engine agreed with the gold.
    public var agreements: Int { labels.indices.reduce(0) { $0 + counts[$1][$1] } }

    /// Agreements over every decision.
    public var accuracy: Rate { Rate(agreements, of: total) }

    enum CodingKeys: String, CodingKey {
        case labels, counts, accuracy
    }

    /// Reads `labels` and `counts`, refusing a matrix that is not square over its labels.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let labels = try container.decode([String].self, forKey: .labels)
        let counts = try container.decode([[Int]].self, forKey: .counts)
        guard counts.count == labels.count, counts.allSatisfy({ $0.count == labels.count }) else {
            throw DecodingError.dataCorruptedError(
                forKey: .counts, in: container, debugDescription: "counts must be labels × labels")
        }
        self.labels = labels
        self.counts = counts
    }

    /// Writes the labels, the rows (expected) of columns (predicted), and the accuracy.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(labels, forKey: .labels)
        try container.encode(counts, forKey: .counts)
        try container.encode(accuracy, forKey: .accuracy)
    }
}
