import Foundation
import SchmorlModel

/// One XML (or FHIR JSON) fixture: the file, its expected file and the text fixture it is the twin of.
struct XMLFixture: CustomStringConvertible, Sendable {
    var folder: String
    var stem: String
    var reportFile: String
    /// The parsed expected file.
    var expected: [String: JSONValueBox]

    var description: String { "\(folder)/\(stem)" }

    var expectedID: String? { expected["id"]?.string }
    var twin: String? { expected["twin"]?.string }

    /// Every XML or JSON fixture with an expected file in the per-format folders.
    static let all: [XMLFixture] = {
        var fixtures: [XMLFixture] = []
        for folder in ["cda", "fhir", "dicom-sr", "openi", "generic"] {
            let directory = TestFiles.fixtures.appendingPathComponent(folder)
            for name in TestFiles.files(in: directory, extension: "json") where name.hasSuffix(".expected.json") {
                let stem = String(name.dropLast(".expected.json".count))
                let report = ["xml", "json"].map { "\(stem).\($0)" }.first {
                    FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path)
                }
                guard let report else { continue }
                let data = (try? Data(contentsOf: directory.appendingPathComponent(name))) ?? Data()
                let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
                fixtures.append(
                    XMLFixture(
                        folder: folder, stem: stem, reportFile: report,
                        expected: object.mapValues(JSONValueBox.init)))
            }
        }
        return fixtures
    }()

    var bytes: [UInt8] { TestFiles.fixture(folder, reportFile) }

    /// The text twin's report and expected file, if present.
    var twinText: [UInt8]? {
        guard let twin else { return nil }
        let url = TestFiles.fixtures.appendingPathComponent(twin + ".txt")
        return FileManager.default.fileExists(atPath: url.path) ? TestFiles.bytes(url) : nil
    }

    var twinExpected: [String: JSONValueBox]? {
        guard let twin else { return nil }
        let url = TestFiles.fixtures.appendingPathComponent(twin + ".expected.json")
        guard let data = try? Data(contentsOf: url),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return object.mapValues(JSONValueBox.init)
    }
}

/// A JSON value compared structurally (the expected files are compared with their twins' key by key).
struct JSONValueBox: Equatable, Sendable, CustomStringConvertible {
    let canonical: String
    let string: String?

    init(_ value: Any) {
        string = value as? String
        let data = try? JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys, .fragmentsAllowed])
        canonical = data.map { String(decoding: $0, as: UTF8.self) } ?? "\(value)"
    }

    var description: String { canonical }
}
