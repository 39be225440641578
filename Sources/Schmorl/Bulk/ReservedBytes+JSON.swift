/// JSON pieces written into reserved bytes with no capacity check of their own: the caller reserved an upper
/// bound for everything it writes (``CompactExtractionWriter`` reserves one per record).
///
/// Why: a full record is some 140 pieces; checking capacity, staging and separators per piece cost about 125
/// instructions each, several times the copy itself.
extension ReservedBytes {
    /// Copies a literal fragment (a key with its punctuation, `,"end":`, or a whole constant value such as
    /// `{"value":null,"evidence":[]}`); short ones with two overlapping word stores, longer ones 16 bytes a step.
    ///
    /// The fragment must hold nothing JSON would escape; every fragment is a literal of this module.
    @inline(__always)
    mutating func write(fragment: StaticString) {
        let count = fragment.utf8CodeUnitCount
        let source = UnsafeRawPointer(fragment.utf8Start)
        if count <= 16 {
            write(UnsafeBufferPointer(start: fragment.utf8Start, count: count))
            return
        }
        requireRoom(count)
        let target = UnsafeMutableRawPointer(end)
        var index = 0
        while index &+ 16 < count {
            target.storeBytes(
                of: source.loadUnaligned(fromByteOffset: index, as: SIMD16<UInt8>.self), toByteOffset: index,
                as: SIMD16<UInt8>.self)
            index &+= 16
        }
        target.storeBytes(
            of: source.loadUnaligned(fromByteOffset: count &- 16, as: SIMD16<UInt8>.self),
            toByteOffset: count &- 16, as: SIMD16<UInt8>.self)
        advance(by: count)
    }

    /// Writes `value` in decimal: at most 20 bytes, and 8 bytes are stored even for fewer digits (see
    /// ``write(word:count:)``), so the reservation allows 21.
    @inline(__always)
    mutating func write(int value: Int) {
        let magnitude = value.magnitude
        guard magnitude < 100_000_000 else { return write(longInt: value) }
        let (digits, digitCount) = DecimalDigits.packed(magnitude)
        if value < 0 { write(UInt8(ascii: "-")) }
        write(word: digits, count: digitCount)
    }


    /// Integers of 9 digits or more, which no report offset reaches.
    private mutating func write(longInt value: Int) {
        if value < 0 { write(UInt8(ascii: "-")) }
        var remaining = value.magnitude
        var divisor: UInt = 1
        while remaining / divisor >= 10 { divisor &*= 10 }
        repeat {
            write(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remaining / divisor))
            remaining %= divisor
            divisor /= 10
        } while divisor > 0
    }

    /// Writes `value` as ``JSONWriter/double(_:)`` does: a whole number as an integer, anything else as Swift
    /// prints it (at most 24 bytes).
    mutating func write(double value: Double) {
        if value == value.rounded(), abs(value) < 1e15 {
            write(int: Int(value))
        } else {
            var text = String(value)
            text.withUTF8 { write($0) }
        }
    }

    /// Writes `value` as a JSON string, quoted and escaped: at most 6 bytes per UTF-8 byte and 2 quotes.
    ///
    /// Reads the bytes through a borrowed `Span`: `withUTF8` needs a mutable copy, whose retain and release cost
    /// more than the copy of a short string.
    @inline(__always)
    mutating func write(string value: String) {
        value.utf8.span.withUnsafeBufferPointer { write(string: $0) }
    }

    /// Writes `"value"` or `null`.
    @inline(__always)
    mutating func write(string value: String?) {
        if let value { write(string: value) } else { write(fragment: "null") }
    }

    /// Writes the UTF-8 bytes `utf8` as a JSON string, quoted and escaped.
    @inline(__always)
    mutating func write(string utf8: UnsafeBufferPointer<UInt8>) {
        write(UInt8(ascii: "\""))
        if !JSONSpecialBytes.containsSpecial(utf8) {
            write(utf8)
        } else {
            write(escaped: utf8)
        }
        write(UInt8(ascii: "\""))
    }

    /// Copies `utf8`, escaping what JSON requires, with the same escapes as ``JSONStringEscaper``.
    private mutating func write(escaped utf8: UnsafeBufferPointer<UInt8>) {
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""): write(fragment: #"\""#)
            case UInt8(ascii: "\\"): write(fragment: #"\\"#)
            case 0x0A: write(fragment: #"\n"#)
            case 0x0D: write(fragment: #"\r"#)
            case 0x09: write(fragment: #"\t"#)
            case 0x08: write(fragment: #"\b"#)
            case 0x0C: write(fragment: #"\f"#)
            case 0..<0x20:
                write(fragment: #"\u00"#)
                Self.hexDigits.withUTF8Buffer { digits in
                    write(digits[Int(byte >> 4)])
                    write(digits[Int(byte & 0x0F)])
                }
            default: write(byte)
            }
        }
    }

    private static let hexDigits: StaticString = "0123456789abcdef"
}
