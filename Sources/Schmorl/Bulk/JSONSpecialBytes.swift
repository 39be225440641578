/// Finds the bytes JSON strings treat specially (quote, backslash, C0 controls) eight at a time.
///
/// Report text is long runs of ordinary bytes between a few escapes (mostly `\n`), so the string scanners of
/// ``JSONLineReader`` and ``JSONStringEscaper`` test a 64-bit word per step with the classic SWAR tests ("has a
/// zero byte", "has a byte less than n"), and fall back to one byte at a time only around a special byte. The
/// word tests are exact about whether a word holds a special byte, which is all the scanners ask.
enum JSONSpecialBytes {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether any byte of `word` is `"`, `\` or below 0x20.
    @inline(__always)
    static func containsSpecial(_ word: UInt64) -> Bool {
        specialBits(word) != 0
    }

    /// The bits of `word` (one high bit per byte) set for `"`, `\` and bytes below 0x20; only the lowest set bit
    /// is exact (a borrow out of a special byte may mark the bytes above it), and whether any is set is exact.
    @inline(__always)
    private static func specialBits(_ word: UInt64) -> UInt64 {
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let zeroInQuote = (quote &- ones) & ~quote
        let zeroInBackslash = (backslash &- ones) & ~backslash
        let control = (word &- ones &* 0x20) & ~word
        return (zeroInQuote | zeroInBackslash | control) & highBits
    }

    /// Whether any byte of `bytes` is `"`, `\`, or below 0x20.
    ///
    /// The writer's question for nearly every string it writes, most of them a few bytes long (an enum value, a
    /// level name, an evidence snippet): 8 bytes a step, the last step overlapping the one before so no byte loop
    /// is left over; 4 to 7 bytes as two overlapping halves of one word; only 1 to 3 bytes one at a time.
    /// - Complexity: O(n / 8).
    @inline(__always)
    static func containsSpecial(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        if count >= 8 {
            var index = 0
            while index &+ 8 < count {
                if containsSpecial(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) { return true }
                index &+= 8
            }
            return containsSpecial(raw.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self))
        }
        if count >= 4 {
            let head = UInt64(raw.loadUnaligned(as: UInt32.self))
            let tail = UInt64(raw.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self))
            return containsSpecial(head | tail << 32)
        }
        for byte in bytes where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            return true
        }
        return false
    }

    /// The bits of `word` (one high bit per byte) set for `"`, `\`, bytes below 0x20 and bytes from 0x80 up.
    ///
    /// Only the lowest set bit is exact: a borrow out of a special byte may mark the bytes above it too, which is
    /// harmless since only the first special byte is asked for. So `trailingZeroBitCount / 8` is the position of
    /// the first special byte, low byte first, in little-endian load order.
    @inline(__always)
    static func specialOrNonASCIIBits(_ word: UInt64) -> UInt64 {
        specialBits(word) | word & highBits
    }

    /// The index in `chunk` of the first byte that is `"`, `\`, below 0x20 or from 0x80 up; 16 when there is none.
    ///
    /// The reader's string scanner asks this: ASCII text between escapes is copied as it is, and a byte from 0x80
    /// up starts a UTF-8 sequence to check, so an all-ASCII run needs no UTF-8 validation at all.
    ///
    /// Sixteen bytes a step: with the high bit cleared, a byte is at least 0x20 exactly when adding 0x60 sets its
    /// high bit, and is not `"` (or `\`) exactly when adding 0x7F to it XOR 0x22 (or 0x5C) does; no sum leaves
    /// its byte, so the test is exact in every byte, and it uses only adds, XORs and ANDs, which compile to SSE2
    /// on any x86-64 (the `SIMD` comparison operators do not: they compile to a loop over the lanes).
    /// The special byte is found in its word by a bit count, not by a byte loop.
    @inline(__always)
    static func firstSpecialOrNonASCII(in chunk: SIMD16<UInt8>) -> Int {
        let low7 = SIMD16<UInt8>(repeating: 0x7F)
        let ascii = chunk & low7
        let notControl = ascii &+ SIMD16(repeating: 0x60)
        let notQuote = (ascii ^ SIMD16(repeating: 0x22)) &+ low7
        let notBackslash = (ascii ^ SIMD16(repeating: 0x5C)) &+ low7
        let special = ~(notControl & notQuote & notBackslash) | chunk
        let words = unsafeBitCast(special, to: SIMD2<UInt64>.self)
        let low = words[0].littleEndian & highBits
        let high = words[1].littleEndian & highBits
        if low != 0 { return low.trailingZeroBitCount &>> 3 }
        if high != 0 { return 8 &+ (high.trailingZeroBitCount &>> 3) }
        return 16
    }

    /// The index of the first `"`, `\`, control or non-ASCII byte at or after `index`, or `bytes.count` when
    /// there is none; sixteen bytes a step (``firstSpecialOrNonASCII(in:)``).
    /// - Complexity: O(n / 16) for ordinary runs.
    @inline(__always)
    static func firstSpecialOrNonASCII(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
        guard let base = bytes.baseAddress else { return index }
        let raw = UnsafeRawPointer(base)
        var index = index
        let count = bytes.count
        while index &+ 16 <= count {
            let offset = firstSpecialOrNonASCII(in: raw.loadUnaligned(fromByteOffset: index, as: SIMD16<UInt8>.self))
            if offset < 16 { return index &+ offset }
            index &+= 16
        }
        while index &+ 8 <= count {
            let bits = specialOrNonASCIIBits(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self).littleEndian)
            if bits != 0 { return index &+ (bits.trailingZeroBitCount &>> 3) }
            index &+= 8
        }
        while index < count {
            let byte = base[index]
            if byte < 0x20 || byte >= 0x80 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return index }
            index &+= 1
        }
        return count
    }

    /// The index of the first byte at or after `index` that may be special: every byte before it is ordinary.
    /// The byte at the returned index still has to be tested; `count` when the words ran out.
    /// - Complexity: O(n / 8) for ordinary runs.
    @inline(__always)
    static func skipOrdinaryWords(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
        guard let base = bytes.baseAddress else { return index }
        let raw = UnsafeRawPointer(base)
        var index = index
        let count = bytes.count
        while index &+ 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if containsSpecial(word) { return index }
            index &+= 8
        }
        return index
    }
}
