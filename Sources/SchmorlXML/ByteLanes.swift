/// Tests on eight bytes at once, held in a `UInt64` (low byte first, as a little-endian load gives them): each
/// returns the high bit of every byte that passes, and nothing else.
///
/// Every test is exact per byte: the sums stay within their byte, so a byte's answer never depends on its
/// neighbours. The narrative builder, whitespace squeezing and the duplicate search share them instead of each
/// writing the masks out again.
enum ByteLanes {
    /// The high bit of every byte.
    static let high: UInt64 = 0x8080_8080_8080_8080
    private static let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    private static let ones: UInt64 = 0x0101_0101_0101_0101

    /// Bytes from 0x21 up: from 0x80 up by their own high bit, below it when adding 0x5F carries into it.
    @inline(__always)
    static func aboveSpace(_ word: UInt64) -> UInt64 {
        (word | ((word & low) &+ ones &* 0x5F)) & high
    }

    /// Bytes equal to `byte`: the XOR leaves a zero byte exactly there.
    @inline(__always)
    static func equal(_ word: UInt64, to byte: UInt8) -> UInt64 {
        let difference = word ^ (ones &* UInt64(byte))
        return ~(((difference & low) &+ low) | difference) & high
    }
}
