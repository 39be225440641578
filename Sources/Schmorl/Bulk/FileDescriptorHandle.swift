import SchmorlModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Owns an open file descriptor and closes it when the last reader lets go.
///
/// A class because it owns a C resource (STYLE.md: a class only owns a C resource, frees it in `deinit`).
/// Standard input is wrapped without ownership, so it is never closed.
final class FileDescriptorHandle {
    let descriptor: Int32
    private let ownsDescriptor: Bool

    init(borrowing descriptor: Int32) {
        self.descriptor = descriptor
        self.ownsDescriptor = false
    }

    /// Opens `path` for reading.
    init(openingForReading path: String) throws(SchmorlError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw SchmorlError(
                .unreadableInput, "cannot open the file; check that it exists and is readable", record: path,
                cause: SystemError.describe(errno))
        }
        self.descriptor = descriptor
        self.ownsDescriptor = true
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// The size in bytes when the descriptor is a regular file (so progress can give an ETA), else `nil`.
    var regularFileSize: Int? {
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }
}

/// Renders `errno` values for messages.
enum SystemError {
    static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
