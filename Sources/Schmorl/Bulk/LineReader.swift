public import SchmorlModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Splits a file descriptor's bytes into lines with a bounded buffer, never holding more than one line.
///
/// Which bytes it treats how: a line ends at LF (`\n`); one CR just before the LF is dropped, so CRLF files read
/// as LF files; a last line without a final LF is still a line; a UTF-8 byte order mark at the very start is
/// dropped. Nothing else is interpreted: other bytes (NUL, lone CR, invalid UTF-8) are part of the line for the
/// caller to judge.
///
/// Bounds: a line longer than ``maximumLineLength`` (CR included) is not kept: its bytes are read and dropped up
/// to its LF, and the reader reports ``Line/Content/tooLong(length:)`` with its length, so one huge line costs
/// no more memory than the limit and the run goes on with the next line. The buffer grows from ``chunkSize``
/// only as far as the longest line needs, never past the limit.
///
/// Never rescans: the search for the next LF resumes where the last read stopped.
public struct LineReader {
    /// A line handed to the caller.
    public struct Line {
        public enum Content {
            /// The line's bytes, without its LF or CRLF; valid only inside the `body` of ``readLine(_:)``.
            case bytes(UnsafeBufferPointer<UInt8>)
            /// A line over the limit, dropped; `length` counts its bytes up to the LF.
            case tooLong(length: Int)
        }

        /// 1-based line number.
        public var number: Int
        public var content: Content
    }

    /// Default maximum line length: 64 MiB, well above any report, small enough to bound memory.
    public static let defaultMaximumLineLength = 64 << 20

    public let maximumLineLength: Int
    /// Bytes read from the descriptor per `read(2)`, and the buffer's starting size.
    public let chunkSize: Int
    /// Bytes of complete lines handed out so far (terminators included), for progress.
    public private(set) var bytesConsumed = 0
    /// The number of the last line handed out.
    public private(set) var lineNumber = 0

    private let handle: FileDescriptorHandle
    private let name: String
    private var buffer: [UInt8]
    /// Unconsumed bytes are `buffer[start..<end]`.
    private var start = 0
    private var end = 0
    /// No LF in `buffer[start..<scanned]`: the search resumes at `scanned`.
    private var scanned = 0
    private var reachedEnd = false
    private var isAtStart = true
    /// Set while dropping an over-long line: how many of its bytes were dropped so far.
    private var droppedLength: Int?

    /// Reads from `handle`; `name` names the input in error messages.
    init(handle: FileDescriptorHandle, name: String, maximumLineLength: Int, chunkSize: Int) {
        precondition(maximumLineLength > 0 && chunkSize > 0, "line length and chunk size must be positive")
        self.handle = handle
        self.name = name
        self.maximumLineLength = maximumLineLength
        self.chunkSize = chunkSize
        self.buffer = [UInt8](repeating: 0, count: chunkSize)
    }

    /// Reads lines from a descriptor it does not own (standard input is `0`).
    public init(
        fileDescriptor: Int32, name: String = "standard input",
        maximumLineLength: Int = LineReader.defaultMaximumLineLength, chunkSize: Int = 1 << 18
    ) {
        self.init(
            handle: FileDescriptorHandle(borrowing: fileDescriptor), name: name, maximumLineLength: maximumLineLength,
            chunkSize: chunkSize)
    }

    /// Opens `path` and reads its lines; the file is closed when the reader and its copies are gone.
    public init(
        path: String, maximumLineLength: Int = LineReader.defaultMaximumLineLength, chunkSize: Int = 1 << 18
    ) throws(SchmorlError) {
        self.init(
            handle: try FileDescriptorHandle(openingForReading: path), name: path,
            maximumLineLength: maximumLineLength, chunkSize: chunkSize)
    }

    /// The input's size when it is a regular file.
    public var totalBytes: Int? { handle.regularFileSize }

