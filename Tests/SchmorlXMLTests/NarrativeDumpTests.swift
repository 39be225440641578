import Foundation
import SchmorlModel
import SchmorlXML
import Testing

/// A reviewer's tool, not a check: prints the narrative and sections XML ingest makes of any files.
///
///     SCHMORL_DUMP=path/a.xml:path/b.json swift test --scratch-path .build-xml --filter NarrativeDump
@Suite("Narrative dump (SCHMORL_DUMP)")
struct NarrativeDumpTests {
    @Test(
        "print the narrative of each file in SCHMORL_DUMP",
        .enabled(if: ProcessInfo.processInfo.environment["SCHMORL_DUMP"] != nil, "set SCHMORL_DUMP=file[:file...]"))
    func dump() {
        for path in (ProcessInfo.processInfo.environment["SCHMORL_DUMP"] ?? "").split(separator: ":") {
            let url = URL(fileURLWithPath: String(path))
            switch TestFiles.read(TestFiles.bytes(url), id: url.deletingPathExtension().lastPathComponent) {
            case .success(let documents):
                for document in documents {
                    print("=== \(url.lastPathComponent): \(document.sourceFormat.rawValue), id \(document.id)")
                    print(document.text)
                    for section in document.sections {
                        print(
                            "  [\(section.kind.rawValue)] '\(section.title)' \(section.range.start)..<\(section.range.end) "
                                + "source \(section.sourceCode ?? "-")")
                    }
                    print("  metadata \(document.metadata.sorted { $0.key < $1.key })")
                }
            case .failure(let error):
                print("=== \(url.lastPathComponent): \(error.description)")
            }
        }
    }
}
