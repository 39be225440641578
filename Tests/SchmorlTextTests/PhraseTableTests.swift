@testable import SchmorlText
import Testing

/// The phrase tables' lookups, written by hand from the lexicon: the tables are compiled at start-up in one pass
/// over all phrases (`PhraseTable.init`), and whatever that build does, a lookup must find the longest phrase, the
/// first listed among equals, skip glued hyphens, and stop at a blank line and at the range's end.
@Suite struct PhraseTableTests {
    let tables = LexiconTables.shared

    private func tokens(_ text: String) -> [Token] {
        let folded = FoldedText(Array(text.utf8)).bytes
        var tokens: [Token] = []
        Tokenizer.tokenize(folded, vocabulary: tables.vocabulary, into: &tokens)
        return tokens
    }

    @Test func theLongestCueWins() throws {
        let text = tokens("no evidence of fracture")
        let match = try #require(tables.cues.match(text, at: 0, limit: text.count))
        #expect(match.end == 3)
        #expect(match.payload.kind == .negation && match.payload.direction == .forward)
        let short = try #require(tables.cues.match(tokens("no fracture"), at: 0, limit: 2))
        #expect(short.end == 1)
        #expect(short.payload.kind == .negation)
    }

    @Test func aCueListedBothWaysReachesBothWays() throws {
        // "ruled out" is a forward and a backward negation: one entry, both directions.
        let text = tokens("ruled out")
        let match = try #require(tables.cues.match(text, at: 0, limit: text.count))
        #expect(match.end == 2)
        #expect(match.payload.kind == .negation && match.payload.direction == .both)
    }

    @Test func findingsSkipGluedHyphensAndStopAtBlankLinesAndLimits() throws {
        let glued = tokens("t2-hyperintense")
        let match = try #require(tables.findings.match(glued, at: 0, limit: glued.count))
        #expect(match.end == glued.count)
        #expect(tables.findingConcepts[match.payload].contains(.edema))
        let marrow = tokens("bone marrow edema")
        #expect(tables.findings.match(marrow, at: 0, limit: marrow.count)?.end == 3)
        #expect((tables.findings.match(marrow, at: 0, limit: 2)?.end ?? 0) < 3)
        let split = tokens("no evidence\n\nof")
        #expect(tables.cues.match(split, at: 0, limit: split.count)?.end == 1)
    }

    @Test func sitesFindTheirConcepts() throws {
        let text = tokens("pedicle screws and rib")
        var matches: [Match<Concept>] = []
        tables.sites.matchAll(text, in: 0..<text.count, into: &matches)
        #expect(matches.map(\.start) == [0, 3])
        #expect(matches.map(\.end) == [2, 4])
        #expect(matches.map(\.payload) == [.hardware, .nonSpinalSite])
        #expect(tables.sites.match(text, at: 2, limit: text.count) == nil)
    }

    @Test func everyPhraseMatchesAllOfItself() {
        for phrase in Lexicon.findings.map(\.phrase) + Lexicon.cues.map(\.phrase) {
            let text = tokens(phrase)
            let table = Lexicon.findings.contains { $0.phrase == phrase }
            let end = table
                ? tables.findings.match(text, at: 0, limit: text.count)?.end
                : tables.cues.match(text, at: 0, limit: text.count)?.end
            #expect(end == text.count, "\(phrase)")
        }
    }
}
