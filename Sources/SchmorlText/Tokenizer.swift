/// Splits folded text into tokens in one pass.
///
/// Which bytes do what: ASCII letters, bytes >= 0x80 and filler start or continue a word; digits continue a word
/// that began with a letter ("l4", "t2w") or make a number ("12", "1.2": a full stop between digits stays in the
/// number); an apostrophe between letters, or after "s", stays in the word ("schmorl's", "schmorls'"); a hyphen
/// between two letters joins nothing and is dropped ("end-plate" reads as "end plate", "edema-like" as
/// "edema like"), while any other hyphen is a punctuation token (levels need it: "l4-5"); white space and
/// control bytes separate; every other ASCII byte is one punctuation token.
struct Tokenizer {
    /// Refills `tokens` (emptied first, keeping its capacity: a worker's array from its previous report) with the
    /// tokens of `folded`.
    /// - Complexity: O(n) over the bytes; no allocation when `tokens` has room for one token per byte already,
    ///   else one for the whole token array.
    static func tokenize(_ folded: [UInt8], vocabulary: Vocabulary, into tokens: inout [Token]) {
        tokens.removeAll(keepingCapacity: true)
        if folded.isEmpty { return }
        // A report never has more tokens than bytes: room for that many is made once and filled through a pointer,
        // with no per-token append (its uniqueness and capacity checks were a tenth of the tokeniser's cost).
        tokens.append(addingCapacity: folded.count) { span in
            span.withUnsafeMutableBufferPointer { buffer, initializedCount in
                folded.withUnsafeBufferPointer { folded in
                    Self.byteClasses.withUnsafeBufferPointer { classes in
                        vocabulary.withProbe { probe in
                            initializedCount = tokenize(
                                folded, classes: classes, vocabulary: vocabulary, probe: probe,
                                into: buffer.baseAddress!)
                        }
                    }
                }
            }
        }
    }

