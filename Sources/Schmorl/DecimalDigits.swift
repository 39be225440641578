/// Decimal digits of an integer packed into one 64-bit word, for a writer that stores a whole word at once.
///
/// Why: writing an integer digit by digit costs a division and a store per digit; report offsets, lines and
/// columns have at most eight digits, which fit one word found two digits a step from a table of the hundred
/// pairs and written with one store. Shared by ``JSONWriter`` and the compact record writers.
enum DecimalDigits {
    /// The digits of `magnitude` (below 100,000,000), the leading digit in the low byte (a little-endian store
    /// writes it first), and how many there are.
    @inline(__always)
    static func packed(_ magnitude: UInt) -> (word: UInt64, count: Int) {
        assert(magnitude < 100_000_000, "more than eight digits")
        // Each pair found (ones first) shifts the earlier ones up two bytes.
        var remaining = magnitude
        var digits: UInt64 = 0
        var digitCount = 0
        let pairs = UnsafeRawPointer(digitPairs.utf8Start)
        while remaining >= 100 {
            let pair = pairs.loadUnaligned(fromByteOffset: Int(remaining % 100) &* 2, as: UInt16.self)
            digits = digits << 16 | UInt64(UInt16(littleEndian: pair))
            remaining /= 100
            digitCount &+= 2
        }
        if remaining >= 10 {
            let pair = pairs.loadUnaligned(fromByteOffset: Int(remaining) &* 2, as: UInt16.self)
            digits = digits << 16 | UInt64(UInt16(littleEndian: pair))
            digitCount &+= 2
        } else {
            digits = digits << 8 | UInt64(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remaining))
            digitCount &+= 1
        }
        return (digits, digitCount)
    }

    /// "00", "01", ... "99": the decimal digits of every pair (a pair's tens digit is its low byte).
    private static let digitPairs: StaticString = """
        0001020304050607080910111213141516171819202122232425262728293031323334353637383940414243444546474849\
        5051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899
        """
}
