import Foundation
public import SchmorlModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a whole file as bytes, with a size limit and an error that names the file.
public enum FileReader {
    public static func read(path: String, limit: Int, record: String) throws(SchmorlError) -> [UInt8] {
        if let bytes = readRegularFile(path: path, limit: limit) { return bytes }
        return try readWithFileHandle(path: path, limit: limit, record: record)
    }

    /// The common case, a regular file within the limit: `open`, `fstat`, one `read` straight into an array of
    /// the file's size, `close`. Returns nil for anything else (the file cannot be opened, is not a regular file,
    /// is over the limit, changed size while read, a read failed), which ``readWithFileHandle(path:limit:record:)``
    /// then reads again and reports with its own error texts.
    ///
    /// Why: a directory of reports reads thousands of small files, and `FileHandle` + `Data` + `[UInt8](data)`
    /// cost three allocations, a copy and seven system calls per file; this path costs one allocation and four
    /// calls. The file is read as `fstat` saw it: one that shrinks while read is left to the slow path, and bytes
    /// appended after the `fstat` are not read (as they would not be a moment earlier).
    private static func readRegularFile(path: String, limit: Int) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(info.st_size)
        guard size > 0, size <= limit else { return nil }
        var complete = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initializedCount in
            guard let base = buffer.baseAddress else { return }
            var total = 0
            while total < size {
                let count = pread(descriptor, base + total, size - total, off_t(total))
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                total += count
            }
            initializedCount = total
            complete = total == size
        }
        return complete ? bytes : nil
    }

    /// Foundation's reader: every case the direct path leaves, with the error texts the command has always given.
    private static func readWithFileHandle(path: String, limit: Int, record: String) throws(SchmorlError) -> [UInt8] {
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
