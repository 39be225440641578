/// Reads the fields a caller names out of one JSON Lines record, straight from its bytes.
///
/// A JSON Lines input is mostly report text inside string values, so this reader does the least JSON needs:
/// it checks the line is one well-formed object (RFC 8259), decodes the string values of the keys asked for
/// (escapes, `\uXXXX` and surrogate pairs), keeps numbers, booleans and null of those keys as scalars, and skips
/// every other value, nested ones included, without building anything. Foundation's `JSONSerialization` would
/// build a dictionary of every field of every line; this allocates one `String` per wanted string field and
/// reuses one decode buffer from line to line.
///
/// Limits, so a hostile line costs bounded work: nesting deeper than ``maximumDepth`` is an error; the line
/// length is bounded by the ``LineReader`` that hands it over. Strings of keys that were not asked for are
/// checked for structure (escapes) but not for UTF-8.
///
/// ```swift
/// var reader = JSONLineReader(keys: ["id", "text"])
/// let fields = try reader.read(lineBytes)   // [id, text], each nil when absent
/// ```
public struct JSONLineReader {
    /// A scalar value of a wanted key.
    public enum Value: Sendable, Hashable {
        case string(String)
        /// A string of a key given as `bytesKeys`: its UTF-8 bytes, checked to be valid UTF-8.
        case utf8([UInt8])
        /// The number as written (`12`, `-1.5e3`); convert with `Int(_:)` or `Double(_:)`.
        case number(String)
        case bool(Bool)
        case null
        /// An object or array: skipped, only its presence is kept.
        case composite
    }

    /// Deepest nesting of objects and arrays accepted inside the record.
    public static let maximumDepth = 64

    private let keys: [[UInt8]]
    /// Per key: whether its string value is returned as bytes (``Value/utf8(_:)``).
    private let returnsBytes: [Bool]
    /// The decode buffer, reused from line to line: its count (not just its capacity) is kept at least as long as
    /// the rest of the line being decoded, so a string is decoded straight into its memory with no per-run append.
    private var scratch: [UInt8] = []
    /// The array the last ``read(_:)`` returned, kept to be reused.
    private var recycledValues: [Value?] = []

    /// - Parameters:
    ///   - keys: the keys whose values ``read(_:)`` returns, in this order.
    ///   - bytesKeys: keys whose string values come back as ``Value/utf8(_:)`` instead of ``Value/string(_:)``:
    ///     for text read as bytes, so no `String` is made (and validated once more) only to be turned back into
    ///     bytes.
    public init(keys: [String], bytesKeys: Set<String> = []) {
        self.keys = keys.map { Array($0.utf8) }
        self.returnsBytes = keys.map { bytesKeys.contains($0) }
    }

    /// Reads one line; the result has one entry per key given at `init`, `nil` where the key is absent.
    ///
    /// A key that appears twice keeps its last value. Leading and trailing JSON whitespace is allowed; anything
    /// else after the object is an error.
    /// - Throws: ``JSONLineError``, with the values read before the error (so a caller can still name the record
    ///   by an id that came first).
    /// - Complexity: O(n) in the line length, one pass.
    public mutating func read(_ line: UnsafeBufferPointer<UInt8>) throws(JSONLineError) -> [Value?] {
        // The array of values is reused: a caller that lets go of the last result before the next read (as
        // JSONLinesSource does) leaves it uniquely held, so it is emptied in place, not allocated anew.
        var values: [Value?] = []
        swap(&values, &recycledValues)
        if values.count == keys.count {
            for index in values.indices { values[index] = nil }
        } else {
            values = [Value?](repeating: nil, count: keys.count)
        }
        defer { recycledValues = values }
        var cursor = Cursor(bytes: line)
        do {
            try readObject(&cursor, into: &values)
        } catch {
            var error = error
            error.valuesRead = values
            throw error
        }
        return values
    }

    // MARK: - Grammar

