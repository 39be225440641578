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
    /// ASCII capital letters of the source, counted in the folding pass.
    let upperCaseLetters: Int
    /// Whether capitals outnumber small letters three to one: a report dictated in capitals, where a capital at
    /// a line start says nothing about a new sentence.
    let isMostlyUpperCase: Bool

    /// - Complexity: O(n), one pass, one allocation. Runs of eight ASCII bytes are folded and counted as one
    ///   64-bit word (most reports are all ASCII); other bytes go one at a time.
    init(_ source: [UInt8]) {
        var bytes: [UInt8] = []
        self.init(source, refilling: &bytes)
    }

    /// Folds `source` into `storage`, emptied first keeping its capacity (a worker's buffer from its previous
    /// report, `TextEngine.Workspace`): no allocation unless `source` is longer than what `storage` held, or
    /// `storage` is shared (then it is copied on write, as any array). `bytes` is then `storage`.
    /// - Complexity: as ``init(_:)``.
    init(_ source: [UInt8], refilling storage: inout [UInt8]) {
        let count = source.count
        var upper = 0
        var foldedLetters = 0
        storage.removeAll(keepingCapacity: true)
        if count > 0 {
            // Every byte of the copy is written below (the 64-bit path or the byte path), so it starts uninitialised
            // instead of as a copy of the source that is then written over.
            storage.append(addingCapacity: count) { span in
                span.withUnsafeMutableBufferPointer { out, initializedCount in
                    source.withUnsafeBufferPointer { source in
                        Self.fold(source, into: out, upper: &upper, foldedLetters: &foldedLetters)
                    }
                    initializedCount = count
                }
            }
        }
        bytes = storage
        upperCaseLetters = upper
        isMostlyUpperCase =
            upper != 0 && Self.smallLettersAreFewerThanAThird(of: upper, folded: storage, foldedLetters: foldedLetters)
    }

    /// Whether the source's small ASCII letters number less than a third of its `upper` capitals, read from the
    /// folded copy: its letters are the source's small letters, its capitals and `foldedLetters` letters that
    /// folding made from other characters (ö → o).
    ///
    /// The small letters are not counted while folding (a third of that loop's work): in most reports a short
    /// prefix of the folded copy already holds more letters than the capitals and folded letters could explain,
    /// so the answer is known after a few chunks. Only a report mostly in capitals is read to the end.
    private static func smallLettersAreFewerThanAThird(of upper: Int, folded: [UInt8], foldedLetters: Int) -> Bool {
        folded.withUnsafeBytes { raw in
            let count = raw.count
            var letters = 0  // small letters of the folded copy read so far
            var index = 0
            while index &+ 64 <= count {
                var lanes: UInt64 = 0
                for offset in stride(from: 0, to: 64, by: 8) {
                    let word = raw.loadUnaligned(fromByteOffset: index &+ offset, as: UInt64.self)
                    lanes &+= Self.smallLetters(word) &>> 7
                }
                letters &+= Self.sumOfLanes(lanes)
                index &+= 64
                // At least letters - upper - foldedLetters of the source's letters so far were small.
                if 3 &* (letters &- upper &- foldedLetters) >= upper { return false }
            }
            while index < count {
                let byte = raw[index]
                if byte >= 0x61 && byte <= 0x7A { letters &+= 1 }
                index &+= 1
            }
            return upper > 3 &* (letters &- upper &- foldedLetters)
        }
    }

    /// Chunks of eight bytes folded in one run before its letter counts are summed: each count is kept per byte
    /// lane (at most one per chunk), and a lane holds up to 255 (a vector lane, one per sixteen bytes, half that).
    private static var chunksPerRun: Int { 255 }

    private static func fold(
        _ source: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>, upper: inout Int,
        foldedLetters: inout Int
    ) {
        let count = source.count
        let raw = UnsafeRawBufferPointer(source)
        let rawOut = UnsafeMutableRawBufferPointer(out)
        var index = 0
        while index < count {
            // A run of plain ASCII chunks, each folded as one vector of sixteen bytes (then one 64-bit word); the
            // capitals of each are counted per lane.
            var upperVector = SIMD2<UInt64>()
            var upperLanes: UInt64 = 0
            let runEnd = min(count, index &+ Self.chunksPerRun &* 8)
            // Sixteen bytes per step as one vector of two 64-bit words (the 64-bit formulas below, on both at once).
            while index &+ 16 <= runEnd {
                let chunk = raw.loadUnaligned(fromByteOffset: index, as: SIMD2<UInt64>.self)
                let flags = Self.notPlainFlags(chunk)
                if (flags[0] | flags[1]) != 0 { break }
                let capitals = (chunk &+ 0x3F3F_3F3F_3F3F_3F3F) & ~(chunk &+ 0x2525_2525_2525_2525) & 0x8080_8080_8080_8080
                upperVector &+= capitals &>> 7
                rawOut.storeBytes(of: chunk | (capitals &>> 2), toByteOffset: index, as: SIMD2<UInt64>.self)
                index &+= 16
            }
            upperLanes = upperVector[0] &+ upperVector[1]
            while index &+ 8 <= runEnd {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if !Self.isPlainASCII(word, word) { break }
                rawOut.storeBytes(
                    of: Self.foldPlainASCII(word, upperLanes: &upperLanes),
                    toByteOffset: index, as: UInt64.self)
                index &+= 8
            }
            if upperLanes != 0 { upper &+= Self.sumOfLanes(upperLanes) }
            if index >= count { break }
            // One byte (or one multi-byte character) on its own: a chunk that is not plain ASCII, the last few
            // bytes, or the end of a run.
            let byte = source[index]
            out[index] = byte
            if byte < 0x80 {
                if byte >= 0x41 && byte <= 0x5A {
                    out[index] = byte | 0x20
                    upper += 1
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
                    if replacement >= 0x61 { foldedLetters += 1 }  // a letter that was no ASCII letter
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

    /// Whether two chunks of eight bytes are plain ASCII: no byte >= 0x80 (the byte path folds those) and no
    /// backquote (which becomes an apostrophe).
    @inline(__always)
    private static func isPlainASCII(_ first: UInt64, _ second: UInt64) -> Bool {
        let high: UInt64 = 0x8080_8080_8080_8080
        // A byte >= 0x80 sets its own high bit; a backquote (0x60) sets it in the zero-byte test of word ^ 0x60...
        // (which may also flag a byte next to a backquote or a high byte: the byte path serves those chunks).
        let firstBackquotes = first ^ 0x6060_6060_6060_6060
        let secondBackquotes = second ^ 0x6060_6060_6060_6060
        let firstFlags = first | ((firstBackquotes &- 0x0101_0101_0101_0101) & ~firstBackquotes)
        let secondFlags = second | ((secondBackquotes &- 0x0101_0101_0101_0101) & ~secondBackquotes)
        return (firstFlags | secondFlags) & high == 0
    }

    /// The high bit of each byte of `chunk` that the 64-bit path must not fold (as `isPlainASCII`), for two
    /// words at once.
    @inline(__always)
    private static func notPlainFlags(_ chunk: SIMD2<UInt64>) -> SIMD2<UInt64> {
        let backquotes = chunk ^ 0x6060_6060_6060_6060
        return (chunk | ((backquotes &- 0x0101_0101_0101_0101) & ~backquotes)) & 0x8080_8080_8080_8080
    }

    /// Eight plain ASCII bytes folded at once (capitals to small letters), with their capitals counted per byte
    /// lane.
    @inline(__always)
    private static func foldPlainASCII(_ word: UInt64, upperLanes: inout UInt64) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080
        // For bytes below 0x80, adding (0x80 - lo) sets a byte's high bit when it is >= lo, and adding
        // (0x7F - hi) when it is > hi; no byte carries into the next.
        let capitals = (word &+ 0x3F3F_3F3F_3F3F_3F3F) & ~(word &+ 0x2525_2525_2525_2525) & high  // A...Z
        upperLanes &+= capitals &>> 7
        return word | (capitals &>> 2)
    }

    /// The high bit of each byte of `word` that is a small ASCII letter.
    @inline(__always)
    private static func smallLetters(_ word: UInt64) -> UInt64 {
        // As in `foldPlainASCII`, on the low seven bits so that no sum carries; a byte >= 0x80 is no letter.
        let low = word & 0x7F7F_7F7F_7F7F_7F7F
        return (low &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(low &+ 0x0505_0505_0505_0505) & ~word & 0x8080_8080_8080_8080
    }

    /// The sum of the eight byte lanes of `lanes` (each at most 255).
    @inline(__always)
    private static func sumOfLanes(_ lanes: UInt64) -> Int {
        let pairs = (lanes & 0x00FF_00FF_00FF_00FF) &+ ((lanes &>> 8) & 0x00FF_00FF_00FF_00FF)  // four 16-bit lanes
        return Int(truncatingIfNeeded: (pairs &* 0x0001_0001_0001_0001) &>> 48)
    }
}
