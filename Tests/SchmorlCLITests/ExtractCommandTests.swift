import Foundation
import SchmorlTestSupport
import Testing

/// `schmorl extract` and `schmorl assert` as a user runs them: the built binary, its output and exit status.
@Suite(.serialized) struct ExtractCommandTests {
    let example = "Fixtures/text/001-acute-l1-inferior-edema-enhancement-full-report.txt"

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func helpExplainsEveryOptionWithAnExample() throws {
        let result = try CommandRunner.run("schmorl", ["extract", "--help"])
        #expect(result.status == 0)
        for option in ["--output", "--jsonl", "--format", "Examples:", "Exit status"] {
            #expect(result.standardOutput.contains(option), "help lacks \(option)")
        }
        let root = try CommandRunner.run("schmorl", ["--help"])
        #expect(root.standardOutput.contains("extract"))
        #expect(root.standardOutput.contains("assert"))
    }

    @Test func oneFileGivesOnePrettyDocumentWithEvidence() throws {
        let result = try CommandRunner.run("schmorl", ["extract", example])
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("{\n"))
        let document = try json(result.standardOutput)
        #expect(document["id"] as? String == "001-acute-l1-inferior-edema-enhancement-full-report")
        #expect(document["offsets"] as? String == "utf8-bytes")
        let nodes = try #require(document["nodes"] as? [[String: Any]])
        #expect(!nodes.isEmpty)
        let classification = try #require(nodes.first?["classification"] as? [String: Any])
        let reasons = try #require(classification["reasons"] as? [[String: Any]])
        #expect(!reasons.isEmpty)
    }

    @Test func summaryIsTheFlatShape() throws {
        let result = try CommandRunner.run("schmorl", ["extract", "--output", "summary", example])
        let document = try json(result.standardOutput)
        #expect(Set(document.keys) == ["id", "nodes", "differentials"])
        let node = try #require((document["nodes"] as? [[String: Any]])?.first)
        #expect(
            Set(node.keys) == [
                "level", "endplate", "assertion", "multiple", "edema", "enhancement", "endplateDisruption",
                "posteriorExtension", "acute", "symptomatic",
            ])
    }

    @Test func severalFilesGiveJSONLinesInOrderAndAnErrorRecordForAMissingOne() throws {
        let files = [example, "Fixtures/text/does-not-exist.txt", "Fixtures/text/040-normal-lumbar-no-schmorl-nodes.txt"]
        let result = try CommandRunner.run("schmorl", ["extract", "--output", "summary"] + files)
        #expect(result.status == 1)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(try json(lines[0])["id"] as? String == "001-acute-l1-inferior-edema-enhancement-full-report")
        let error = try #require(try json(lines[1])["error"] as? [String: Any])
        #expect(error["code"] as? String == "unreadable-input")
        #expect((error["message"] as? String)?.contains("does-not-exist.txt") == true)
        #expect(try json(lines[2])["id"] as? String == "040-normal-lumbar-no-schmorl-nodes")
        #expect(result.standardError.contains("3 records"), "the run's summary: \(result.standardError)")
    }

    @Test func aDirectoryAndAJSONLinesStreamGiveOneRecordPerInputInOrder() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("schmorl-bulk-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "Schmorl's node at L2.".write(to: directory.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try "No Schmorl's nodes.".write(to: directory.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        let fromDirectory = try CommandRunner.run("schmorl", ["extract", "-o", "summary", "--quiet", directory.path])
        #expect(fromDirectory.status == 0)
        let ids = try fromDirectory.standardOutput.split(separator: "\n").map { try json(String($0))["id"] as? String }
        #expect(ids == ["a", "b"])
        let stream = """
            {"id":"r1","text":"Schmorl's node at the inferior endplate of L1 with marrow edema."}
            {"id":"r2","text":""}
            this is not json
            {"id":"r4","text":"Normal study."}
            """
        let result = try CommandRunner.run(
            "schmorl", ["extract", "-o", "summary", "--input-jsonl", "-", "--jobs", "2"], input: Data(stream.utf8))
        #expect(result.status == 1)
        let records = try result.standardOutput.split(separator: "\n").map { try json(String($0)) }
        #expect(records.map { $0["id"] as? String } == ["r1", "r2", "line-3", "r4"])
        #expect(records[1]["error"] != nil)
        #expect(records[2]["error"] != nil)
        #expect(records[3]["error"] == nil)
        #expect(result.standardError.contains("4 records"), "\(result.standardError)")
    }

    @Test func unreadableSingleInputFailsWithOneLineNamingTheFile() throws {
        let result = try CommandRunner.run("schmorl", ["extract", "missing-report.txt"])
        #expect(result.status != 0)
        #expect(result.standardError.split(separator: "\n").count == 1)
        #expect(result.standardError.contains("missing-report.txt"))
    }

    @Test func standardInputIsRead() throws {
        let report = "FINDINGS: Schmorl's node at the inferior endplate of L1 with surrounding marrow edema."
        let result = try CommandRunner.run("schmorl", ["extract", "-o", "summary", "-"], input: Data(report.utf8))
        #expect(result.status == 0)
        let node = try #require((try json(result.standardOutput)["nodes"] as? [[String: Any]])?.first)
        #expect(node["level"] as? String == "L1")
        #expect(node["endplate"] as? String == "inferior")
        #expect(node["acute"] as? Bool == true)
    }

    @Test func invalidUTF8IsAClearError() throws {
        let result = try CommandRunner.run("schmorl", ["extract", "-"], input: Data([0x53, 0xFF, 0xFE, 0x20]))
        #expect(result.status == 1)
        #expect(result.standardError.contains("UTF-8"))
    }

    @Test func assertReadsAndWritesJSONLines() throws {
        let input = """
            {"id":"1","text":"No fracture, but a small Schmorl node at L2.","target":"Schmorl node"}
            {"id":"2","text":"No pneumothorax or pleural effusion.","target":"pleural effusion"}
            not json
            {"id":"4","text":"Possible pneumonia.","start":9,"end":18}
            """
        let result = try CommandRunner.run("schmorl", ["assert"], input: Data(input.utf8))
        #expect(result.status == 1)
        let lines = try result.standardOutput.split(separator: "\n").map { try json(String($0)) }
        #expect(lines.count == 4)
        #expect(lines[0]["assertion"] as? String == "present")
        #expect(lines[1]["assertion"] as? String == "absent")
        #expect(lines[1]["cue"] as? String == "No")
        #expect(lines[2]["error"] != nil)
        #expect(lines[3]["assertion"] as? String == "possible")
    }

    /// Schemas/ validates the fixtures' expected files and the CLI's real output (issue 2, item 7).
    @Test func outputsAndFixturesMatchTheirSchemas() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("schmorl-schema-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let texts = try FileManager.default.contentsOfDirectory(atPath: Fixture.fixturesDirectory + "/text")
            .filter { $0.hasSuffix(".txt") }.sorted().map { "Fixtures/text/" + $0 }
        let full = try CommandRunner.run("schmorl", ["extract", "--jsonl"] + texts)
        let summary = try CommandRunner.run("schmorl", ["extract", "--jsonl", "-o", "summary"] + texts)
        let assertions = try CommandRunner.run("schmorl", ["assert", "Fixtures/assert/cases.jsonl"])
        try full.standardOutput.write(to: directory.appendingPathComponent("full.jsonl"), atomically: true, encoding: .utf8)
        try summary.standardOutput.write(to: directory.appendingPathComponent("summary.jsonl"), atomically: true, encoding: .utf8)
        try assertions.standardOutput.write(to: directory.appendingPathComponent("assert.jsonl"), atomically: true, encoding: .utf8)
        let expectedFiles = try FileManager.default.subpathsOfDirectory(atPath: Fixture.fixturesDirectory)
            .filter { $0.hasSuffix(".expected.json") }.map { "Fixtures/" + $0 }
        let checks: [(String, [String])] = [
            ("extraction.schema.json", [directory.appendingPathComponent("full.jsonl").path]),
            ("summary.schema.json", [directory.appendingPathComponent("summary.jsonl").path]),
            ("assert.schema.json", [directory.appendingPathComponent("assert.jsonl").path]),
            ("fixture.schema.json", expectedFiles),
        ]
        for (schema, files) in checks {
            let result = try CommandRunner.runTool(["python3", "Schemas/validate.py", schema] + files)
            #expect(result.status == 0, "\(schema): \(result.standardOutput)\(result.standardError)")
        }
    }
}