    private mutating func readObject(_ cursor: inout Cursor, into values: inout [Value?]) throws(JSONLineError) {
        cursor.skipWhitespace()
        guard let first = cursor.peek() else {
            throw JSONLineError(.notJSON, "the line is blank", at: cursor.index)
        }
        guard first == UInt8(ascii: "{") else {
            // Tell "valid JSON, wrong type" from "not JSON" by reading the value through.
            let start = cursor.index
            var probe = cursor
            if (try? skipValue(&probe, depth: 1)) != nil {
                probe.skipWhitespace()
                if probe.isAtEnd {
                    throw JSONLineError(.notAnObject, "a record must be a JSON object ({...})", at: start)
                }
            }
            throw JSONLineError(.notJSON, "the line is not JSON", at: start)
        }
        cursor.index += 1
        cursor.skipWhitespace()
        if cursor.peek() == UInt8(ascii: "}") {
            cursor.index += 1
        } else {
            while true {
                cursor.skipWhitespace()
                guard cursor.peek() == UInt8(ascii: "\"") else {
                    throw JSONLineError(.notJSON, "expected a key in quotes", at: cursor.index)
                }
                let wanted = try readKey(&cursor)
                cursor.skipWhitespace()
                guard cursor.peek() == UInt8(ascii: ":") else {
                    throw JSONLineError(.notJSON, "expected ':' after a key", at: cursor.index)
                }
                cursor.index += 1
                cursor.skipWhitespace()
                if let wanted {
                    values[wanted] = try readValue(&cursor, asBytes: returnsBytes[wanted])
                } else {
                    try skipValue(&cursor, depth: 1)
                }
                cursor.skipWhitespace()
                guard let separator = cursor.read() else {
                    throw JSONLineError(.notJSON, "the object is not closed", at: cursor.index)
                }
                if separator == UInt8(ascii: "}") { break }
                guard separator == UInt8(ascii: ",") else {
                    throw JSONLineError(.notJSON, "expected ',' or '}' after a value", at: cursor.index - 1)
                }
            }
        }
        cursor.skipWhitespace()
        guard cursor.isAtEnd else {
            throw JSONLineError(.notJSON, "unexpected text after the object", at: cursor.index)
        }
    }

    /// Reads a key and returns the index of the wanted key it names, if any.
    private mutating func readKey(_ cursor: inout Cursor) throws(JSONLineError) -> Int? {
        let start = cursor.index + 1
        let hasEscapes = try Self.skipString(&cursor)
        let raw = UnsafeBufferPointer(rebasing: cursor.bytes[start..<(cursor.index - 1)])
        if !hasEscapes {
            return wantedIndex(of: raw)
        }
        var decodeCursor = Cursor(bytes: cursor.bytes, index: start - 1)
        // Keys are not checked for UTF-8: a key that is not UTF-8 is simply not one of the wanted keys.
        let decoded = try decodeIntoScratch(&decodeCursor)
        return scratch.withUnsafeBufferPointer { scratch in
            wantedIndex(of: UnsafeBufferPointer(rebasing: scratch[..<decoded.count]))
        }
    }

    /// The index of the wanted key whose bytes are `key`, if any.
    ///
    /// Why not `keys.firstIndex { $0.elementsEqual(key) }`: that walks two generic iterators a byte at a time for
    /// every wanted key, some 400 instructions per key of a line; keys of another length are passed over here by
    /// their count alone, and the one candidate left is compared through its buffer.
    private func wantedIndex(of key: UnsafeBufferPointer<UInt8>) -> Int? {
        let length = key.count
        for index in keys.indices where keys[index].count == length {
            let matches = keys[index].withUnsafeBufferPointer { candidate in
                var offset = 0
                while offset < length, candidate[offset] == key[offset] { offset &+= 1 }
                return offset == length
            }
            if matches { return index }
        }
        return nil
    }

