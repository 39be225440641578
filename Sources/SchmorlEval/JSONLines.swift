import Foundation
import SchmorlModel

/// The lines of a JSON Lines file, with their 1-based line numbers, blank lines skipped.
///
/// Splits on LF and drops a trailing CR, so files written on Windows or exported from a spreadsheet read the
/// same. A line is handed over as bytes: the decoder, not this splitter, decides what is valid JSON.
func splitJSONLines(_ data: Data) -> [(number: Int, bytes: Data)] {
    var lines: [(number: Int, bytes: Data)] = []
    var number = 0
    var start = data.startIndex
    while start <= data.endIndex {
        let end = data[start...].firstIndex(of: UInt8(ascii: "\n")) ?? data.endIndex
        number += 1
        var line = data[start..<end]
        if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
        if line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) {
            lines.append((number, Data(line)))
        }
        if end == data.endIndex { break }
        start = data.index(after: end)
    }
    return lines
}

/// Reads a whole file, or throws an `.unreadableInput` error that names it and says what to check.
func readFile(_ path: String, record: String? = nil, what: String) throws(SchmorlError) -> Data {
    guard FileManager.default.fileExists(atPath: path) else {
        throw SchmorlError(.unreadableInput, "\(what) \(path) does not exist; check the path", record: record)
    }
    do {
        return try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
        throw SchmorlError(
            .unreadableInput, "cannot read \(what) \(path); check the path and its permissions",
            record: record, cause: error.localizedDescription)
    }
}

/// `path` joined under `directory`, unless it is absolute.
func joinPath(_ directory: String, _ path: String) -> String {
    if path.hasPrefix("/") || directory.isEmpty || directory == "." { return path }
    return directory.hasSuffix("/") ? directory + path : directory + "/" + path
}

/// Whether a regular file (not a directory) exists at `path`.
func isFile(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
}

/// Whether a directory exists at `path`.
func isDirectory(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
}

/// A one-line reason a JSON value did not decode, naming the key path ("nodes[1].edema: ...") so a labeller
/// finds the cell to fix.
func describeDecodingFailure(_ error: any Error) -> String {
    guard let error = error as? DecodingError else { return String(describing: error) }
    func path(_ codingPath: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
        var text = ""
        for key in codingPath + (last.map { [$0] } ?? []) {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text.isEmpty ? "the line" : text
    }
    switch error {
    case .keyNotFound(let key, let context):
        return "\(path(context.codingPath, key)): missing; every gold line needs it"
    case .valueNotFound(_, let context):
        return "\(path(context.codingPath)): null where a value is required"
    case .typeMismatch(let type, let context):
        return "\(path(context.codingPath)): expected \(typeName(type))"
    case .dataCorrupted(let context):
        if context.codingPath.isEmpty { return "not valid JSON: \(context.debugDescription)" }
        return "\(path(context.codingPath)): \(context.debugDescription)"
    @unknown default:
        return String(describing: error)
    }
}

private func typeName(_ type: Any.Type) -> String {
    switch type {
    case is Bool.Type, is Bool?.Type: "true or false"
    case is String.Type, is String?.Type: "a string"
    case is Double.Type, is Int.Type: "a number"
    default: "a \(type)"
    }
}
