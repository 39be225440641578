import Schmorl
import SchmorlModel
import SchmorlTestSupport
import Testing

/// Every hand-labelled fixture, compared field by field (issue 2: nodes, assertions, features, classification,
/// differentials). Fixtures listed in Fixtures/known-failures.txt are expected to differ: the test then fails if
/// they start to match, so the list only ever shrinks by a reviewed edit.
@Suite struct FixtureTests {
    static let fixtures = Fixture.all(in: "text")
    static let knownFailures = Fixture.knownFailures()

    @Test func thereAreEnoughFixtures() {
        #expect(Self.fixtures.count >= 80)
        let withoutPresentNode = Self.fixtures.filter { fixture in
            !fixture.expected.nodes.contains { $0.assertion == .present }
        }
        #expect(withoutPresentNode.count >= 25)
    }

    @Test(arguments: fixtures)
    func fixtureMatches(_ fixture: Fixture) throws {
        #expect(fixture.expected.id == fixture.id, "the expected file's id must be the file name")
        let extraction = try #require(try Pipeline().extract(fileAt: fixture.reportPath, id: fixture.id).first)
        let differences = fixture.expected.differences(from: extraction)
        if Self.knownFailures.contains(fixture.id) {
            withKnownIssue("listed in Fixtures/known-failures.txt") {
                #expect(differences.isEmpty, "\(fixture.id):\n  \(differences.joined(separator: "\n  "))")
            }
        } else {
            #expect(differences.isEmpty, "\(fixture.id):\n  \(differences.joined(separator: "\n  "))")
        }
    }
}
