import SchmorlModel
import SchmorlTestSupport
import Testing

/// Every hand-labelled fixture, compared field by field by the evaluator (issue 2: nodes, assertions, features,
/// classification, differentials). Fixtures listed in Fixtures/known-failures.txt are expected to differ: the test
/// then fails if they start to match, so the list only ever shrinks by a reviewed edit.
@Suite struct FixtureTests {
    static let fixtures = Fixture.all(in: "text")
    static let knownFailures = Fixture.knownFailures()

    @Test func everyFixtureReadsAsGold() {
        let errors = Fixture.goldSet(in: "text").errors
        #expect(errors.isEmpty, "\(errors.map { "\($0.id): \($0.message)" })")
    }

    @Test func thereAreEnoughFixtures() {
        #expect(Self.fixtures.count >= 80)
        let withoutPresentNode = Self.fixtures.filter { fixture in
            !fixture.gold.nodes.contains { $0.summary.assertion == .present }
        }
        #expect(withoutPresentNode.count >= 25)
    }

    @Test(arguments: fixtures)
    func fixtureMatches(_ fixture: Fixture) {
        #expect(fixture.gold.reportPath.hasSuffix("/\(fixture.id).txt"), "the expected file's id must be the file name")
        let differences = fixture.differences()
        if Self.knownFailures.contains(fixture.id) {
            withKnownIssue("listed in Fixtures/known-failures.txt") {
                #expect(differences.isEmpty, "\(fixture.id):\n  \(differences.joined(separator: "\n  "))")
            }
        } else {
            #expect(differences.isEmpty, "\(fixture.id):\n  \(differences.joined(separator: "\n  "))")
        }
    }
}
