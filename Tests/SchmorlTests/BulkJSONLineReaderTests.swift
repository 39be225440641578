@testable import Schmorl
import Testing

@Suite("Bulk JSON line reader")
struct BulkJSONLineReaderTests {
    private func read(_ line: String, keys: [String] = ["id", "text"]) throws(JSONLineError) -> [JSONLineReader.Value?] {
        try read(Array(line.utf8), keys: keys)
    }

    private func read(_ bytes: [UInt8], keys: [String] = ["id", "text"]) throws(JSONLineError) -> [JSONLineReader.Value?] {
        var reader = JSONLineReader(keys: keys)
        var result: Result<[JSONLineReader.Value?], JSONLineError> = .success([])
        bytes.withUnsafeBufferPointer { pointer in
            result = Result { () throws(JSONLineError) in try reader.read(pointer) }
        }
        return try result.get()
    }

    private func kind(_ line: String) -> JSONLineError.Kind? {
        do {
            _ = try read(line)
            return nil
        } catch {
            return error.kind
        }
    }

    @Test("every JSON escape decodes", arguments: [
        (#"a\"b"#, "a\"b"), (#"a\\b"#, "a\\b"), (#"a\/b"#, "a/b"), (#"\b\f\n\r\t"#, "\u{08}\u{0C}\n\r\t"),
        (#"caf\u00e9"#, "café"), (#"caf\u00E9"#, "café"), (#"\u2028"#, "\u{2028}"), (#"\u0000"#, "\u{0}"),
        ("raw é — ü", "raw é — ü"),
    ])
    func escapes(escaped: String, expected: String) throws {
        let values = try read(#"{"id":"x","text":""# + escaped + #""}"#)
        #expect(values[1] == .string(expected))
    }

    @Test("escapes and non-ASCII text decode at every offset of a long string (either side of a 16-byte chunk)")
    func escapesAtEveryOffset() throws {
        let pieces = ["\\n", "\\\"", "\\\\", "é", "😀", "\\u00e9", "\\t"]
        let decodedPieces = ["\n", "\"", "\\", "é", "😀", "é", "\t"]
        for (piece, decoded) in zip(pieces, decodedPieces) {
            for offset in 0..<40 {
                let head = String(repeating: "a", count: offset)
                let tail = String(repeating: "b", count: 40 - offset)
                let values = try read(#"{"id":"x","text":""# + head + piece + tail + piece + #""}"#)
                #expect(values[1] == .string(head + decoded + tail + decoded))
            }
        }
    }

    @Test("surrogate pairs make one scalar; lone surrogates are not UTF-8")
    func surrogates() throws {
        #expect(try read(#"{"id":"x","text":"\ud83d\ude00 and \uD834\uDD1E"}"#)[1] == .string("😀 and 𝄞"))
        #expect(kind(#"{"id":"x","text":"\ud83d"}"#) == .invalidUTF8)
        #expect(kind(#"{"id":"x","text":"\ud83d\u0041"}"#) == .invalidUTF8)
        #expect(kind(#"{"id":"x","text":"\ude00"}"#) == .invalidUTF8)
    }

    @Test("raw bytes that are not UTF-8 are reported, with the id read before them")
    func invalidUTF8() {
        let line = Array(#"{"id":"r7","text":"bad "#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        #expect(throws: JSONLineError.self) { try read(line) }
        do {
            _ = try read(line)
        } catch {
            #expect(error.kind == .invalidUTF8)
            #expect(error.valuesRead.first == .some(.string("r7")))
        }
    }

    @Test("UTF-8 is accepted exactly when String(validating:) accepts it, in any position of a long string")
    func utf8AsTheStandardLibraryChecksIt() throws {
        // Boundary sequences of RFC 3629 (overlong, surrogate, above U+10FFFF, truncated, stray continuation),
        // each placed at every offset of a run of ASCII so it meets the 16- and 8-byte scans at every position.
        let sequences: [[UInt8]] = [
            [0xC3, 0xA9], [0xC0, 0x80], [0xC1, 0xBF], [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0x80, 0x80],
            [0xE0, 0x9F, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF],
            [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
            [0xF5, 0x80, 0x80, 0x80], [0xFF], [0x80], [0xBF], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xC2],
        ]
        for sequence in sequences {
            for offset in 0..<20 {
                let body = Array(repeating: UInt8(ascii: "a"), count: offset) + sequence + Array("b\\nc".utf8)
                let decoded = Array(repeating: UInt8(ascii: "a"), count: offset) + sequence + Array("b\nc".utf8)
                let line = Array(#"{"id":"x","text":""#.utf8) + body + Array(#""}"#.utf8)
                if let expected = String(validating: decoded, as: UTF8.self) {
                    #expect(try read(line)[1] == .string(expected), "\(sequence) at \(offset)")
                    var bytesReader = JSONLineReader(keys: ["id", "text"], bytesKeys: ["text"])
                    let bytes = try line.withUnsafeBufferPointer { line throws(JSONLineError) in
                        try bytesReader.read(line)
                    }
                    #expect(bytes[1] == .utf8(decoded), "\(sequence) at \(offset)")
                } else {
                    #expect(throws: JSONLineError.self) { try read(line) }
                    do {
                        _ = try read(line)
                    } catch {
                        #expect(error.kind == .invalidUTF8, "\(sequence) at \(offset)")
                        #expect(error.offset == 17, "\(sequence) at \(offset)")
                    }
                }
            }
        }
    }

    @Test("other keys and values of every type are skipped")
    func skipsOtherValues() throws {
        let line = #"{"meta":{"a":[1,2.5e-3,{"b":null}],"c":"\"}"},"id":42,"flag":true,"text":"t","n":-0.5}"#
        let values = try read(line, keys: ["id", "text", "flag", "meta", "missing"])
        #expect(values == [.number("42"), .string("t"), .bool(true), .composite, nil])
    }

    @Test("a key written with escapes still matches; a repeated key keeps its last value")
    func keys() throws {
        #expect(try read(#"{"\u0069d":"x","text":"a","text":"b"}"#) == [.string("x"), .string("b")])
        #expect(try read("  {}  ") == [nil, nil])
    }

    @Test("broken lines say why", arguments: [
        ("not json at all", JSONLineError.Kind.notJSON), ("[1,2]", .notAnObject), (#""text""#, .notAnObject),
        ("42", .notAnObject), ("null", .notAnObject), (#"{"id":"x""#, .notJSON), (#"{"id":"x",}"#, .notJSON),
        (#"{"id":"x"} trailing"#, .notJSON), (#"{"id":'x'}"#, .notJSON), ("{\"id\":\"a\tb\"}", .notJSON),
        (#"{"id":"x","text":"\q"}"#, .notJSON), (#"{"id":"x","text":"\u12"}"#, .notJSON), (#"{"id":01}"#, .notJSON),
        (#"{"id":1.}"#, .notJSON), (#"{"id":tru}"#, .notJSON), (#"{"id":"x","text":"open}"#, .notJSON),
        ("", .notJSON),
    ])
    func brokenLines(line: String, expected: JSONLineError.Kind) {
        #expect(kind(line) == expected)
    }

    @Test("nesting is bounded")
    func depthLimit() {
        let deep = #"{"id":"x","n":"# + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}"
        #expect(kind(deep) == .tooDeep)
        let fine = #"{"id":"x","n":"# + String(repeating: "[", count: 60) + String(repeating: "]", count: 60) + "}"
        #expect(kind(fine) == nil)
    }
}
