import Foundation
public import SchmorlModel

/// Reads a whole file as bytes, with a size limit and an error that names the file.
public enum FileReader {
    public static func read(path: String, limit: Int, record: String) throws(SchmorlError) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw SchmorlError(.unreadableInput, "cannot open \(path): check the path and its permissions", record: record)
        }
        defer { try? handle.close() }
        do {
            let data = try handle.read(upToCount: limit + 1) ?? Data()
            guard data.count <= limit else {
                throw SchmorlError(.inputTooLarge, "\(path) is over the limit of \(limit) bytes", record: record)
            }
            return [UInt8](data)
        } catch let error as SchmorlError {
            throw error
        } catch {
            throw SchmorlError(.unreadableInput, "cannot read \(path)", record: record, cause: "\(error)")
        }
    }
}
