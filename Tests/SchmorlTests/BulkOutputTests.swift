import Foundation
@testable import Schmorl
import SchmorlModel
import Testing

@Suite("Bulk output: JSON strings, error records, progress")
struct BulkOutputTests {
    private func escaped(_ string: String) -> String {
        var buffer: [UInt8] = []
        JSONStringEscaper.append(string, to: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    @Test("JSON needs only quotes, backslashes and controls escaped", arguments: [
        ("plain", #""plain""#), ("a\"b\\c", #""a\"b\\c""#), ("l1\nl2\r\n\t", #""l1\nl2\r\n\t""#),
        ("\u{08}\u{0C}\u{00}\u{1F}", #""\b\f\u0000\u001f""#), ("é — 😀 /", "\"é — 😀 /\""), ("", #""""#),
    ])
    func escaping(input: String, expected: String) {
        #expect(escaped(input) == expected)
    }

    @Test("escaped strings read back as the same string")
    func roundTrip() throws {
        let samples = ["", "x", String((0..<128).map { Character(Unicode.Scalar($0)!) }), "Schmorl’s node — L4–5\u{2028}"]
        for sample in samples {
            let decoded = try JSONSerialization.jsonObject(with: Data(escaped(sample).utf8), options: .fragmentsAllowed)
            #expect(decoded as? String == sample)
        }
    }

    // The scanners test eight bytes at a time: special bytes at every position of a word, next to bytes with the
    // high bit set and to 0x7F, must still be found. Escape with the writer, read back with the reader, and check
    // both against Foundation.
    @Test("escaper and reader round-trip random strings, special bytes anywhere in a word")
    func randomRoundTrip() throws {
        var random = BulkSplitMix(seed: 5)
        let alphabet: [Unicode.Scalar] = ["a", "Z", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}",
            "é", "—", "\u{2028}", "😀", "𝄞", "\u{80}", "\u{FFFF}"]
        for _ in 0..<2_000 {
            let length = Int(random.next() % 40)
            var scalars = String.UnicodeScalarView()
            for _ in 0..<length { scalars.append(alphabet[Int(random.next() % UInt64(alphabet.count))]) }
            let original = String(scalars)
            let literal = escaped(original)
            let foundation = try JSONSerialization.jsonObject(with: Data(literal.utf8), options: .fragmentsAllowed)
            #expect(foundation as? String == original, "Foundation reads \(literal) differently")
            var reader = JSONLineReader(keys: ["text"])
            let line = Array("{\"text\":\(literal)}".utf8)
            let values = try line.withUnsafeBufferPointer { pointer throws(JSONLineError) in try reader.read(pointer) }
            #expect(values == [.string(original)], "the reader reads \(literal) differently")
        }
    }

    @Test("an error record has the id, the code and a message with position and cause")
    func errorRecord() throws {
        var buffer: [UInt8] = []
        let error = SchmorlError(
            .malformedXML, "the \"text\" element is not closed", record: "ignored",
            position: SourcePosition(line: 3, column: 9), cause: "libxml2: EndTag")
        ErrorRecordWriter.append(id: "r\"1", error: error, to: &buffer)
        let line = String(decoding: buffer, as: UTF8.self)
        #expect(line.hasSuffix("}\n"))
        #expect(line.filter { $0 == "\n" }.count == 1)
        let object = try #require(BulkTestSupport.object(line))
        #expect(object["id"] as? String == "r\"1")
        let inner = try #require(object["error"] as? [String: Any])
        #expect(inner["code"] as? String == "malformed-xml")
        #expect(inner["message"] as? String == "the \"text\" element is not closed (line 3, column 9): libxml2: EndTag")
        #expect(Set(object.keys) == ["id", "error"])
        #expect(Set(inner.keys) == ["code", "message"])
    }

    @Test("the bar shows percentage and ETA when the total is known")
    func barWithTotal() {
        let snapshot = BulkProgressSnapshot(
            records: 500, errors: 2, nodes: 40, inputBytes: 0, elapsedSeconds: 10,
            source: SourceProgress(bytesRead: 250, totalBytes: 1_000))
        #expect(
            BulkProgressReporter.render(snapshot, width: 8)
                == "[##......]  25%  500 records  50/s  2 errors  ETA 0:30")
        let counted = BulkProgressSnapshot(
            records: 30, errors: 0, nodes: 0, inputBytes: 0, elapsedSeconds: 3,
            source: SourceProgress(totalRecords: 7_230))
        #expect(BulkProgressReporter.render(counted, width: 4).hasSuffix("ETA 12:00"))
        #expect(BulkProgressReporter.duration(3_725) == "1:02:05")
    }

    @Test("without a total the bar shows records and rate only")
    func barWithoutTotal() {
        let snapshot = BulkProgressSnapshot(
            records: 1_000, errors: 0, nodes: 0, inputBytes: 0, elapsedSeconds: 0.5, source: SourceProgress())
        #expect(BulkProgressReporter.render(snapshot) == "1000 records  2000/s")
    }

    @Test("no bar unless standard error is a terminal; --quiet silences the summary too", arguments: [
        (false, false, false, true), (false, true, true, true), (true, true, false, false),
    ])
    func silence(quiet: Bool, isTerminal: Bool, expectsBar: Bool, expectsSummary: Bool) {
        let written = BulkWrittenText()
        var reporter = BulkProgressReporter(
            quiet: quiet, isTerminal: isTerminal, minimumInterval: 0, write: { written.text += $0 })
        reporter.update(
            BulkProgressSnapshot(
                records: 1, errors: 0, nodes: 0, inputBytes: 0, elapsedSeconds: 1, source: SourceProgress()))
        #expect(written.text.contains("\r") == expectsBar)
        var statistics = BulkStatistics()
        statistics.records = 20_000
        statistics.nodes = 3_120
        statistics.errors = 12
        statistics.seconds = 0.65
        statistics.inputBytes = 36_400_000
        reporter.finish(statistics)
        let summary = "schmorl: 20000 records, 3120 nodes, 12 errors, 0.65 s, 30769 reports/s, 56.0 MB/s\n"
        #expect(written.text.hasSuffix(summary) == expectsSummary)
        #expect(written.text.isEmpty == (!expectsBar && !expectsSummary))
    }
}

final class BulkWrittenText {
    var text = ""
}

/// A seeded generator, so a failure repeats (no global state).
struct BulkSplitMix {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
