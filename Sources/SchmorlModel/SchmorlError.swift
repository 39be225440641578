/// An error that names the record and the problem, with a code machines can branch on.
///
/// Rendering happens at the edge (CLI, bulk writer); in bulk runs an error becomes an error record and the run
/// goes on (../shared/STYLE.md, Errors).
public struct SchmorlError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// An extensible set of error codes.
    public struct Code: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let unreadableInput = Code(rawValue: "unreadable-input")
        public static let invalidUTF8 = Code(rawValue: "invalid-utf8")
        public static let emptyReport = Code(rawValue: "empty-report")
        public static let invalidJSON = Code(rawValue: "invalid-json")
        public static let invalidRecord = Code(rawValue: "invalid-record")
        public static let malformedXML = Code(rawValue: "malformed-xml")
        public static let unsafeXML = Code(rawValue: "unsafe-xml")
        public static let unsupportedFormat = Code(rawValue: "unsupported-format")
        public static let invalidBase64 = Code(rawValue: "invalid-base64")
        public static let inputTooLarge = Code(rawValue: "input-too-large")
        public static let targetNotFound = Code(rawValue: "target-not-found")
        public static let invalidGold = Code(rawValue: "invalid-gold")
    }

    public var code: Code
    /// What went wrong and how to fix it.
    public var message: String
    /// The record (file name or record id) the error belongs to.
    public var record: String?
    /// Where in the input, when known.
    public var position: SourcePosition?
    /// The underlying cause, rendered.
    public var cause: String?

    public init(
        _ code: Code, _ message: String, record: String? = nil, position: SourcePosition? = nil, cause: String? = nil
    ) {
        self.code = code
        self.message = message
        self.record = record
        self.position = position
        self.cause = cause
    }

    /// One line: "record: message (line L, column C)".
    public var description: String {
        var text = ""
        if let record { text += "\(record): " }
        text += message
        if let position { text += " (line \(position.line), column \(position.column))" }
        if let cause { text += ": \(cause)" }
        return text
    }
}
