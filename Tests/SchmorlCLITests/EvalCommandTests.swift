import Foundation
import SchmorlTestSupport
import Testing

/// `schmorl eval` end to end: the project's own release gate over Fixtures (issue 4), and a deliberately wrong
/// gold file that must fail its gate with the mismatch shown.
@Suite(.serialized) struct EvalCommandTests {
    /// The project's thresholds: what `.ci/run` (through `swift test`) holds every change to.
    static let projectGates = [
        "node-f1=0.95", "assertion-accuracy=0.95", "edema-accuracy=0.9", "acute-accuracy=0.9",
        "symptomatic-accuracy=0.9", "differential-f1=0.9", "report-exact=0.85", "assert-accuracy=0.95",
    ]

    @Test func fixturesPassTheProjectGates() throws {
        let arguments = ["eval", "--gold", "Fixtures", "--assert-cases", "Fixtures/assert/cases.jsonl"]
            + Self.projectGates.flatMap { ["--min", $0] }
        let result = try CommandRunner.run("schmorl", arguments)
        #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
        #expect(result.standardOutput.contains("node-f1"))
        #expect(result.standardOutput.contains("report-exact"))
    }

    @Test func aWrongGoldFileFailsItsGateAndShowsTheMismatch() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("schmorl-eval-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = "Schmorl's node at the inferior endplate of L1 with surrounding marrow edema."
        try report.write(to: directory.appendingPathComponent("r1.txt"), atomically: true, encoding: .utf8)
        // Deliberately wrong: the gold says L2 and no edema.
        let gold = """
            {"id":"r1","file":"r1.txt","nodes":[{"level":"L2","endplate":"inferior","assertion":"present","multiple":false,"edema":false,"enhancement":null,"endplateDisruption":null,"posteriorExtension":null,"acute":false,"symptomatic":"unlikely"}],"differentials":[]}
            """
        let goldPath = directory.appendingPathComponent("gold.jsonl").path
        try gold.write(toFile: goldPath, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(
            "schmorl", ["eval", "--gold", goldPath, "--min", "report-exact=1", "--min", "node-f1=0.9"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("report-exact"))
        #expect(result.standardOutput.contains("r1"))
        #expect(result.standardOutput.contains("L1"), "the mismatch list shows what the engine found")
    }
}
