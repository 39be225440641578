@testable import Schmorl
import SchmorlModel
import Testing

@Suite("Bulk line reader")
struct BulkLineReaderTests {
    enum Seen: Equatable {
        case line(Int, String)
        case tooLong(Int, length: Int)
    }

    /// Every line of `bytes`, read through a file with a tiny chunk so lines cross buffer refills.
    private func lines(_ bytes: [UInt8], maximum: Int = 1 << 20, chunk: Int = 7) throws -> ([Seen], consumed: Int) {
        let directory = try BulkTemporaryDirectory()
        let path = try directory.write("input.jsonl", bytes)
        var reader = try LineReader(path: path, maximumLineLength: maximum, chunkSize: chunk)
        var seen: [Seen] = []
        while let line = try reader.readLine({ line -> Seen in
            switch line.content {
            case .bytes(let bytes): .line(line.number, String(decoding: bytes, as: UTF8.self))
            case .tooLong(let length): .tooLong(line.number, length: length)
            }
        }) {
            seen.append(line)
        }
        #expect(reader.totalBytes == bytes.count)
        return (seen, reader.bytesConsumed)
    }

    @Test("LF and CRLF both end lines; the CR is dropped")
    func crlf() throws {
        let (seen, consumed) = try lines(Array("one\r\ntwo\nthree\r\n".utf8))
        #expect(seen == [.line(1, "one"), .line(2, "two"), .line(3, "three")])
        #expect(consumed == 16)
    }

    @Test("a last line without a final newline is still a line")
    func missingFinalNewline() throws {
        #expect(try lines(Array("a\nlast".utf8)).0 == [.line(1, "a"), .line(2, "last")])
        #expect(try lines(Array("only\r".utf8)).0 == [.line(1, "only")])
        #expect(try lines([]).0 == [])
    }

    @Test("blank lines are lines; a lone CR inside a line is kept")
    func blankLines() throws {
        #expect(try lines(Array("\n\na\rb\n".utf8)).0 == [.line(1, ""), .line(2, ""), .line(3, "a\rb")])
    }

    @Test("an over-long line is reported with its length and skipped; reading goes on", arguments: [3, 7, 64])
    func overLongLine(chunk: Int) throws {
        let long = String(repeating: "x", count: 100)
        let (seen, consumed) = try lines(Array("ok\n\(long)\nafter\n\(long)".utf8), maximum: 20, chunk: chunk)
        #expect(seen == [.line(1, "ok"), .tooLong(2, length: 100), .line(3, "after"), .tooLong(4, length: 100)])
        #expect(consumed == 3 + 101 + 6 + 100)
    }

    @Test("a line of exactly the maximum length is kept")
    func exactMaximum() throws {
        let line = String(repeating: "y", count: 20)
        #expect(try lines(Array("\(line)\n\(line)y\n".utf8), maximum: 20).0 == [.line(1, line), .tooLong(2, length: 21)])
    }

    @Test("a UTF-8 byte order mark at the start is dropped")
    func byteOrderMark() throws {
        #expect(try lines([0xEF, 0xBB, 0xBF] + Array("{}\n".utf8), chunk: 64).0 == [.line(1, "{}")])
    }

    @Test("a file that cannot be opened is an unreadable-input error naming it")
    func missingFile() {
        #expect(throws: SchmorlError.self) { try LineReader(path: "/nonexistent/schmorl/input.jsonl") }
        do {
            _ = try LineReader(path: "/nonexistent/schmorl/input.jsonl")
        } catch {
            #expect(error.code == .unreadableInput)
            #expect(error.record == "/nonexistent/schmorl/input.jsonl")
        }
    }
}
