public import SchmorlModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a bulk run's output to a file descriptor (standard output by default), a batch per call.
///
/// The runner hands over a batch of ~64 JSON lines at a time, so each call is one `write(2)` with no further
/// buffering. A failed write (a closed pipe with SIGPIPE ignored, a full disk) is an error that stops the run:
/// nothing after it could be delivered.
public struct FileDescriptorOutput: Sendable {
    public let descriptor: Int32

    public init(descriptor: Int32 = 1) { self.descriptor = descriptor }

    /// Writes every byte, retrying short writes and interrupted calls.
    public func write(_ bytes: [UInt8]) throws(SchmorlError) {
        var failure: Int32 = 0
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                #if canImport(Darwin)
                    let written = Darwin.write(descriptor, base + offset, buffer.count - offset)
                #elseif canImport(Musl)
                    let written = Musl.write(descriptor, base + offset, buffer.count - offset)
                #else
                    let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
                #endif
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure != 0 {
            throw SchmorlError(
                .outputFailed, "writing the output failed; check the disk or the reading end of the pipe",
                cause: SystemError.describe(failure))
        }
    }
}
