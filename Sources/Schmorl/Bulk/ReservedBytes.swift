/// Writes bytes into capacity reserved at the end of a byte array, with one capacity check for many bytes.
///
/// Why: `Array.append` checks uniqueness and capacity on every call, about 20 instructions for one byte and 90
/// for a short copy, and a full JSON record is hundreds of small pieces (a comma, a key, a quote, a few digits).
/// ``Swift/Array/appendReserved(upTo:_:)`` reserves room for one piece once, lets the writer fill it through
/// this value, then sets the array's count once.
///
/// Invariant: `count <= capacity`; the caller reserves enough for what it writes. Checked on every write in
/// release builds too: a whole record is written under a bound computed ahead (``CompactExtractionWriter``), and
/// a bound that fell short must stop the process with a message, never write past the array (the check is a
/// compare and a branch that is never taken, a few hundred instructions per record).
struct ReservedBytes: ~Copyable {
    private let start: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    /// Bytes written so far.
    private(set) var count = 0

    init(start: UnsafeMutablePointer<UInt8>, capacity: Int) {
        self.start = start
        self.capacity = capacity
    }

    /// Where the next byte goes.
    var end: UnsafeMutablePointer<UInt8> { start + count }

    /// Stops the process unless `byteCount` more bytes fit: for a writer that stores at ``end`` before it counts.
    @inline(__always)
    func requireRoom(_ byteCount: Int) {
        precondition(count &+ byteCount <= capacity, "wrote past the reserved bytes")
    }

    /// Counts `byteCount` bytes stored at ``end`` by the caller as written.
    @inline(__always)
    mutating func advance(by byteCount: Int) {
        precondition(count &+ byteCount <= capacity, "wrote past the reserved bytes")
        count &+= byteCount
    }

    @inline(__always)
    mutating func write(_ byte: UInt8) {
        precondition(count < capacity, "wrote past the reserved bytes")
        start[count] = byte
        count &+= 1
    }

    /// Copies `bytes`; up to 16 of them inline (most pieces of a record are keys and short values), more with
    /// `memcpy`.
    @inline(__always)
    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        precondition(count &+ bytes.count <= capacity, "wrote past the reserved bytes")
        guard let source = bytes.baseAddress else { return }
        let byteCount = bytes.count
        if byteCount <= 16 {
            Self.copy(short: UnsafeRawPointer(source), count: byteCount, to: UnsafeMutableRawPointer(start + count))
        } else {
            (start + count).initialize(from: source, count: byteCount)
        }
        count &+= byteCount
    }

    /// Copies at most 16 bytes with two loads and two stores that may overlap (the first and the last 8, 4 or
    /// 1 bytes), never touching a byte outside either range.
    ///
    /// Why: a call to `memcpy` costs some 30 instructions with its set-up for a copy of a key like `"start":`,
    /// this costs about 8, and a full record has a hundred such copies.
    @inline(__always)
    private static func copy(short source: UnsafeRawPointer, count: Int, to target: UnsafeMutableRawPointer) {
        if count >= 8 {
            let head = source.loadUnaligned(as: UInt64.self)
            let tail = source.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
            target.storeBytes(of: head, as: UInt64.self)
            target.storeBytes(of: tail, toByteOffset: count &- 8, as: UInt64.self)
        } else if count >= 4 {
            let head = source.loadUnaligned(as: UInt32.self)
            let tail = source.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
            target.storeBytes(of: head, as: UInt32.self)
            target.storeBytes(of: tail, toByteOffset: count &- 4, as: UInt32.self)
        } else if count > 0 {
            // 1 to 3 bytes: the first, the middle and the last (some the same byte).
            target.storeBytes(of: source.load(as: UInt8.self), as: UInt8.self)
            target.storeBytes(
                of: source.load(fromByteOffset: count &>> 1, as: UInt8.self), toByteOffset: count &>> 1, as: UInt8.self)
            target.storeBytes(
                of: source.load(fromByteOffset: count &- 1, as: UInt8.self), toByteOffset: count &- 1, as: UInt8.self)
        }
    }

    /// Writes the first `count` bytes of `word`, low byte first.
    ///
    /// Stores all 8 bytes in one go, so the caller reserves 8 even for fewer: the bytes past `count` are
    /// overwritten by the next write or left beyond the array's count.
    @inline(__always)
    mutating func write(word: UInt64, count wordCount: Int) {
        precondition(count &+ 8 <= capacity && wordCount <= 8, "wrote past the reserved bytes")
        UnsafeMutableRawPointer(start + count).storeBytes(of: word.littleEndian, as: UInt64.self)
        count &+= wordCount
    }

    @inline(__always)
    mutating func write(_ literal: StaticString) {
        literal.withUTF8Buffer { write($0) }
    }
}

extension Array where Element == UInt8 {
    /// Appends what `body` writes, at most `maximumCount` bytes, with one capacity check.
    ///
    /// - Complexity: O(bytes written), amortised; the array grows geometrically like `append`.
    @inline(__always)
    mutating func appendReserved(upTo maximumCount: Int, _ body: (inout ReservedBytes) -> Void) {
        append(addingCapacity: maximumCount) { span in
            span.withUnsafeMutableBufferPointer { buffer, initializedCount in
                guard let start = buffer.baseAddress else { return }
                var reserved = ReservedBytes(start: start + initializedCount, capacity: buffer.count - initializedCount)
                body(&reserved)
                initializedCount += reserved.count
            }
        }
    }
}
