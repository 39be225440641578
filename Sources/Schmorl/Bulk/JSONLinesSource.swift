public import SchmorlModel

/// Records from a JSON Lines stream: one object a line, `{"id", "text"}`, `{"id", "xml"}` or `{"id", "path"}`.
///
/// Reads through a ``LineReader`` (bounded buffer) and a ``JSONLineReader`` (no Foundation), so a 1 GB input
/// costs the memory of its longest line. Blank lines are skipped (a trailing empty line is common and carries
/// no record); every other line gives exactly one record, a broken one a failure record:
///
/// | line | record |
/// |---|---|
/// | not JSON, or not an object | `line-N`, `invalid-json` |
/// | no `id` (or an empty one) | `line-N`, `invalid-record` |
/// | none or several of `text`, `xml`, `path`; one that is not a string | the id, `invalid-record` |
/// | a string that is not UTF-8 (raw bytes or a lone surrogate) | the id if read, `invalid-utf8` |
/// | `text` or `xml` empty or only whitespace | the id, `empty-report` |
/// | longer than the line limit | `line-N`, `input-too-large` |
///
/// An `id` may be a string or a number (kept as written). A relative `path` is resolved against the directory of
/// the JSON Lines file, or the working directory for standard input, so a corpus and its list travel together.
public struct JSONLinesSource: RecordSource {
    private var lines: LineReader
    /// `text` is read as bytes: the engine reads bytes, so no `String` is made for it (``ReportText``).
    private var json = JSONLineReader(keys: ["id", "text", "xml", "path"], bytesKeys: ["text"])
    private let pathBase: String?
    private let totalBytes: Int?

    /// Reads standard input.
    public static func standardInput(maximumLineLength: Int = LineReader.defaultMaximumLineLength) -> Self {
        Self(lines: LineReader(fileDescriptor: 0, maximumLineLength: maximumLineLength), pathBase: nil)
    }

    /// Reads the JSON Lines file at `path`.
    public init(path: String, maximumLineLength: Int = LineReader.defaultMaximumLineLength) throws(SchmorlError) {
        self.init(
            lines: try LineReader(path: path, maximumLineLength: maximumLineLength),
            pathBase: PathName.directory(of: path))
    }

    /// Reads lines from any ``LineReader``; relative paths in records resolve against `pathBase` when given.
    public init(lines: LineReader, pathBase: String? = nil) {
        self.lines = lines
        self.pathBase = pathBase
        self.totalBytes = lines.totalBytes
    }

    public var progress: SourceProgress {
        SourceProgress(bytesRead: lines.bytesConsumed, totalBytes: totalBytes)
    }

