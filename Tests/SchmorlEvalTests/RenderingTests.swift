import Foundation
import SchmorlEval
import SchmorlModel
import Testing

@Suite("Rendering")
struct RenderingTests {
    static func outcome() throws -> EvaluationOutcome {
        let (report, _) = try EvaluatorTests.evaluate()
        return EvaluationOutcome(report: report, assertions: nil, gates: [try Gate(parsing: "node-f1=0.8")])
    }

    @Test func tableShowsEveryFigureWithItsCounts() throws {
        let table = try Self.outcome().renderTable()
        let lines = table.split(separator: "\n").map(String.init)
        #expect(
            lines.contains {
                $0.hasPrefix("  node-f1 ") && $0.contains("0.769") && $0.contains("10/13")
                    && $0.hasSuffix("TP 5, FP 2, FN 1")
            })
        for name in EvaluationReport.figureNames {
            #expect(lines.contains { $0.hasPrefix("  \(name) ") }, "figure \(name) missing from the table")
        }
        #expect(lines.contains { $0.hasPrefix("  endplate-disruption-f1") && $0.contains("n/a") && $0.contains("0/0") })
        #expect(table.contains("Mismatches (13)"))
        #expect(table.contains("\"no enhancement\""))
        #expect(table.contains("r6 (text/r6.expected.json): no report beside"))
        #expect(table.contains("FAIL: node-f1 0.769 (10/13) is below 0.800"))
        #expect(table.contains("Assertion (rows gold, columns engine; accuracy 0.714 (5/7))"))
    }

    @Test func jsonHasStableKeysAndFigures() throws {
        let outcome = try Self.outcome()
        let json = outcome.renderJSON()
        #expect(json == outcome.renderJSON())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["report", "gates", "passed", "figures"])
        let figures = try #require(object["figures"] as? [String: [String: Any]])
        #expect(figures["node-f1"]?["numerator"] as? Int == 10)
        #expect(figures["node-f1"]?["denominator"] as? Int == 13)
        #expect(figures["endplate-disruption-f1"]?["value"] is NSNull)
        #expect(object["passed"] as? Bool == false)
        // The report decodes back to the same values.
        let data = try JSONEncoder().encode(try #require(outcome.report))
        #expect(try JSONDecoder().decode(EvaluationReport.self, from: data) == outcome.report)
    }

    @Test func markdownHasTablesForAPullRequest() throws {
        let markdown = try Self.outcome().renderMarkdown()
        #expect(markdown.contains("| node-f1 | 0.769 | 10/13 | TP 5, FP 2, FN 1 |"))
        #expect(markdown.contains("- **FAIL**: node-f1 0.769 (10/13) is below 0.800"))
        #expect(
            markdown.contains(
                "| r2 | node L2/superior enhancement | true | false | 45-59 \"no enhancement\" |"))
    }

    @Test func evidenceIsEscapedAndLocated() {
        var quoted = evidence(3, "a \"b\"\nc|d")  // 9 bytes
        #expect(quoted.rendered == "3-12 \"a \\\"b\\\"\\nc|d\"")
        quoted.source = SourcePosition(line: 4, column: 7)
        #expect(quoted.rendered.hasSuffix(" (line 4, column 7)"))
    }
}