    /// Decodes the string at the cursor into `scratch`, grown first to hold the rest of the line (a string never
    /// decodes to more bytes than it is written with).
    private mutating func decodeIntoScratch(_ cursor: inout Cursor) throws(JSONLineError) -> DecodedString {
        let room = cursor.bytes.count - cursor.index
        if scratch.count < room {
            scratch = [UInt8](repeating: 0, count: Swift.max(room, 2 * scratch.count))
        }
        return try scratch.withUnsafeMutableBufferPointer { buffer throws(JSONLineError) in
            try Self.decodeString(&cursor, into: buffer.baseAddress!)
        }
    }

    private mutating func readValue(_ cursor: inout Cursor, asBytes: Bool) throws(JSONLineError) -> Value {
        guard let byte = cursor.peek() else {
            throw JSONLineError(.notJSON, "expected a value", at: cursor.index)
        }
        switch byte {
        case UInt8(ascii: "\""):
            let start = cursor.index
            let decoded = try decodeIntoScratch(&cursor)
            guard decoded.isValidUTF8 else {
                throw JSONLineError(.invalidUTF8, "a string is not valid UTF-8", at: start)
            }
            if asBytes {
                return .utf8(scratch.withUnsafeBufferPointer { Array($0[..<decoded.count]) })
            }
            // Checked above, so decoding repairs nothing: it is the validating initialiser's result, without the
            // second look for non-ASCII bytes.
            return .string(
                scratch.withUnsafeBufferPointer {
                    String(decoding: UnsafeBufferPointer(rebasing: $0[..<decoded.count]), as: UTF8.self)
                })
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = cursor.index
            try Self.skipNumber(&cursor)
            return .number(String(decoding: UnsafeBufferPointer(rebasing: cursor.bytes[start..<cursor.index]), as: UTF8.self))
        case UInt8(ascii: "t"):
            try Self.expectLiteral("true", &cursor)
            return .bool(true)
        case UInt8(ascii: "f"):
            try Self.expectLiteral("false", &cursor)
            return .bool(false)
        case UInt8(ascii: "n"):
            try Self.expectLiteral("null", &cursor)
            return .null
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            try skipValue(&cursor, depth: 1)
            return .composite
        default:
            throw JSONLineError(.notJSON, "expected a value", at: cursor.index)
        }
    }

    /// Skips one value of any type, checking its structure.
    private func skipValue(_ cursor: inout Cursor, depth: Int) throws(JSONLineError) {
        guard let byte = cursor.peek() else {
            throw JSONLineError(.notJSON, "expected a value", at: cursor.index)
        }
        switch byte {
        case UInt8(ascii: "\""):
            _ = try Self.skipString(&cursor)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try Self.skipNumber(&cursor)
        case UInt8(ascii: "t"): try Self.expectLiteral("true", &cursor)
        case UInt8(ascii: "f"): try Self.expectLiteral("false", &cursor)
        case UInt8(ascii: "n"): try Self.expectLiteral("null", &cursor)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard depth < Self.maximumDepth else {
                throw JSONLineError(.tooDeep, "values nest deeper than \(Self.maximumDepth) levels", at: cursor.index)
            }
            let isObject = byte == UInt8(ascii: "{")
            let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
            cursor.index += 1
            cursor.skipWhitespace()
            if cursor.peek() == close {
                cursor.index += 1
                return
            }
            while true {
                cursor.skipWhitespace()
                if isObject {
                    guard cursor.peek() == UInt8(ascii: "\"") else {
                        throw JSONLineError(.notJSON, "expected a key in quotes", at: cursor.index)
                    }
                    _ = try Self.skipString(&cursor)
                    cursor.skipWhitespace()
                    guard cursor.read() == UInt8(ascii: ":") else {
                        throw JSONLineError(.notJSON, "expected ':' after a key", at: cursor.index - 1)
                    }
                    cursor.skipWhitespace()
                }
                try skipValue(&cursor, depth: depth + 1)
                cursor.skipWhitespace()
                guard let separator = cursor.read() else {
                    throw JSONLineError(.notJSON, "a nested value is not closed", at: cursor.index)
                }
                if separator == close { return }
                guard separator == UInt8(ascii: ",") else {
                    throw JSONLineError(.notJSON, "expected ',' between values", at: cursor.index - 1)
                }
            }
        default:
            throw JSONLineError(.notJSON, "expected a value", at: cursor.index)
        }
    }