    /// Writes the tokens of `folded` to `output` (room for one token per byte); returns how many.
    private static func tokenize(
        _ folded: UnsafeBufferPointer<UInt8>, classes: UnsafeBufferPointer<UInt8>, vocabulary: Vocabulary,
        probe: Vocabulary.Probe, into output: UnsafeMutablePointer<Token>
    ) -> Int {
        let count = folded.count
        var cursor = output  // where the next token goes
        var index = 0
        // The white space since the previous token, as the token's flag bits: space, line break, blank line.
        var whiteSpace = Token.spaceBeforeFlag
        @inline(__always) func emit(_ kind: Token.Kind, _ start: Int, _ end: Int, _ word: Int32, _ byte: UInt8) {
            cursor.initialize(
                to: Token(
                    kind: kind, start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: end),
                    word: word, byte: byte, whiteSpace: whiteSpace))
            cursor += 1
        }
        let base = folded.baseAddress!
        let bufferEnd = base + count
        let shortProbe = probe.short
        while index < count {
            var byte = base[index]
            var byteClass = classes[Int(byte)]
            if byteClass >= Self.separator {
                // A run of white space, read in its own loop up to the next token.
                whiteSpace |= Token.spaceBeforeFlag
                repeat {
                    if _slowPath(byteClass == Self.lineBreak) {  // a hint: a branch, not a select per byte
                        // A second line break makes a blank line.
                        whiteSpace |= (whiteSpace & Token.lineBreakBeforeFlag) << 1 | Token.lineBreakBeforeFlag
                    }
                    index &+= 1
                    if index == count { return cursor - output }
                    byte = base[index]
                    byteClass = classes[Int(byte)]
                } while byteClass >= Self.separator
            }
            let start = index
            if byteClass == Self.letter {
                // Most words: at most sixteen bytes and ended by a byte that cannot continue them (not filler, not
                // an apostrophe). Their end is found eight bytes at a time and their key read in whole 64-bit loads;
                // only this path stays in the loop, so that its values stay in registers (the rest is `otherWord`).
                if start &+ 17 <= count {
                    let after = UInt64(
                        littleEndian: UnsafeRawPointer(base + (start &+ 1)).loadUnaligned(as: UInt64.self))
                    let stops = Self.stops(after)
                    if stops != 0 {
                        // Up to eight bytes: the first byte and those after it in `after` are the key.
                        let end = start &+ 1 &+ stops.trailingZeroBitCount &>> 3  // at most start + 8
                        let next = base[end]
                        if next != FoldedText.filler && next != 0x27 {
                            index = end
                            let id = shortProbe.lookup(WordKey(firstByte: byte, following: after, length: end &- start))
                            emit(.word, start, end, id, byte)
                            whiteSpace = 0
                            continue
                        }
                    } else {
                        // Nine to sixteen bytes: the first byte and those after it in `after` and `later` are the key.
                        let later = UInt64(
                            littleEndian: UnsafeRawPointer(base + (start &+ 9)).loadUnaligned(as: UInt64.self))
                        let laterStops = Self.stops(later)
                        if laterStops != 0 {
                            let end = start &+ 9 &+ laterStops.trailingZeroBitCount &>> 3  // at most start + 16
                            let next = base[end]
                            if next != FoldedText.filler && next != 0x27 {
                                index = end
                                let id = probe.lookupMedium(
                                    WordKey(firstByte: byte, following: after, later: later, length: end &- start))
                                emit(.word, start, end, id, byte)
                                whiteSpace = 0
                                continue
                            }
                        }
                    }
                }
                let word = otherWord(folded, at: start, vocabulary: vocabulary, probe: probe)
                index = word.next
                emit(.word, start, word.end, word.id, byte)
            } else if byteClass == Self.digit {
                index &+= 1
                while index < count, isDigit(base[index]) { index &+= 1 }
                if index &+ 1 < count, base[index] == 0x2E, isDigit(base[index &+ 1]) {
                    index &+= 1
                    while index < count, isDigit(base[index]) { index &+= 1 }
                }
                // Digits hold no filler: the word's direct key lookup serves ("1", "12" as words of a phrase).
                let id =
                    index &- start <= 2
                    ? probe.lookup(WordKey(base + start, length: index &- start, end: bufferEnd), at: base + start)
                    : -1
                emit(.number, start, index, id, byte)
            } else {
                index &+= 1
                if byte == 0x2D, start > 0, index < count, isLetter(base[start &- 1]) && isLetter(base[index]),
                    whiteSpace & Token.spaceBeforeFlag == 0
                {
                    // A hyphen inside a compound word: "end-plate", "edema-like". Not a level separator, since
                    // a level's hyphen follows a digit ("l4-l5").
                    whiteSpace |= Token.spaceBeforeFlag
                    continue
                }
                emit(.punctuation, start, index, -1, byte)
            }
            whiteSpace = 0
        }
        return cursor - output
    }

    /// A word the hot loop does not finish: longer than sixteen bytes, within seventeen bytes of the end of the
    /// text, or continued by filler or an apostrophe. Returns where its token ends, where the next token may start (after trailing
    /// filler) and its word id.
    @inline(never)
    private static func otherWord(
        _ folded: UnsafeBufferPointer<UInt8>, at start: Int, vocabulary: Vocabulary, probe: Vocabulary.Probe
    ) -> (end: Int, next: Int, id: Int32) {
        let count = folded.count
        let base = folded.baseAddress!
        // The word's end is found first; its key is then read in 64-bit loads.
        var hasFiller = false
        var index = plainWordEnd(folded, from: start &+ 1)
        // Bytes that continue a word only in context: filler, an apostrophe.
        while index < count {
            let next = folded[index]
            if next == FoldedText.filler {
                hasFiller = true
            } else if next != 0x27 || !apostropheContinuesWord(folded, at: index) {
                break
            }
            index = plainWordEnd(folded, from: index &+ 1)
        }
        var end = index
        let id: Int32
        if hasFiller {
            // Trailing fillers belong to the white space that follows.
            while end > start + 1 && folded[end - 1] == FoldedText.filler { end -= 1 }
            id = vocabulary.lookup(folded, start..<end)
        } else {
            id = probe.lookup(WordKey(base + start, length: end - start, end: base + count), at: base + start)
        }
        return (end, index, id)
    }

    /// Whether the apostrophe at `index` (after a word's bytes) stays in the word: before a letter
    /// ("schmorl's"), or after "s" ("schmorls'").
    @inline(__always)
    private static func apostropheContinuesWord(_ folded: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        if index + 1 < folded.count, isLetter(folded[index + 1]) || folded[index + 1] == FoldedText.filler {
            return true
        }
        return folded[index - 1] == 0x73
    }

    /// The high bit of each byte of `word` (eight bytes, little-endian) that does not continue a word on its own:
    /// anything but a small letter, a digit or a byte >= 0x80.
    @inline(__always)
    private static func stops(_ word: UInt64) -> UInt64 {
        // The low seven bits of each byte, so that no sum below carries into the next byte; a byte >= 0x80 is
        // a word part whatever its low bits say.
        let low = word & 0x7F7F_7F7F_7F7F_7F7F
        let letters = (low &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(low &+ 0x0505_0505_0505_0505)  // a...z
        let digits = (low &+ 0x5050_5050_5050_5050) & ~(low &+ 0x4646_4646_4646_4646)  // 0...9
        return ~(letters | digits | word) & 0x8080_8080_8080_8080
    }

    /// The first index from `index` on whose byte does not continue a word on its own (a letter, a digit or a
    /// byte >= 0x80), or the end.
    ///
    /// Eight bytes are tested at once: a branch per byte at the end of every word was the tokeniser's most
    /// mispredicted branch; most words end within the first eight bytes.
    /// - Complexity: O(length of the run / 8).
    @inline(__always)
    private static func plainWordEnd(_ folded: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
        let count = folded.count
        let raw = UnsafeRawBufferPointer(folded)
        var index = index
        while index &+ 8 <= count {
            let stops = Self.stops(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
            if stops != 0 { return index &+ stops.trailingZeroBitCount &>> 3 }
            index &+= 8
        }
        while index < count, isLetter(folded[index]) || isDigit(folded[index]) { index &+= 1 }
        return index
    }

    /// Byte classes, one table lookup and one comparison instead of a chain of comparisons per token: the rest of
    /// the bytes (ASCII punctuation) are class 0.
    private static let letter: UInt8 = 1  // starts a word: a small letter or a byte >= 0x80
    private static let digit: UInt8 = 2
    private static let separator: UInt8 = 3  // white space other than a line break, control bytes, DEL, filler
    private static let lineBreak: UInt8 = 4
    private static let byteClasses: [UInt8] = (0...255).map { (value: Int) -> UInt8 in
        let byte = UInt8(value)
        if isLetter(byte) { return letter }
        if isDigit(byte) { return digit }
        if byte == 0x0A { return lineBreak }
        if byte <= 0x20 || byte == FoldedText.filler || byte == 0x7F { return separator }
        return 0
    }

    @inline(__always) static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || byte >= 0x80
    }

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
