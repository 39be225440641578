import Foundation
import SchmorlEval
import SchmorlModel
import Testing

@Suite("Gold loading")
struct GoldSetTests {
    /// A JSON Lines gold file beside a reports folder, with one line for each way a line can go wrong.
    static func writeJSONLines(in directory: TemporaryDirectory) throws -> String {
        try directory.write("Report a.", to: "reports/a.txt")
        try directory.write("<x/>", to: "reports/b.xml")
        let lines = [
            // 1: fine.
            goldJSON("a", [goldNodeJSON("L2", "inferior")], extra: ", \"file\": \"a.txt\""),
            // 2: no extension: found as b.xml; format carried. CRLF line ending.
            goldJSON("b", [], ["malignancy"], extra: ", \"file\": \"b\", \"format\": \"cda\"") + "\r",
            // 3: not JSON.
            "{oops",
            // 4: report missing.
            goldJSON("c", [], extra: ", \"file\": \"c.txt\""),
            // 5: a level that is no level.
            goldJSON("d", [goldNodeJSON("L9", nil)], extra: ", \"file\": \"a.txt\""),
            // 6: the id of line 1 again.
            goldJSON("a", [], extra: ", \"file\": \"a.txt\""),
            // 7: a feature as a string.
            goldJSON(
                "e",
                [goldNodeJSON("L4/5", nil).replacingOccurrences(of: "\"edema\": null", with: "\"edema\": \"yes\"")],
                extra: ", \"file\": \"a.txt\""),
            // 8: blank (skipped, not an error).
            "   ",
            // 9: spreadsheet spellings normalised, optional keys and unknown keys read.
            goldJSON(
                "f",
                [goldNodeJSON("l4\u{2013}5", nil, extra: ", \"sizeMm\": 12.5, \"comparison\": \"new\", \"colour\": 1")],
                ["malignancy", "fracture", "malignancy"],
                extra: ", \"file\": \"a.txt\", \"differentialAssertions\": {\"fracture\": \"hedged\"}, "
                    + "\"twin\": \"a\""),
            // 10: no nodes key.
            "{\"id\": \"g\", \"file\": \"a.txt\", \"differentials\": []}",
            // 11: an unknown condition.
            goldJSON("h", [], ["gout"], extra: ", \"file\": \"a.txt\""),
        ]
        return try directory.write(lines.joined(separator: "\n") + "\n", to: "gold.jsonl")
    }

    @Test func jsonLinesLinesThatFailBecomeErrorRows() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try Self.writeJSONLines(in: directory)
        let gold = try GoldSet(contentsOf: path, reportsDirectory: directory.path + "/reports")
        #expect(gold.cases.map(\.id) == ["a", "b", "f"])
        #expect(gold.cases.map(\.file) == ["a.txt", "b.xml", "a.txt"])
        #expect(gold.cases[1].format == .cda)
        #expect(gold.cases[1].reportPath == directory.path + "/reports/b.xml")
        let f = gold.cases[2]
        #expect(f.nodes[0].summary.level == "L4-L5")
        #expect(f.nodes[0].sizeMm == 12.5)
        #expect(f.nodes[0].comparison == .new)
        #expect(f.differentials == [.fracture, .malignancy])
        #expect(f.differentialAssertions == [.fracture: .hedged])
        #expect(f.twin == "a")

        #expect(gold.errors.map(\.id) == ["line 3", "c", "d", "a", "e", "g", "h"])
        #expect(gold.errors.map(\.location) == [3, 4, 5, 6, 7, 10, 11].map { "\(path):\($0)" })
        #expect(
            gold.errors.map(\.code) == [
                "invalid-gold", "unreadable-input", "invalid-gold", "invalid-gold", "invalid-gold", "invalid-gold",
                "invalid-gold",
            ])
        #expect(gold.errors[0].message.hasPrefix("gold does not parse: not valid JSON"))
        #expect(gold.errors[1].message.hasPrefix("report file c.txt not found under \(directory.path)/reports"))
        #expect(gold.errors[2].message.contains("nodes[0].level"))
        #expect(gold.errors[2].message.contains("\"L9\" is not a vertebra"))
        #expect(gold.errors[3].message.contains("already used on line 1"))
        #expect(gold.errors[4].message == "gold does not parse: nodes[0].edema: expected true or false")
        #expect(gold.errors[5].message == "gold does not parse: nodes: missing; every gold line needs it")
        #expect(gold.errors[6].message.contains("differentials[0]"))
    }

    @Test func jsonLinesReportsDefaultToTheGoldFilesFolder() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("Report.", to: "r1.txt")
        let path = try directory.write(goldJSON("r1", []) + "\n", to: "gold.jsonl")
        // No "file": looked up by id, with the extensions tried in turn.
        let gold = try GoldSet(contentsOf: path)
        #expect(gold.cases.map(\.reportPath) == [directory.path + "/r1.txt"])
        #expect(gold.errors.isEmpty)
    }

    @Test func aGoldPathThatIsNotThereThrows() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(throws: SchmorlError.self) { try GoldSet(contentsOf: directory.path + "/missing.jsonl") }
        // A directory with no gold in it is refused, not scored as perfect.
        do {
            _ = try GoldSet(contentsOf: directory.path)
            Issue.record("an empty gold directory loaded")
        } catch {
            #expect(error.code == .invalidGold)
        }
    }

    @Test func fixtureGoldThatDoesNotParseIsAnErrorRow() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("x", to: "text/good.txt")
        try directory.write(goldJSON("good", []), to: "text/good.expected.json")
        try directory.write("x", to: "text/bad.txt")
        try directory.write("{\"id\": \"bad\", \"nodes\": [{}], \"differentials\": []}", to: "text/bad.expected.json")
        try directory.write("x", to: "text/.hidden/skip.txt")
        try directory.write(goldJSON("skip", []), to: "text/.hidden/skip.expected.json")
        let gold = try GoldSet(contentsOf: directory.path)
        #expect(gold.cases.map(\.id) == ["good"])
        #expect(gold.errors.count == 1)
        #expect(gold.errors[0].id == "bad")
        #expect(gold.errors[0].message == "gold does not parse: nodes[0].assertion: missing; every gold line needs it")
    }

    @Test func selectExtractionPicksTheGoldsReport() throws {
        let goldCase = GoldCase(id: "b", reportPath: "/x/bundle.xml", file: "bundle.xml", nodes: [], differentials: [])
        let a = extraction("a", [])
        let b = extraction("b", [])
        #expect(try goldCase.selectExtraction(from: [a, b]) == b)
        #expect(try goldCase.selectExtraction(from: [a]) == a)
        #expect(throws: SchmorlError.self) { try goldCase.selectExtraction(from: []) }
        #expect(throws: SchmorlError.self) { try goldCase.selectExtraction(from: [a, a]) }
    }
}
