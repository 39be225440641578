import SchmorlEval
import SchmorlModel
import Testing

@Suite("Node matching")
struct NodeMatcherTests {
    @Test func passOnePairsOnLevelEndplateAndMultiple() {
        let matching = NodeMatcher.match(
            expected: [summaryNode("L2", .inferior), summaryNode("L3", .superior)],
            predicted: [summaryNode("L3", .superior), summaryNode("L2", .inferior)])
        #expect(
            matching.pairs == [
                NodePair(expected: 0, predicted: 1, pass: .levelEndplateMultiple),
                NodePair(expected: 1, predicted: 0, pass: .levelEndplateMultiple),
            ])
        #expect(matching.unmatchedExpected.isEmpty)
        #expect(matching.unmatchedPredicted.isEmpty)
    }

    @Test func passTwoPairsOnLevelAloneAfterExactKeysAreTaken() {
        // Kissing-like case: gold L3/superior and L3/inferior; engine L3/inferior and L3 (no endplate).
        // Pass 1 pairs the inferiors; pass 2 pairs L3/superior with L3.
        let matching = NodeMatcher.match(
            expected: [summaryNode("L3", .superior), summaryNode("L3", .inferior)],
            predicted: [summaryNode("L3", nil), summaryNode("L3", .inferior)])
        #expect(
            matching.pairs == [
                NodePair(expected: 1, predicted: 1, pass: .levelEndplateMultiple),
                NodePair(expected: 0, predicted: 0, pass: .level),
            ])
    }

    @Test func passThreePairsOnlyLevellessWithLevelless() {
        // A levelled node never pairs with an unlevelled one; the leftovers are missed / spurious.
        let matching = NodeMatcher.match(
            expected: [summaryNode(nil, nil, multiple: true), summaryNode("L1", nil)],
            predicted: [summaryNode("T12", nil), summaryNode(nil, nil)])
        #expect(matching.pairs == [NodePair(expected: 0, predicted: 1, pass: .levelless)])
        #expect(matching.unmatchedExpected == [1])
        #expect(matching.unmatchedPredicted == [0])
    }

    @Test func aVertebraAndADiscLevelAreDifferentLevels() {
        let matching = NodeMatcher.match(expected: [summaryNode("L3", nil)], predicted: [summaryNode("L3-L4", nil)])
        #expect(matching.pairs.isEmpty)
        #expect(matching.unmatchedExpected == [0])
        #expect(matching.unmatchedPredicted == [0])
    }

    @Test func eachNodeIsUsedOnceAndTheBetterCandidateWins() {
        // Two engine nodes on one key: the gold node takes the one that agrees on more fields (edema), not
        // the first; the other is left over.
        let matching = NodeMatcher.match(
            expected: [summaryNode("L2", nil, edema: true)],
            predicted: [summaryNode("L2", nil), summaryNode("L2", nil, edema: true)])
        #expect(matching.pairs == [NodePair(expected: 0, predicted: 1, pass: .levelEndplateMultiple)])
        #expect(matching.unmatchedPredicted == [0])
    }

    @Test func absentNodesArePairedLikeAnyOther() {
        let matching = NodeMatcher.match(
            expected: [summaryNode(nil, nil, .absent)], predicted: [summaryNode(nil, nil, .present)])
        #expect(matching.pairs == [NodePair(expected: 0, predicted: 0, pass: .levelEndplateMultiple)])
    }
}
