/// A small fixed buffer in front of a byte array: writes land here with no array bookkeeping, and reach the array
/// a whole buffer at a time.
///
/// Why: a JSON record is about a hundred pieces of a few bytes each (a key and its value, a comma, a bracket).
/// Appending each to the array costs a uniqueness and capacity check, about 60 instructions, which is more than
/// the copy; writing it here costs a length comparison. ``flush(into:)`` pays the array's checks once for up to
/// ``capacity`` bytes.
///
/// Invariant: `count <= capacity`; a writer asks for no more than ``freeCapacity`` (checked in debug builds).
struct StagingBuffer {
    /// Bytes held at most: larger than a typical member, small enough to live inline in the writer.
    static let capacity = 128

    private var storage:
        (
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64
        ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    /// Bytes staged, not yet in the array.
    private(set) var count = 0

    var freeCapacity: Int { Self.capacity &- count }

    /// Stages what `body` writes, at most `maximumCount` bytes, which must fit in ``freeCapacity``.
    @inline(__always)
    mutating func write(upTo maximumCount: Int, _ body: (inout ReservedBytes) -> Void) {
        assert(maximumCount <= freeCapacity, "staged more than the buffer holds")
        let start = count
        count = withUnsafeMutableBytes(of: &storage) { raw in
            var out = ReservedBytes(
                start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + start, capacity: Self.capacity &- start)
            body(&out)
            return start &+ out.count
        }
    }

    /// Stages one byte, which must fit in ``freeCapacity``.
    @inline(__always)
    mutating func write(_ byte: UInt8) {
        assert(count < Self.capacity, "staged more than the buffer holds")
        let index = count
        withUnsafeMutableBytes(of: &storage) { $0[index] = byte }
        count = index &+ 1
    }

    /// Appends the staged bytes to `array` and empties the buffer.
    /// - Complexity: O(``count``), one capacity check.
    mutating func flush(into array: inout [UInt8]) {
        guard count > 0 else { return }
        let staged = count
        count = 0
        withUnsafeBytes(of: storage) { raw in
            let bytes = UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: staged)
            array.appendReserved(upTo: staged) { $0.write(bytes) }
        }
    }
}
