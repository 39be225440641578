/// How many nodes each matching pass paired, and how many were left on each side.
public struct MatchCounts: Sendable, Hashable, Codable {
    /// Pairs made by pass 1 (level, endplate, multiple).
    public var levelEndplateMultiple = 0
    /// Pairs made by pass 2 (level alone).
    public var level = 0
    /// Pairs made by pass 3 (no level with no level).
    public var levelless = 0
    /// Gold nodes left unpaired (positive or absent).
    public var unmatchedExpected = 0
    /// Engine nodes left unpaired (positive or absent).
    public var unmatchedPredicted = 0

    /// No pairs yet.
    public init() {}

    /// Pairs made by every pass.
    public var paired: Int { levelEndplateMultiple + level + levelless }

    mutating func add(_ matching: NodeMatching) {
        for pair in matching.pairs {
            switch pair.pass {
            case .levelEndplateMultiple: levelEndplateMultiple += 1
            case .level: level += 1
            case .levelless: levelless += 1
            }
        }
        unmatchedExpected += matching.unmatchedExpected.count
        unmatchedPredicted += matching.unmatchedPredicted.count
    }
}