    /// Reads the next line and passes it to `body`; `nil` at the end of the input.
    ///
    /// - Throws: ``SchmorlError`` with code `unreadableInput` when `read(2)` fails; the reader cannot go on.
    /// - Complexity: amortised O(line length): each byte is read once, searched once with `memchr`, and moved at
    ///   most once when the buffer is compacted.
    public mutating func readLine<Result>(_ body: (Line) -> Result) throws(SchmorlError) -> Result? {
        while true {
            if let newline = findNewline() {
                return consumeLine(endingAt: newline, terminatorLength: 1, body)
            }
            scanned = end
            if let dropped = droppedLength {
                droppedLength = dropped + (end - start)
                start = 0
                end = 0
                scanned = 0
            } else if end - start > maximumLineLength {
                droppedLength = end - start
                start = 0
                end = 0
                scanned = 0
            }
            if reachedEnd {
                if let dropped = droppedLength {
                    droppedLength = nil
                    lineNumber += 1
                    bytesConsumed += dropped
                    return body(Line(number: lineNumber, content: .tooLong(length: dropped)))
                }
                guard start < end else { return nil }
                return consumeLine(endingAt: end, terminatorLength: 0, body)
            }
            try fill()
        }
    }

    /// The index of the next LF in the unconsumed bytes, searching only bytes not searched before.
    private func findNewline() -> Int? {
        guard scanned < end else { return nil }
        return buffer.withUnsafeBufferPointer { pointer -> Int? in
            guard let base = pointer.baseAddress,
                let found = memchr(base + scanned, 0x0A, end - scanned)
            else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    private mutating func consumeLine<Result>(
        endingAt lineEnd: Int, terminatorLength: Int, _ body: (Line) -> Result
    ) -> Result {
        lineNumber += 1
        let lineStart = start
        start = lineEnd + terminatorLength
        scanned = start
        if let dropped = droppedLength {
            droppedLength = nil
            let length = dropped + (lineEnd - lineStart)
            bytesConsumed += length + terminatorLength
            return body(Line(number: lineNumber, content: .tooLong(length: length)))
        }
        bytesConsumed += lineEnd - lineStart + terminatorLength
        if lineEnd - lineStart > maximumLineLength {
            return body(Line(number: lineNumber, content: .tooLong(length: lineEnd - lineStart)))
        }
        var contentEnd = lineEnd
        if contentEnd > lineStart && buffer[contentEnd - 1] == 0x0D { contentEnd -= 1 }
        let number = lineNumber
        return buffer.withUnsafeBufferPointer { pointer in
            body(Line(number: number, content: .bytes(UnsafeBufferPointer(rebasing: pointer[lineStart..<contentEnd]))))
        }
    }

    /// Makes room and reads one chunk; sets `reachedEnd` at end of input.
    private mutating func fill() throws(SchmorlError) {
        if start > 0 {
            let pending = end - start
            if pending > 0 {
                buffer.withUnsafeMutableBufferPointer { pointer in
                    guard let base = pointer.baseAddress else { return }
                    memmove(base, base + start, pending)
                }
            }
            scanned -= start
            end = pending
            start = 0
        }
        if buffer.count - end < max(1, chunkSize / 2) {
            // Room for the longest allowed line, its CRLF and one chunk; never more.
            let limit = maximumLineLength + 2 + chunkSize
            let grown = min(max(buffer.count * 2, end + chunkSize), limit)
            if grown > buffer.count {
                buffer.append(contentsOf: repeatElement(0, count: grown - buffer.count))
            }
        }
        let room = buffer.count - end
        precondition(room > 0, "the line buffer has no room")
        while true {
            let descriptor = handle.descriptor
            let count = buffer.withUnsafeMutableBufferPointer { pointer in
                pointer.baseAddress.map { read(descriptor, $0 + end, room) } ?? 0
            }
            if count > 0 {
                if isAtStart {
                    isAtStart = false
                    dropByteOrderMark(count: count)
                } else {
                    end += count
                }
                return
            }
            if count == 0 {
                reachedEnd = true
                return
            }
            if errno == EINTR { continue }
            throw SchmorlError(
                .unreadableInput, "reading the input failed", record: name, cause: SystemError.describe(errno))
        }
    }

    /// Drops a UTF-8 byte order mark from the first bytes read (a BOM split over two reads is kept; reads of a
    /// few bytes only happen on interactive terminals).
    private mutating func dropByteOrderMark(count: Int) {
        if count >= 3 && buffer[end] == 0xEF && buffer[end + 1] == 0xBB && buffer[end + 2] == 0xBF {
            buffer.withUnsafeMutableBufferPointer { pointer in
                guard let base = pointer.baseAddress else { return }
                memmove(base + end, base + end + 3, count - 3)
            }
            bytesConsumed += 3
            end += count - 3
        } else {
            end += count
        }
    }
}
