/// A same-length folded copy of a report's UTF-8 bytes: ASCII lower case, and the multi-byte characters that
/// matter turned into their ASCII twin followed by filler bytes.
///
/// Same length means every offset found in the folded copy is already an offset into the original, so evidence
/// spans need no offset map (../shared/DESIGN.md, step 2). Folded characters: the apostrophe family (’ ‘ ´ `) to
/// `'`, the dash family (‐ ‑ ‒ – — −) to `-`, ö/ü/é/è/ä to their base letter, the bullet • to `*`, × to `x`,
/// no-break space to a space.
struct FoldedText {
    /// Skipped by the tokeniser inside a word, treated as white space between words.
    static let filler: UInt8 = 0x1F

    let bytes: [UInt8]
    /// ASCII capital and small letters of the source, counted in the same pass (the layout asks whether a report
    /// is written in capitals).
    let upperCaseLetters: Int
    let lowerCaseLetters: Int

    /// Whether capitals outnumber small letters three to one: a report dictated in capitals, where a capital at
    /// a line start says nothing about a new sentence.
    var isMostlyUpperCase: Bool { upperCaseLetters > lowerCaseLetters * 3 }

    /// - Complexity: O(n), one pass, one allocation. Runs of eight ASCII bytes are folded and counted as one
    ///   64-bit word (most reports are all ASCII); other bytes go one at a time.
    init(_ source: [UInt8]) {
        var out = source
        let count = source.count
        var index = 0
        var upper = 0
        var lower = 0
        source.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { out in
                let raw = UnsafeRawBufferPointer(source)
                while index < count {
                    if index + 8 <= count,
                        let folded = Self.foldASCII(
                            raw.loadUnaligned(fromByteOffset: index, as: UInt64.self), upper: &upper, lower: &lower)
                    {
                        UnsafeMutableRawBufferPointer(out).storeBytes(of: folded, toByteOffset: index, as: UInt64.self)
                        index += 8
                        continue
                    }
                    let byte = source[index]
                    if byte < 0x80 {
                        if byte >= 0x41 && byte <= 0x5A {
                            out[index] = byte | 0x20
                            upper += 1
                        } else if byte >= 0x61 && byte <= 0x7A {
                            lower += 1
                        } else if byte == 0x60 {
                            out[index] = 0x27
                        }
                        index += 1
                        continue
                    }
                    if byte == 0xC2 || byte == 0xC3, index + 1 < count {
                        let next = source[index + 1]
                        var replacement: UInt8 = 0
                        if byte == 0xC2 {
                            if next == 0xB4 { replacement = 0x27 }  // ´
                            else if next == 0xA0 { replacement = 0x20 }  // no-break space
                            else if next == 0xB7 { replacement = 0x2A }  // middle dot as a bullet
                        } else {
                            switch next {
                            case 0xB6, 0x96, 0xB3, 0x93, 0xB4, 0x94, 0xB5, 0x95, 0xB8, 0x98: replacement = 0x6F  // ö ó ô õ ø
                            case 0xBC, 0x9C, 0xBA, 0x9A, 0xB9, 0x99, 0xBB, 0x9B: replacement = 0x75  // ü ú ù û
                            case 0xA9, 0x89, 0xA8, 0x88, 0xAA, 0x8A, 0xAB, 0x8B: replacement = 0x65  // é è ê ë
                            case 0xA4, 0x84, 0xA0, 0x80, 0xA1, 0x81, 0xA2, 0x82: replacement = 0x61  // ä à á â
                            case 0xAF, 0x8F, 0xAD, 0x8D, 0xAE, 0x8E: replacement = 0x69  // ï í î
                            case 0xA7, 0x87: replacement = 0x63  // ç
                            case 0x97: replacement = 0x78  // ×
                            default: replacement = 0
                            }
                        }
                        if replacement != 0 {
                            out[index] = replacement
                            out[index + 1] = Self.filler
                            index += 2
                            continue
                        }
                    }
                    if byte == 0xE2, index + 2 < count, source[index + 1] == 0x80 {
                        let last = source[index + 2]
                        var replacement: UInt8 = 0
                        switch last {
                        case 0x98, 0x99, 0xB2, 0x9B: replacement = 0x27  // ‘ ’ ′ ‛
                        case 0x90, 0x91, 0x92, 0x93, 0x94, 0x95: replacement = 0x2D  // ‐ ‑ ‒ – — ―
                        case 0x9C, 0x9D: replacement = 0x22  // “ ”
                        case 0xA2, 0xA3: replacement = 0x2A  // • ‣
                        case 0xA6: replacement = 0x2E  // … (an ellipsis ends like a full stop)
                        case 0xAF, 0x89, 0x8A, 0x88, 0x87, 0x86, 0x85, 0x84, 0x83, 0x82, 0x80, 0x81: replacement = 0x20
                        default: replacement = 0
                        }
                        if replacement != 0 {
                            out[index] = replacement
                            out[index + 1] = Self.filler
                            out[index + 2] = Self.filler
                            index += 3
                            continue
                        }
                    }
                    if byte == 0xE2, index + 2 < count, source[index + 1] == 0x88, source[index + 2] == 0x92 {  // − minus
                        out[index] = 0x2D
                        out[index + 1] = Self.filler
                        out[index + 2] = Self.filler
                        index += 3
                        continue
                    }
                    if byte == 0xEF, index + 2 < count, source[index + 1] == 0xBB, source[index + 2] == 0xBF {  // BOM
                        out[index] = 0x20
                        out[index + 1] = Self.filler
                        out[index + 2] = Self.filler
                        index += 3
                        continue
                    }
                    index += 1  // other non-ASCII bytes stay as they are: they read as letters of a word
                }
            }
        }
        bytes = out
        upperCaseLetters = upper
        lowerCaseLetters = lower
    }

    /// Eight ASCII bytes folded at once (capitals to small letters), with their letters counted; nil when a byte
    /// is not ASCII or is a backquote, which the byte loop handles.
    @inline(__always)
    private static func foldASCII(_ word: UInt64, upper: inout Int, lower: inout Int) -> UInt64? {
        let high: UInt64 = 0x8080_8080_8080_8080
        if word & high != 0 { return nil }
        let backquotes = word ^ 0x6060_6060_6060_6060
        if (backquotes &- 0x0101_0101_0101_0101) & ~backquotes & high != 0 { return nil }
        // For bytes below 0x80, adding (0x80 - lo) sets a byte's high bit when it is >= lo, and adding
        // (0x7F - hi) when it is > hi; no byte carries into the next.
        let capitals = (word &+ 0x3F3F_3F3F_3F3F_3F3F) & ~(word &+ 0x2525_2525_2525_2525) & high  // A...Z
        let smalls = (word &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(word &+ 0x0505_0505_0505_0505) & high  // a...z
        // Counting the set high bits: a multiply sums the eight 0/1 bytes into the top byte (cheaper than a
        // popcount, which the baseline x86-64 target has no instruction for).
        upper += Int(((capitals >> 7) &* 0x0101_0101_0101_0101) >> 56)
        lower += Int(((smalls >> 7) &* 0x0101_0101_0101_0101) >> 56)
        return word | (capitals >> 2)
    }
}