    /// - Complexity: O(line length).
    public mutating func next() throws(SchmorlError) -> InputRecord? {
        // The JSON reader's decode buffer is reused from line to line; it is moved out of `self` while the line
        // reader (also in `self`) lends its bytes.
        var json = JSONLineReader(keys: [])
        swap(&json, &self.json)
        defer { swap(&json, &self.json) }
        let base = pathBase
        let maximumLineLength = lines.maximumLineLength
        while true {
            let result = try lines.readLine { line -> InputRecord? in
                switch line.content {
                case .tooLong(let length):
                    let id = "line-\(line.number)"
                    return .failure(
                        id: id,
                        SchmorlError(
                            .inputTooLarge,
                            "line \(line.number) is \(length) bytes, over the limit of \(maximumLineLength)"
                                + "; split the record or raise the limit",
                            record: id),
                        line: line.number)
                case .bytes(let bytes):
                    if Self.isBlank(bytes) { return nil }
                    return Self.record(from: bytes, line: line.number, json: &json, pathBase: base)
                }
            }
            guard let result else { return nil }
            if let record = result { return record }
        }
    }

    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    /// Turns one line into a record, or a failure record that says what is wrong with it.
    static func record(
        from bytes: UnsafeBufferPointer<UInt8>, line: Int, json: inout JSONLineReader, pathBase: String?
    ) -> InputRecord {
        // Made only for a record that needs it: most lines have an id.
        func fallbackID() -> String { "line-\(line)" }
        let values: [JSONLineReader.Value?]
        do {
            values = try json.read(bytes)
        } catch {
            let id = Self.id(from: error.valuesRead.first ?? nil) ?? fallbackID()
            let code: SchmorlError.Code = error.kind == .invalidUTF8 ? .invalidUTF8 : .invalidJSON
            return .failure(
                id: id,
                SchmorlError(
                    code, "line \(line): \(error.message) at byte \(error.offset + 1)", record: id,
                    position: SourcePosition(line: line, column: error.offset + 1)),
                line: line)
        }
        guard let id = Self.id(from: values[0]) else {
            let id = fallbackID()
            return .failure(
                id: id,
                SchmorlError(
                    .invalidRecord, "line \(line) has no \"id\" (a non-empty string or a number); add one",
                    record: id),
                line: line)
        }
        // Exactly one of text (1), xml (2) and path (3).
        var which = 0
        var payloadCount = 0
        for index in 1..<values.count where values[index] != nil {
            which = index
            payloadCount += 1
        }
        guard payloadCount == 1, let value = values[which] else {
            let message =
                payloadCount == 0
                ? "the record has none of \"text\", \"xml\" or \"path\"; give one"
                : "the record has more than one of \"text\", \"xml\" and \"path\"; give one"
            return .failure(id: id, SchmorlError(.invalidRecord, message, record: id), line: line)
        }
        if case .utf8(let text) = value {
            guard !isBlank(text) else {
                return .failure(
                    id: id, SchmorlError(.emptyReport, "\"text\" is empty: there is no report to read", record: id),
                    line: line)
            }
            return InputRecord(id: id, payload: .text(ReportText(validatedUTF8: text)), line: line)
        }
        guard case .string(let string) = value else {
            let key = ["text", "xml", "path"][which - 1]
            return .failure(
                id: id, SchmorlError(.invalidRecord, "\"\(key)\" must be a string", record: id), line: line)
        }
        switch which {
        case 2:
            if isBlank(string) {
                return .failure(
                    id: id, SchmorlError(.emptyReport, "\"xml\" is empty: there is no report to read", record: id),
                    line: line)
            }
            return InputRecord(id: id, payload: .structured(string), line: line)
        default:
            guard !string.isEmpty else {
                return .failure(id: id, SchmorlError(.invalidRecord, "\"path\" is empty", record: id), line: line)
            }
            return InputRecord(id: id, payload: .file(path: PathName.resolve(string, against: pathBase)), line: line)
        }
    }

    private static func id(from value: JSONLineReader.Value?) -> String? {
        switch value {
        case .string(let string) where !string.isEmpty: string
        case .number(let number): number
        default: nil
        }
    }

    /// Whether a report text, as UTF-8 bytes, is empty or only whitespace: the same answer as for its `String`.
    private static func isBlank(_ utf8: [UInt8]) -> Bool {
        let firstNonSpace = utf8.firstIndex { byte in
            !(byte == 0x20 || (byte >= 0x09 && byte <= 0x0D))
        }
        guard let firstNonSpace else { return true }
        if utf8[firstNonSpace] < 0x80 { return false }
        return isBlank(String(decoding: utf8, as: UTF8.self))
    }

    /// Whether a report text is empty or only whitespace (ASCII and the common Unicode spaces).
    ///
    /// Reports start with a letter, so the answer is nearly always decided by the first byte: ASCII white space
    /// (the ASCII scalars with the White_Space property) is skipped byte by byte, and only a non-ASCII byte
    /// after it needs the Unicode property lookup, which costs hundreds of instructions per scalar.
    private static func isBlank(_ string: String) -> Bool {
        let firstNonSpace = string.utf8.firstIndex { byte in
            !(byte == 0x20 || (byte >= 0x09 && byte <= 0x0D))
        }
        guard let firstNonSpace else { return true }
        if string.utf8[firstNonSpace] < 0x80 { return false }
        return string.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }
}
