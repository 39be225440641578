import Foundation
@testable import Schmorl
import SchmorlModel
import Testing

@Suite("Bulk input sources")
struct BulkSourceTests {
    private func jsonLines(_ text: String, maximumLineLength: Int = 1 << 20) throws -> [InputRecord] {
        try jsonLines(Array(text.utf8), maximumLineLength: maximumLineLength)
    }

    private func jsonLines(_ bytes: [UInt8], maximumLineLength: Int = 1 << 20) throws -> [InputRecord] {
        let directory = try BulkTemporaryDirectory()
        let path = try directory.write("sub/corpus.jsonl", bytes)
        return try BulkTestSupport.drain(JSONLinesSource(path: path, maximumLineLength: maximumLineLength))
            .map { record in
                // Paths resolve against the file's directory; strip it so expectations stay short.
                guard case .file(let file) = record.payload else { return record }
                var copy = record
                copy.payload = .file(path: file.replacingOccurrences(of: directory.path + "/sub/", with: "$DIR/"))
                return copy
            }
    }

    private func code(_ record: InputRecord) -> SchmorlError.Code? {
        if case .failure(let error) = record.payload { return error.code }
        return nil
    }

    @Test("text, xml and path records; ids as strings or numbers; blank lines skipped")
    func goodRecords() throws {
        let records = try jsonLines(
            """
            {"id": "a", "text": "Schmorl's node at L2.\\nNo edema."}

            {"id": 17, "xml": "<ClinicalDocument/>"}
               \t
            {"path": "reports/r1.txt", "id": "c"}
            {"id": "d", "path": "/abs/r2.xml"}
            """)
        #expect(
            records == [
                InputRecord(id: "a", payload: .text("Schmorl's node at L2.\nNo edema."), line: 1),
                InputRecord(id: "17", payload: .structured("<ClinicalDocument/>"), line: 3),
                InputRecord(id: "c", payload: .file(path: "$DIR/reports/r1.txt"), line: 5),
                InputRecord(id: "d", payload: .file(path: "/abs/r2.xml"), line: 6),
            ])
    }

    @Test("every kind of broken line gives one failure record, named by its id or line-N")
    func brokenLines() throws {
        let lines: [[UInt8]] = [
            Array(#"this is not json"#.utf8),
            Array(#"["id", "text"]"#.utf8),
            Array(#"{"text": "no id here"}"#.utf8),
            Array(#"{"id": "", "text": "empty id"}"#.utf8),
            Array(#"{"id": "u8", "text": "bad "#.utf8) + [0xFF] + Array(#""}"#.utf8),
            Array(#"{"id": "sur", "text": "\ud800"}"#.utf8),
            Array(#"{"id": "empty", "text": ""}"#.utf8),
            Array(#"{"id": "blank", "text": " \n\t "}"#.utf8),
            Array(#"{"id": "none"}"#.utf8),
            Array(#"{"id": "two", "text": "a", "xml": "<a/>"}"#.utf8),
            Array(#"{"id": "num", "text": 12}"#.utf8),
            Array(#"{"id": "long", "text": ""#.utf8) + Array(repeating: UInt8(ascii: "x"), count: 300) + Array(#""}"#.utf8),
            Array(#"{"id": "cut", "text": "unterminated"#.utf8),
        ]
        let records = try jsonLines(lines.map { $0 + [0x0A] }.reduce([], +), maximumLineLength: 200)
        #expect(records.map(\.id) == [
            "line-1", "line-2", "line-3", "line-4", "u8", "sur", "empty", "blank", "none", "two", "num", "line-12",
            "cut",
        ])
        #expect(records.map(code) == [
            .invalidJSON, .invalidJSON, .invalidRecord, .invalidRecord, .invalidUTF8, .invalidUTF8, .emptyReport,
            .emptyReport, .invalidRecord, .invalidRecord, .invalidRecord, .inputTooLarge, .invalidJSON,
        ])
        #expect(records.map(\.line) == Array(1...13))
    }

    // issue 5 target: N records with 1% broken ones of every kind give exactly N output records, the broken
    // ones as error records, in order.
    @Test("1,000 records with 1% broken of every kind give 1,000 outputs in order", arguments: [1, 2])
    func onePercentBroken(jobs: Int) throws {
        let broken: [Int: (line: [UInt8], id: String, code: String)] = [
            50: (Array(#"{"id": "r50", "text": "cut off"#.utf8), "r50", "invalid-json"),
            150: (Array(#"[1, 2, 3]"#.utf8), "line-151", "invalid-json"),
            250: (Array(#"{"text": "who am I"}"#.utf8), "line-251", "invalid-record"),
            350: (Array(#"{"id": "r350", "text": "caf"#.utf8) + [0xE9] + Array(#""}"#.utf8), "r350", "invalid-utf8"),
            450: (Array(#"{"id": "r450", "text": ""}"#.utf8), "r450", "empty-report"),
            550: (Array(#"{"id": "r550", "xml": "<report><text>unclosed"}"#.utf8), "r550", "malformed-xml"),
            650: (Array(#"{"id": "r650", "text": ""#.utf8) + Array(repeating: 0x61, count: 5_000) + [0x22, 0x7D], "line-651",
                  "input-too-large"),
            750: (Array("not json at all".utf8), "line-751", "invalid-json"),
            850: (Array(#""just a string""#.utf8), "line-851", "invalid-json"),
            950: (Array(#"{"id": "r950", "text": "\udc00"}"#.utf8), "r950", "invalid-utf8"),
        ]
        var input: [UInt8] = []
        for index in 0..<1_000 {
            if let entry = broken[index] {
                input += entry.line
            } else if index % 10 == 0 {
                input += Array(#"{"id": "r\#(index)", "xml": "<report><text>Node at L\#(index % 5 + 1).</text></report>"}"#.utf8)
            } else {
                input += Array(#"{"id": "r\#(index)", "text": "Schmorl's node at L\#(index % 5 + 1).\r\nNo edema."}"#.utf8)
            }
            input += index % 3 == 0 ? [0x0D, 0x0A] : [0x0A]
        }
        input.removeLast()  // no final newline

        let directory = try BulkTemporaryDirectory()
        let path = try directory.write("corpus.jsonl", input)
        let source = try JSONLinesSource(path: path, maximumLineLength: 4_096)
        let (lines, statistics) = try BulkTestSupport.collect(BulkRunner(jobs: jobs, batchSize: 16), source) {
            record, output in
            // Stands in for the pipeline: XML that does not close is malformed.
            if case .structured(let xml) = record.payload, !xml.hasSuffix("</report>") {
                ErrorRecordWriter.append(
                    id: record.id, error: SchmorlError(.malformedXML, "the document is not closed"), to: &output)
                return .failure
            }
            return BulkTestSupport.echo(record, &output)
        }
        #expect(lines.count == 1_000)
        #expect(statistics.records == 1_000)
        #expect(statistics.errors == broken.count)
        for (index, line) in lines.enumerated() {
            let object = try #require(BulkTestSupport.object(line), "output \(index) is not JSON: \(line)")
            if let entry = broken[index] {
                #expect(object["id"] as? String == entry.id, "output \(index)")
                #expect(BulkTestSupport.errorCode(line) == entry.code, "output \(index): \(line)")
            } else {
                #expect(line == #"{"id":"r\#(index)"}"#, "output \(index)")
            }
        }
    }

    @Test("files and directories: recursive, by extension, sorted, ids from file names")
    func filesAndDirectories() throws {
        let directory = try BulkTemporaryDirectory()
        let root = directory.path
        try directory.write("tree/b.txt", "b")
        try directory.write("tree/a.xml", "<a/>")
        try directory.write("tree/notes.md", "skipped: not a report extension")
        try directory.write("tree/.hidden.txt", "skipped: hidden")
        try directory.write("tree/sub/c.json", "{}")
        try directory.write("tree/sub/deeper/d.TXT", "d")
        try directory.write("tree/sub/list.jsonl", #"{"id":"j1","text":"one"}"# + "\n" + #"{"id":"j2","path":"e.txt"}"#)
        try directory.write("tree/z.txt", "z")
        let single = try directory.write("single.report", "explicit files are taken whatever their extension")

        let source = FileRecordSource(paths: [root + "/tree", single, root + "/missing.txt"])
        let records = try BulkTestSupport.drain(source)
        #expect(records.map(\.id) == ["a", "b", "c", "d", "j1", "j2", "z", "single", "missing"])
        #expect(records[0].payload == .file(path: root + "/tree/a.xml"))
        #expect(records[3].payload == .file(path: root + "/tree/sub/deeper/d.TXT"))
        #expect(records[4].payload == .text("one"))
        #expect(records[5].payload == .file(path: root + "/tree/sub/e.txt"))
        #expect(records[7].payload == .file(path: single))
        #expect(code(records[8]) == .unreadableInput)
    }

    @Test("a directory is walked in byte order of its names, whatever the locale: digits, capitals, then the rest")
    func byteOrder() throws {
        let directory = try BulkTemporaryDirectory()
        for name in ["b", "é", "B", "aa", "9", "a", "10", "e"] { try directory.write("t/\(name).txt", name) }
        let records = try BulkTestSupport.drain(FileRecordSource(paths: [directory.path + "/t"]))
        #expect(records.map(\.id) == ["10", "9", "B", "a", "aa", "b", "e", "é"])
    }

    @Test("counting files ahead gives the progress bar a total, unless JSON Lines files are in the tree")
    func countsAhead() throws {
        let directory = try BulkTemporaryDirectory()
        for index in 0..<5 { try directory.write("t/r\(index).txt", "x") }
        var options = FileRecordSource.Options()
        options.countsRecords = true
        #expect(FileRecordSource(paths: [directory.path + "/t"], options: options).progress.totalRecords == 5)
        try directory.write("t/more.jsonl", "{}")
        #expect(FileRecordSource(paths: [directory.path + "/t"], options: options).progress.totalRecords == nil)
    }

    @Test("a JSON Lines file reports bytes read against its size")
    func byteProgress() throws {
        let directory = try BulkTemporaryDirectory()
        let text = #"{"id":"a","text":"x"}"# + "\n" + #"{"id":"b","text":"y"}"# + "\n"
        var source = try JSONLinesSource(path: directory.write("c.jsonl", text))
        #expect(source.progress.totalBytes == text.utf8.count)
        _ = try source.next()
        #expect(source.progress.bytesRead == text.utf8.count / 2)
        _ = try source.next()
        #expect(try source.next() == nil)
        #expect(source.progress.bytesRead == text.utf8.count)
    }
}
