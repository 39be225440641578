public import SchmorlModel

/// A gold case that could not be evaluated: a line that does not parse, a missing report, a report the engine
/// could not read, an assert case whose target is not in its text.
///
/// One row per failing case, and the run goes on (../shared/STYLE.md, Errors: in bulk mode an error becomes an
/// error record). Error rows count in no figure but `evaluated` / `assert-evaluated`.
public struct ErrorRow: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The case id, or "line N" when the line is too broken to give one.
    public var id: String
    /// Where: the gold file and line, or the report file.
    public var location: String?
    /// The error code (`SchmorlError.Code`), for machines.
    public var code: String
    /// What went wrong and how to fix it.
    public var message: String

    /// A row from its parts.
    public init(id: String, location: String? = nil, code: SchmorlError.Code, message: String) {
        self.id = id
        self.location = location
        self.code = code.rawValue
        self.message = message
    }

    /// A row for `error`, which happened to case `id` at `location`.
    public init(id: String, location: String? = nil, error: SchmorlError) {
        var message = error.message
        if let position = error.position { message += " (line \(position.line), column \(position.column))" }
        if let cause = error.cause { message += ": \(cause)" }
        self.init(id: id, location: location, code: error.code, message: message)
    }

    /// "id (location): message".
    public var description: String {
        var text = id
        if let location { text += " (\(location))" }
        return text + ": " + message
    }
}

extension SchmorlError.Code {
    /// A `--min` gate that does not parse or names no figure.
    public static let invalidGate = SchmorlError.Code(rawValue: "invalid-gate")
}
