import SchmorlModel

/// A parsed JSON value, with the source position of every string (FHIR JSON's report text lives in strings).
///
/// A small parser of its own rather than Foundation's: it reports errors with line and column, keeps the
/// position of each string for the source map, and bounds nesting depth (``XMLLimits/maximumJSONDepth``).
indirect enum JSONValue {
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
    case string(String, SourcePosition)
    case number(Double)
    case bool(Bool)
    case null

    /// A member of an object by key (the first, if repeated).
    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    var stringValue: String? {
        if case .string(let value, _) = self { return value }
        return nil
    }

    var position: SourcePosition? {
        if case .string(_, let position) = self { return position }
        return nil
    }

    var arrayValue: [JSONValue] {
        if case .array(let values) = self { return values }
        return []
    }

    /// Parses one JSON document (RFC 8259), UTF-8, optional BOM.
    ///
    /// - Throws: `.invalidJSON` with the line and column of the first error.
    static func parse(_ bytes: [UInt8], record: String, maximumDepth: Int) throws(SchmorlError) -> JSONValue {
        var parser = Parser(bytes: bytes, record: record, maximumDepth: maximumDepth)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.failure("unexpected text after the JSON value") }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        let record: String
        let maximumDepth: Int
        var index = 0
        var line = 1
        var lineStart = 0

        init(bytes: [UInt8], record: String, maximumDepth: Int) {
            self.bytes = bytes
            self.record = record
            self.maximumDepth = maximumDepth
        }

        var position: SourcePosition { SourcePosition(line: line, column: index - lineStart + 1) }

        func failure(_ message: String) -> SchmorlError {
            SchmorlError(.invalidJSON, "not valid JSON: \(message)", record: record, position: position)
        }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0D: index += 1
                case 0x0A:
                    index += 1
                    line += 1
                    lineStart = index
                default: return
                }
            }
        }

        mutating func parseValue(depth: Int) throws(SchmorlError) -> JSONValue {
            guard depth <= maximumDepth else {
                throw failure("nested deeper than \(maximumDepth) levels (XMLLimits.maximumJSONDepth)")
            }
            guard index < bytes.count else { throw failure("unexpected end of input") }
            switch bytes[index] {
            case 0x7B: return try parseObject(depth: depth)
            case 0x5B: return try parseArray(depth: depth)
            case 0x22:
                let start = position
                return .string(try parseString(), start)
            case 0x74: return try parseLiteral("true", .bool(true))
            case 0x66: return try parseLiteral("false", .bool(false))
            case 0x6E: return try parseLiteral("null", .null)
            case 0x2D, 0x30...0x39: return try parseNumber()
            default:
                throw failure("unexpected character '\(Character(Unicode.Scalar(bytes[index])))'")
            }
        }

        mutating func parseObject(depth: Int) throws(SchmorlError) -> JSONValue {
            index += 1
            var members: [(key: String, value: JSONValue)] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == 0x7D {
                index += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == 0x22 else { throw failure("expected a string key") }
                let key = try parseString()
                skipWhitespace()
                guard index < bytes.count, bytes[index] == 0x3A else { throw failure("expected ':' after a key") }
                index += 1
                skipWhitespace()
                members.append((key, try parseValue(depth: depth + 1)))
                skipWhitespace()
                guard index < bytes.count else { throw failure("unexpected end of input in an object") }
                if bytes[index] == 0x2C {
                    index += 1
                    continue
                }
                guard bytes[index] == 0x7D else { throw failure("expected ',' or '}'") }
                index += 1
                return .object(members)
            }
        }

        mutating func parseArray(depth: Int) throws(SchmorlError) -> JSONValue {
            index += 1
            var values: [JSONValue] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == 0x5D {
                index += 1
                return .array(values)
            }
            while true {
                skipWhitespace()
                values.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                guard index < bytes.count else { throw failure("unexpected end of input in an array") }
                if bytes[index] == 0x2C {
                    index += 1
                    continue
                }
                guard bytes[index] == 0x5D else { throw failure("expected ',' or ']'") }
                index += 1
                return .array(values)
            }
        }

        mutating func parseLiteral(_ word: StaticString, _ value: JSONValue) throws(SchmorlError) -> JSONValue {
            let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
            guard index + expected.count <= bytes.count, bytes[index..<(index + expected.count)].elementsEqual(expected)
            else { throw failure("invalid literal") }
            index += expected.count
            return value
        }

        mutating func parseNumber() throws(SchmorlError) -> JSONValue {
            let start = index
            while index < bytes.count {
                switch bytes[index] {
                case 0x30...0x39, 0x2D, 0x2B, 0x2E, 0x65, 0x45: index += 1
                default:
                    guard let value = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else {
                        throw failure("invalid number")
                    }
                    return .number(value)
                }
            }
            guard let value = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else {
                throw failure("invalid number")
            }
            return .number(value)
        }

        mutating func parseString() throws(SchmorlError) -> String {
            index += 1
            var output: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case 0x22:
                    index += 1
                    guard let text = String(validating: output, as: UTF8.self) else {
                        throw failure("a string is not valid UTF-8")
                    }
                    return text
                case 0x5C:
                    index += 1
                    guard index < bytes.count else { throw failure("unexpected end of input in a string") }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case 0x22, 0x5C, 0x2F: output.append(escape)
                    case 0x62: output.append(0x08)
                    case 0x66: output.append(0x0C)
                    case 0x6E: output.append(0x0A)
                    case 0x72: output.append(0x0D)
                    case 0x74: output.append(0x09)
                    case 0x75:
                        var scalar = try readHex4()
                        if (0xD800..<0xDC00).contains(scalar) {
                            guard index + 1 < bytes.count, bytes[index] == 0x5C, bytes[index + 1] == 0x75 else {
                                throw failure("unpaired surrogate in \\u escape")
                            }
                            index += 2
                            let low = try readHex4()
                            guard (0xDC00..<0xE000).contains(low) else { throw failure("invalid surrogate pair") }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let unicode = Unicode.Scalar(scalar) else { throw failure("invalid \\u escape") }
                        output.append(contentsOf: String(Character(unicode)).utf8)
                    default:
                        throw failure("invalid escape '\\\(Character(Unicode.Scalar(escape)))'")
                    }
                case 0x00...0x1F:
                    throw failure("control character in a string (escape it)")
                default:
                    output.append(byte)
                    index += 1
                }
            }
            throw failure("unterminated string")
        }

        mutating func readHex4() throws(SchmorlError) -> UInt32 {
            guard index + 4 <= bytes.count else { throw failure("truncated \\u escape") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt32
                switch byte {
                case 0x30...0x39: digit = UInt32(byte - 0x30)
                case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
                default: throw failure("invalid hex digit in \\u escape")
                }
                value = value << 4 | digit
                index += 1
            }
            return value
        }
    }
}
