/// How one gold report fared.
public struct ReportOutcome: Sendable, Hashable, Codable {
    /// The gold id.
    public var id: String
    /// The report file as a reviewer finds it.
    public var file: String
    /// Nodes (as a multiset of summary nodes) and differentials equal to the gold.
    public var exact: Bool
    /// Nodes in the gold.
    public var goldNodes: Int
    /// Nodes the engine gave.
    public var predictedNodes: Int
    /// Entries of the mismatch list for this report.
    public var mismatches: Int

    /// An outcome from its parts.
    public init(id: String, file: String, exact: Bool, goldNodes: Int, predictedNodes: Int, mismatches: Int) {
        self.id = id
        self.file = file
        self.exact = exact
        self.goldNodes = goldNodes
        self.predictedNodes = predictedNodes
        self.mismatches = mismatches
    }
}
