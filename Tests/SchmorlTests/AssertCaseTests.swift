import Foundation
import Schmorl
import SchmorlModel
import SchmorlTestSupport
import Testing

/// The `assert` cases of Fixtures/assert/cases.jsonl (negation, hedging, pseudo-negation, scope ends, long lists),
/// hand-labelled from domain.md §6.2 and rules.md §1, §4.
@Suite struct AssertCaseTests {
    struct Case: Sendable, Codable, CustomStringConvertible {
        var id: String
        var text: String
        var target: String
        var expected: Assertion
        var description: String { id }
    }

    static let cases: [Case] = {
        guard let data = FileManager.default.contents(atPath: Fixture.fixturesDirectory + "/assert/cases.jsonl") else {
            return []
        }
        return data.split(separator: 0x0A).compactMap { try? JSONDecoder().decode(Case.self, from: Data($0)) }
    }()

    @Test func thereAreEnoughCases() {
        #expect(Self.cases.count >= 30)
    }

    @Test(arguments: cases)
    func assertion(_ testCase: Case) throws {
        let span = try #require(TargetFinder.find(testCase.target, in: testCase.text))
        let result = Pipeline().assert(text: testCase.text, target: span)
        #expect(result.assertion == testCase.expected, "\(testCase.id): \(testCase.text) [\(testCase.target)] cue: \(result.cue?.evidence.text ?? "none")")
    }
}