    /// Skips a string starting at its opening quote; returns whether it holds escapes.
    private static func skipString(_ cursor: inout Cursor) throws(JSONLineError) -> Bool {
        let start = cursor.index
        cursor.index += 1
        var hasEscapes = false
        let bytes = cursor.bytes
        var index = cursor.index
        while index < bytes.count {
            index = JSONSpecialBytes.skipOrdinaryWords(bytes, from: index)
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                cursor.index = index + 1
                return hasEscapes
            }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                guard index + 1 < bytes.count else { break }
                let escaped = bytes[index + 1]
                if escaped == UInt8(ascii: "u") {
                    guard index + 6 <= bytes.count,
                        hexValue(bytes, at: index + 2) != nil
                    else {
                        throw JSONLineError(.notJSON, "\\u needs four hex digits", at: index)
                    }
                    index += 6
                    continue
                }
                guard isSimpleEscape(escaped) else {
                    throw JSONLineError(.notJSON, "unknown escape in a string", at: index)
                }
                index += 2
                continue
            }
            if byte < 0x20 {
                throw JSONLineError(.notJSON, "a control character must be escaped in a string", at: index)
            }
            index += 1
        }
        throw JSONLineError(.notJSON, "a string is not closed", at: start)
    }

    /// What ``decodeString(_:into:)`` wrote.
    private struct DecodedString {
        /// Bytes written.
        var count: Int
        /// Whether the string's raw bytes are valid UTF-8. Escapes always decode to whole UTF-8 sequences (lone
        /// surrogates are errors), so checking the raw bytes between escapes is checking the decoded string.
        var isValidUTF8: Bool
    }

    /// Decodes a string starting at its opening quote into `output`, which has room for the rest of the line.
    ///
    /// One pass: ASCII runs between escapes are copied sixteen bytes a step as they are scanned (no `memcpy` per
    /// run: a report's text has an escaped line break every few dozen bytes, decoded within the same loop); a byte
    /// from 0x80 up starts a UTF-8 sequence, checked in place (RFC 3629, as `String(validating:)` does: no
    /// overlong forms, no surrogates, nothing above U+10FFFF). A string that is not UTF-8 is still read to its end,
    /// so a structural error after the bad bytes is the one reported, as when UTF-8 was checked afterwards.
    /// - Complexity: O(n) in the string's length, O(n / 16) steps over ASCII runs.
    private static func decodeString(
        _ cursor: inout Cursor, into output: UnsafeMutablePointer<UInt8>
    ) throws(JSONLineError) -> DecodedString {
        let start = cursor.index
        let bytes = cursor.bytes
        let count = bytes.count
        guard let base = bytes.baseAddress else {
            throw JSONLineError(.notJSON, "a string is not closed", at: start)
        }
        var index = start + 1
        var written = 0
        var isValidUTF8 = true
        let source = UnsafeRawPointer(base)
        let target = UnsafeMutableRawPointer(output)
        while true {
            // Ordinary bytes are copied as they are scanned, sixteen a step: each chunk is stored before it is
            // looked at, and the bytes from its first special one on are overwritten by what follows. The output
            // never runs ahead of the input, so a store at `written` ends before the rest of the line's length.
            var step = 16
            while index &+ 16 <= count {
                let chunk = source.loadUnaligned(fromByteOffset: index, as: SIMD16<UInt8>.self)
                target.storeBytes(of: chunk, toByteOffset: written, as: SIMD16<UInt8>.self)
                step = JSONSpecialBytes.firstSpecialOrNonASCII(in: chunk)
                index &+= step
                written &+= step
                if step < 16 {
                    // Most special bytes of a report are the backslash of an escaped line break (`\n`, some 25 a
                    // report): decoded here, so the scan goes on without leaving this loop for the general case.
                    guard base[index] == UInt8(ascii: "\\"), index &+ 1 < count, base[index &+ 1] == UInt8(ascii: "n")
                    else { break }
                    output[written] = 0x0A
                    index &+= 2
                    written &+= 1
                    step = 16
                }
            }
            if step == 16 {
                // Fewer than 16 bytes left: one at a time.
                while index < count {
                    let byte = base[index]
                    if byte < 0x20 || byte >= 0x80 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { break }
                    output[written] = byte
                    index &+= 1
                    written &+= 1
                }
            }
            guard index < count else { break }
            let byte = base[index]
            if byte >= 0x80 {
                let length = UTF8Sequence.length(bytes, at: index)
                if length == 0 {
                    isValidUTF8 = false
                    output[written] = byte
                    index += 1
                    written += 1
                } else {
                    (output + written).update(from: base + index, count: length)
                    index += length
                    written += length
                }
                continue
            }
            if byte == UInt8(ascii: "\"") {
                cursor.index = index + 1
                return DecodedString(count: written, isValidUTF8: isValidUTF8)
            }
            if byte < 0x20 {
                throw JSONLineError(.notJSON, "a control character must be escaped in a string", at: index)
            }
            // A backslash.
            guard index + 1 < count else { break }
            let escaped = base[index + 1]
            let decoded: UInt8
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded = escaped
            case UInt8(ascii: "n"): decoded = 0x0A
            case UInt8(ascii: "r"): decoded = 0x0D
            case UInt8(ascii: "t"): decoded = 0x09
            case UInt8(ascii: "b"): decoded = 0x08
            case UInt8(ascii: "f"): decoded = 0x0C
            case UInt8(ascii: "u"):
                index = try decodeUnicodeEscape(bytes, at: index, into: output, written: &written)
                continue
            default:
                throw JSONLineError(.notJSON, "unknown escape in a string", at: index)
            }
            output[written] = decoded
            written += 1
            index += 2
        }
        throw JSONLineError(.notJSON, "a string is not closed", at: start)
    }

    /// Decodes `\uXXXX` (and the low half of a surrogate pair after it) at `index`; returns the index after it.
    ///
    /// A high surrogate must be followed by `\u` and a low one, and a low one never stands alone: JSON allows
    /// lone surrogates in its grammar, but they cannot be UTF-8, so they are an error, as for invalid bytes.
    private static func decodeUnicodeEscape(
        _ bytes: UnsafeBufferPointer<UInt8>, at index: Int, into output: UnsafeMutablePointer<UInt8>,
        written: inout Int
    ) throws(JSONLineError) -> Int {
        guard index + 6 <= bytes.count, let unit = hexValue(bytes, at: index + 2) else {
            throw JSONLineError(.notJSON, "\\u needs four hex digits", at: index)
        }
        var scalar = unit
        var next = index + 6
        switch unit {
        case 0xD800...0xDBFF:
            guard next + 6 <= bytes.count, bytes[next] == UInt8(ascii: "\\"), bytes[next + 1] == UInt8(ascii: "u"),
                let low = hexValue(bytes, at: next + 2), (0xDC00...0xDFFF).contains(low)
            else {
                throw JSONLineError(.invalidUTF8, "a \\u escape holds a lone high surrogate", at: index)
            }
            scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            next += 6
        case 0xDC00...0xDFFF:
            throw JSONLineError(.invalidUTF8, "a \\u escape holds a lone low surrogate", at: index)
        default:
            break
        }
        written += writeUTF8(scalar, to: output + written)
        return next
    }

    /// Writes `scalar` as UTF-8 at `output`; returns the number of bytes written (1 to 4).
    private static func writeUTF8(_ scalar: UInt32, to output: UnsafeMutablePointer<UInt8>) -> Int {
        switch scalar {
        case 0..<0x80:
            output[0] = UInt8(scalar)
            return 1
        case 0x80..<0x800:
            output[0] = UInt8(0xC0 | (scalar >> 6))
            output[1] = UInt8(0x80 | (scalar & 0x3F))
            return 2
        case 0x800..<0x10000:
            output[0] = UInt8(0xE0 | (scalar >> 12))
            output[1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            output[2] = UInt8(0x80 | (scalar & 0x3F))
            return 3
        default:
            output[0] = UInt8(0xF0 | (scalar >> 18))
            output[1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
            output[2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            output[3] = UInt8(0x80 | (scalar & 0x3F))
            return 4
        }
    }

    private static func isSimpleEscape(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            true
        default:
            false
        }
    }

    /// The value of four hex digits at `index`, or `nil`.
    private static func hexValue(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32? {
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[index + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Skips a number, checking RFC 8259's grammar: `-? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?`.
    private static func skipNumber(_ cursor: inout Cursor) throws(JSONLineError) {
        let start = cursor.index
        if cursor.peek() == UInt8(ascii: "-") { cursor.index += 1 }
        guard let first = cursor.peek(), Cursor.isDigit(first) else {
            throw JSONLineError(.notJSON, "malformed number", at: start)
        }
        cursor.index += 1
        if first != UInt8(ascii: "0") { cursor.skipDigits() }
        if cursor.peek() == UInt8(ascii: ".") {
            cursor.index += 1
            guard cursor.skipDigits() > 0 else { throw JSONLineError(.notJSON, "malformed number", at: start) }
        }
        if cursor.peek() == UInt8(ascii: "e") || cursor.peek() == UInt8(ascii: "E") {
            cursor.index += 1
            if cursor.peek() == UInt8(ascii: "+") || cursor.peek() == UInt8(ascii: "-") { cursor.index += 1 }
            guard cursor.skipDigits() > 0 else { throw JSONLineError(.notJSON, "malformed number", at: start) }
        }
    }

    private static func expectLiteral(_ literal: StaticString, _ cursor: inout Cursor) throws(JSONLineError) {
        let count = literal.utf8CodeUnitCount
        let matches = literal.withUTF8Buffer { expected in
            cursor.index + count <= cursor.bytes.count
                && expected.elementsEqual(UnsafeBufferPointer(rebasing: cursor.bytes[cursor.index..<(cursor.index + count)]))
        }
        guard matches else { throw JSONLineError(.notJSON, "expected a value", at: cursor.index) }
        cursor.index += count
    }

    /// A read position in the line; `read…` consumes, `peek…` does not, out of range gives `nil`.
    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        var isAtEnd: Bool { index >= bytes.count }

        func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func read() -> UInt8? {
            guard index < bytes.count else { return nil }
            defer { index += 1 }
            return bytes[index]
        }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        @discardableResult
        mutating func skipDigits() -> Int {
            let start = index
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
            return index - start
        }

        static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    }
}

/// Why a JSON Lines record could not be read, and where in the line.
public struct JSONLineError: Error, Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Not well-formed JSON.
        case notJSON
        /// Well-formed JSON, but not an object.
        case notAnObject
        /// A string that cannot be UTF-8: raw invalid bytes or a lone surrogate escape.
        case invalidUTF8
        /// Nesting beyond ``JSONLineReader/maximumDepth``.
        case tooDeep
    }

    public var kind: Kind
    public var message: String
    /// Byte offset in the line (0-based).
    public var offset: Int
    /// The wanted values read before the error, in the reader's key order.
    public var valuesRead: [JSONLineReader.Value?] = []

    public init(_ kind: Kind, _ message: String, at offset: Int) {
        self.kind = kind
        self.message = message
        self.offset = offset
    }
}
