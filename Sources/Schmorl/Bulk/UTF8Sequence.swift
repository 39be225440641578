/// Checks one multi-byte UTF-8 sequence in place, for scanners that meet non-ASCII bytes one sequence at a time.
///
/// The rules are RFC 3629's (Unicode's table 3-7 of well-formed sequences), the same `String(validating:)`
/// applies: no overlong forms (`C0`, `C1`, `E0 80...9F`, `F0 80...8F`), no surrogates (`ED A0...BF`), nothing
/// above U+10FFFF (`F4 90...`, `F5...FF`), and every continuation byte present and in `80...BF`. So a scanner that
/// copies ASCII runs and calls this at each byte from 0x80 up accepts exactly the strings the standard library
/// would.
enum UTF8Sequence {
    /// The length (2 to 4) of the well-formed sequence that starts at `index`, or 0 when there is none.
    /// - Complexity: O(1).
    @inline(__always)
    static func length(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        // The allowed range of the first continuation byte depends on the lead byte; later ones are 80...BF.
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        let first = bytes[index + 1]
        guard first >= low && first <= high else { return 0 }
        for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 {
            return 0
        }
        return length
    }
}
