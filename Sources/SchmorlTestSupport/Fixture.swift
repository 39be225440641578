import Foundation
public import SchmorlModel

/// A report fixture: the report file and its hand-written expected extraction (Fixtures/README.md).
public struct Fixture: Sendable, CustomStringConvertible {
    public var id: String
    public var reportPath: String
    public var expected: FixtureExpectation

    public var description: String { id }

    /// The repository root, found from this source file's path.
    public static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    public static var fixturesDirectory: String { repositoryRoot + "/Fixtures" }

    /// Every fixture in `Fixtures/<folder>`, sorted by id.
    public static func all(in folder: String) -> [Fixture] {
        let directory = fixturesDirectory + "/" + folder
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var fixtures: [Fixture] = []
        for name in names.sorted() where name.hasSuffix(".expected.json") {
            let stem = String(name.dropLast(".expected.json".count))
            guard let report = ["txt", "xml", "json"].map({ "\(directory)/\(stem).\($0)" })
                .first(where: { FileManager.default.fileExists(atPath: $0) }),
                let data = FileManager.default.contents(atPath: "\(directory)/\(name)")
            else { continue }
            do {
                let expected = try JSONDecoder().decode(FixtureExpectation.self, from: data)
                fixtures.append(Fixture(id: stem, reportPath: report, expected: expected))
            } catch {
                fixtures.append(
                    Fixture(
                        id: stem, reportPath: report,
                        expected: FixtureExpectation(id: "unreadable expected file: \(error)", nodes: [], differentials: [])))
            }
        }
        return fixtures
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

/// The expected-file format (Schemas/fixture.schema.json).
public struct FixtureExpectation: Sendable, Codable {
    public struct Node: Sendable, Codable {
        public var level: String?
        public var endplate: Endplate?
        public var assertion: Assertion
        public var multiple: Bool
        public var edema: Bool?
        public var enhancement: Bool?
        public var endplateDisruption: Bool?
        public var posteriorExtension: Bool?
        public var acute: Bool
        public var symptomatic: SymptomaticLikelihood
        public var sizeMm: Double?
        public var large: Bool?
        public var scleroticRim: Bool?
        public var comparison: Comparison?

        public var matchKey: String { "\(level ?? "-")|\(endplate?.rawValue ?? "-")|\(multiple)" }
    }

    public var id: String
    public var nodes: [Node]
    public var differentials: [DifferentialCondition]
    public var differentialAssertions: [String: DifferentialCertainty]?

    public init(id: String, nodes: [Node], differentials: [DifferentialCondition]) {
        self.id = id
        self.nodes = nodes
        self.differentials = differentials
    }

    /// Every field where `extraction` differs, as "node L2/inferior edema: expected true, got nil" lines.
    public func differences(from extraction: Extraction) -> [String] {
        var result: [String] = []
        var actual: [String: ClassifiedNode] = [:]
        for node in extraction.nodes {
            let summary = NodeSummary(
                level: node.finding.location.levelLabel, endplate: node.finding.location.endplate,
                assertion: .present, multiple: node.finding.multiple, edema: nil, enhancement: nil,
                endplateDisruption: nil, posteriorExtension: nil, acute: false, symptomatic: .unlikely)
            if actual[summary.matchKey] != nil { result.append("node \(summary.matchKey) extracted twice") }
            actual[summary.matchKey] = node
        }
        func show(_ value: (some Any)?) -> String { value.map { "\($0)" } ?? "null" }
        for node in nodes {
            guard let got = actual.removeValue(forKey: node.matchKey) else {
                result.append("node \(node.matchKey) missing")
                continue
            }
            let finding = got.finding
            let pairs: [(String, String, String)] = [
                ("assertion", node.assertion.rawValue, finding.assertion.rawValue),
                ("edema", show(node.edema), show(finding.edema.value)),
                ("enhancement", show(node.enhancement), show(finding.enhancement.value)),
                ("endplateDisruption", show(node.endplateDisruption), show(finding.endplateDisruption.value)),
                ("posteriorExtension", show(node.posteriorExtension), show(finding.posteriorExtension.value)),
                ("acute", "\(node.acute)", "\(got.classification.acute)"),
                ("symptomatic", node.symptomatic.rawValue, got.classification.symptomatic.rawValue),
            ]
            for (field, expected, actual) in pairs where expected != actual {
                result.append("node \(node.matchKey) \(field): expected \(expected), got \(actual)")
            }
            if let size = node.sizeMm, finding.sizeMm != size {
                result.append("node \(node.matchKey) sizeMm: expected \(size), got \(show(finding.sizeMm))")
            }
            if let large = node.large, finding.isLarge != large {
                result.append("node \(node.matchKey) large: expected \(large), got \(finding.isLarge)")
            }
            if let rim = node.scleroticRim, (finding.scleroticRim.value ?? false) != rim {
                result.append("node \(node.matchKey) scleroticRim: expected \(rim), got \(show(finding.scleroticRim.value))")
            }
            if let comparison = node.comparison, finding.comparison != comparison {
                result.append(
                    "node \(node.matchKey) comparison: expected \(comparison.rawValue), got \(show(finding.comparison?.rawValue))")
            }
        }
        for key in actual.keys.sorted() { result.append("node \(key) spurious (\(actual[key]!.finding.assertion.rawValue))") }
        let got = extraction.differentials.map(\.condition).sorted()
        if got != differentials.sorted() {
            result.append("differentials: expected \(differentials.map(\.rawValue)), got \(got.map(\.rawValue))")
        }
        return result
    }
}
