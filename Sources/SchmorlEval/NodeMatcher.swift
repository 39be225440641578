public import SchmorlModel

/// Which pass of `NodeMatcher` paired two nodes.
public enum MatchPass: String, Sendable, Hashable, Codable, CaseIterable {
    /// Same level, endplate and `multiple` (`NodeSummary.matchKey`): the location agrees.
    case levelEndplateMultiple = "level-endplate-multiple"
    /// Same level, different endplate or `multiple`: the same node with a location error.
    case level
    /// Both without a level ("no Schmorl's nodes", "scattered Schmorl's nodes").
    case levelless
}

/// One gold node paired with one predicted node.
public struct NodePair: Sendable, Hashable, Codable {
    /// Index into the gold nodes.
    public var expected: Int
    /// Index into the predicted nodes.
    public var predicted: Int
    /// The pass that made the pair.
    public var pass: MatchPass

    /// A pair from its parts.
    public init(expected: Int, predicted: Int, pass: MatchPass) {
        self.expected = expected
        self.predicted = predicted
        self.pass = pass
    }
}

/// The pairing of one report's gold nodes with the engine's, and what was left over on each side.
public struct NodeMatching: Sendable, Hashable, Codable {
    /// Pairs in the order they were made (pass by pass, gold order within a pass).
    public var pairs: [NodePair]
    /// Gold nodes nothing was paired with (missed, if positive), ascending.
    public var unmatchedExpected: [Int]
    /// Predicted nodes nothing was paired with (spurious, if positive), ascending.
    public var unmatchedPredicted: [Int]

    /// A matching from its parts.
    public init(pairs: [NodePair], unmatchedExpected: [Int], unmatchedPredicted: [Int]) {
        self.pairs = pairs
        self.unmatchedExpected = unmatchedExpected
        self.unmatchedPredicted = unmatchedPredicted
    }
}

/// Pairs gold and predicted nodes of one report, each node used at most once.
///
/// Three passes, each over what the earlier ones left:
/// 1. equal (level, endplate, multiple), the fixture test's key (`NodeSummary.matchKey`);
/// 2. equal level alone, both levels given (an endplate or `multiple` error is then a location error on a
///    found node, not a miss plus a false alarm);
/// 3. a node without a level with a node without a level.
///
/// Within a pass, gold nodes are taken in order and each takes the free candidate that agrees with it on the
/// most summary fields (then the first): with two gold nodes on one key, a right answer is not paired with the
/// wrong twin. Absent nodes are paired like any other, so an absent gold node the engine reports present is one
/// pair with an assertion error (see `Evaluator` for how that counts in detection).
///
/// - Complexity: O(g × p) per pass for g gold and p predicted nodes (a report has a handful).
public enum NodeMatcher {
    /// Pairs `expected` (gold) with `predicted` (engine) nodes of one report.
    public static func match(expected: [NodeSummary], predicted: [NodeSummary]) -> NodeMatching {
        var expectedFree = Array(repeating: true, count: expected.count)
        var predictedFree = Array(repeating: true, count: predicted.count)
        var pairs: [NodePair] = []

        for pass in MatchPass.allCases {
            for (goldIndex, gold) in expected.enumerated() where expectedFree[goldIndex] {
                var best: (index: Int, agreement: Int)?
                for (index, candidate) in predicted.enumerated() where predictedFree[index] {
                    guard mayPair(gold, candidate, on: pass) else { continue }
                    let agreement = agreement(gold, candidate)
                    if let current = best, agreement <= current.agreement { continue }
                    best = (index, agreement)
                }
                if let best {
                    expectedFree[goldIndex] = false
                    predictedFree[best.index] = false
                    pairs.append(NodePair(expected: goldIndex, predicted: best.index, pass: pass))
                }
            }
        }
        return NodeMatching(
            pairs: pairs,
            unmatchedExpected: expected.indices.filter { expectedFree[$0] },
            unmatchedPredicted: predicted.indices.filter { predictedFree[$0] })
    }

    /// Whether `pass` may pair the two nodes.
    static func mayPair(_ gold: NodeSummary, _ candidate: NodeSummary, on pass: MatchPass) -> Bool {
        switch pass {
        case .levelEndplateMultiple: gold.matchKey == candidate.matchKey
        case .level: gold.level != nil && gold.level == candidate.level
        case .levelless: gold.level == nil && candidate.level == nil
        }
    }

    /// How many of the ten summary fields two nodes share.
    static func agreement(_ a: NodeSummary, _ b: NodeSummary) -> Int {
        let equal = [
            a.level == b.level, a.endplate == b.endplate, a.assertion == b.assertion, a.multiple == b.multiple,
            a.edema == b.edema, a.enhancement == b.enhancement, a.endplateDisruption == b.endplateDisruption,
            a.posteriorExtension == b.posteriorExtension, a.acute == b.acute, a.symptomatic == b.symptomatic,
        ]
        return equal.filter { $0 }.count
    }
}
