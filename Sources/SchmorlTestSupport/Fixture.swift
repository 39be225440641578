import Foundation
import Schmorl
public import SchmorlEval
import SchmorlModel

/// A report fixture: its gold case as `schmorl eval` reads it (Fixtures/README.md), so the fixture test and the
/// evaluator can never disagree on the format or on what counts as a difference.
public struct Fixture: Sendable, CustomStringConvertible {
    public var gold: GoldCase

    public var id: String { gold.id }
    public var description: String { gold.id }

    /// The repository root, found from this source file's path.
    public static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    public static var fixturesDirectory: String { repositoryRoot + "/Fixtures" }

    /// The gold set of `Fixtures/<folder>`: its cases and the files that could not be read as gold.
    public static func goldSet(in folder: String) -> GoldSet {
        let directory = fixturesDirectory + "/" + folder
        do {
            return try GoldSet.fixtures(at: directory)
        } catch {
            return GoldSet(
                source: directory, cases: [],
                errors: [ErrorRow(id: folder, location: directory, code: error.code, message: error.message)])
        }
    }

    /// Every fixture in `Fixtures/<folder>`, sorted by id.
    public static func all(in folder: String) -> [Fixture] {
        goldSet(in: folder).cases.map { Fixture(gold: $0) }.sorted { $0.id < $1.id }
    }

    /// Every field where the engine's reading of this fixture differs from its gold, one line each, with the
    /// evidence the engine used; the engine's own errors are lines too.
    public func differences() -> [String] {
        let report = Evaluator().evaluate(gold: GoldSet(source: gold.reportPath, cases: [gold])) {
            (gold: GoldCase) throws(SchmorlError) -> Extraction in
            try gold.selectExtraction(from: try Pipeline().extract(fileAt: gold.reportPath, id: gold.id))
        }
        return report.errors.map { "error: \($0.code): \($0.message)" }
            + report.mismatches.map { "\($0.field): expected \($0.expected), got \($0.got) (\($0.evidence))" }
    }

    /// Ids listed in `Fixtures/known-failures.txt` (one id a line, `#` comments): fixtures the engine does not
    /// yet read right, each tracked so that a fix shows up as a test to update.
    public static func knownFailures() -> Set<String> {
        guard let text = try? String(contentsOfFile: fixturesDirectory + "/known-failures.txt", encoding: .utf8) else {
            return []
        }
        return Set(
            text.split(separator: "\n").map { $0.split(separator: "#").first.map(String.init) ?? "" }
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }
}
