import Foundation
import SchmorlModel
import SchmorlXML

/// Where the test inputs live, found from this file's path so the tests run from any directory.
enum TestFiles {
    /// The package root (…/main).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // SchmorlXMLTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root

    static let fixtures = packageRoot.appendingPathComponent("Fixtures")

    /// ../shared/external/samples beside the package (absent on a machine without shared/).
    static let samples = packageRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/external/samples")

    static func bytes(_ url: URL) -> [UInt8] {
        (try? [UInt8](Data(contentsOf: url))) ?? []
    }

    /// A fixture file's bytes: Fixtures/<folder>/<name>.
    static func fixture(_ folder: String, _ name: String) -> [UInt8] {
        bytes(fixtures.appendingPathComponent(folder).appendingPathComponent(name))
    }

    /// The names of files in a folder with an extension, sorted (empty if the folder is absent).
    static func files(in folder: URL, extension ext: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".\(ext)") }.sorted()
    }

    /// Reads and returns the reports or the error, for tests that check either.
    static func read(
        _ bytes: [UInt8], id: String = "test", format: SourceFormat? = nil, limits: XMLLimits = XMLLimits()
    ) -> Result<[ReportDocument], SchmorlError> {
        do {
            return .success(try XMLReportReader(limits: limits).read(bytes: bytes, id: id, format: format))
        } catch {
            return .failure(error)
        }
    }

    /// The text of a section, by kind.
    static func text(of kind: SectionKind, in document: ReportDocument) -> String? {
        guard let section = document.sections.first(where: { $0.kind == kind }) else { return nil }
        let bytes = Array(document.text.utf8)[section.range.start..<section.range.end]
        return String(decoding: bytes, as: UTF8.self)
    }
}
