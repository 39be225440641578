public import SchmorlModel

/// Writes the output line that stands in for an input that failed.
///
/// Shape (issue 5): `{"id":"...","error":{"code":"...","message":"..."}}` and a newline, one line per failed
/// input, in the input's place, so a consumer can join outputs to inputs by position or by id and count the
/// failures with `grep -c '"error"'`.
public enum ErrorRecordWriter {
    /// Appends the error record of `id`.
    ///
    /// The message carries the error's position and cause when it has them, but not its record name: the id is
    /// already on the line.
    /// - Complexity: O(length of the id and message).
    public static func append(id: String, error: SchmorlError, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: #"{"id":"#.utf8)
        JSONStringEscaper.append(id, to: &buffer)
        buffer.append(contentsOf: #","error":{"code":"#.utf8)
        JSONStringEscaper.append(error.code.rawValue, to: &buffer)
        buffer.append(contentsOf: #","message":"#.utf8)
        JSONStringEscaper.append(message(of: error), to: &buffer)
        buffer.append(contentsOf: "}}\n".utf8)
    }

    /// The error's message with its position and cause, without the record name.
    static func message(of error: SchmorlError) -> String {
        var text = error.message
        if let position = error.position { text += " (line \(position.line), column \(position.column))" }
        if let cause = error.cause { text += ": \(cause)" }
        return text
    }
}
