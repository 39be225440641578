/// Splits folded text into tokens in one pass.
///
/// Which bytes do what: ASCII letters, bytes >= 0x80 and filler start or continue a word; digits continue a word
/// that began with a letter ("l4", "t2w") or make a number ("12", "1.2": a full stop between digits stays in the
/// number); an apostrophe between letters, or after "s", stays in the word ("schmorl's", "schmorls'"); a hyphen
/// between two letters joins nothing and is dropped ("end-plate" reads as "end plate", "edema-like" as
/// "edema like"), while any other hyphen is a punctuation token (levels need it: "l4-5"); white space and
/// control bytes separate; every other ASCII byte is one punctuation token.
struct Tokenizer {
    /// - Complexity: O(n) over the bytes; one allocation for the whole token array.
    static func tokenize(_ folded: [UInt8], vocabulary: Vocabulary, into tokens: inout [Token]) {
        // A report never has more tokens than bytes: the array is sized once and filled through a pointer, with no
        // per-token append (its uniqueness and capacity checks were a tenth of the tokeniser's cost).
        tokens = folded.withUnsafeBufferPointer { folded in
            Self.byteClasses.withUnsafeBufferPointer { classes in
                [Token](unsafeUninitializedCapacity: folded.count) { buffer, initializedCount in
                    initializedCount = tokenize(folded, classes: classes, vocabulary: vocabulary, into: buffer.baseAddress!)
                }
            }
        }
    }

    /// Writes the tokens of `folded` to `output` (room for one token per byte); returns how many.
    private static func tokenize(
        _ folded: UnsafeBufferPointer<UInt8>, classes: UnsafeBufferPointer<UInt8>, vocabulary: Vocabulary,
        into output: UnsafeMutablePointer<Token>
    ) -> Int {
        let count = folded.count
        var written = 0
        var index = 0
        // The white space since the previous token, as the token's flag bits: space, line break, blank line.
        var whiteSpace = Token.spaceBeforeFlag
        @inline(__always) func emit(_ kind: Token.Kind, _ start: Int, _ end: Int, _ word: Int32, _ byte: UInt8) {
            (output + written).initialize(
                to: Token(
                    kind: kind, start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: end),
                    word: word, byte: byte, whiteSpace: whiteSpace))
            written &+= 1
        }
        let base = folded.baseAddress!
        let bufferEnd = base + count
        while index < count {
            let byte = folded[index]
            if byte == 0x0A {
                // A second line break makes a blank line.
                whiteSpace |= (whiteSpace & Token.lineBreakBeforeFlag) << 1 | Token.lineBreakBeforeFlag
                    | Token.spaceBeforeFlag
                index += 1
                continue
            }
            if classes[Int(byte)] & Self.separator != 0 {
                whiteSpace |= Token.spaceBeforeFlag
                index += 1
                continue
            }
            let start = index
            if isLetter(byte) {
                // Find the word's end first (one table lookup per byte); its key is then read in 64-bit loads.
                var hasFiller = false
                index += 1
                while index < count {
                    let next = folded[index]
                    if classes[Int(next)] & Self.wordPart != 0 {
                        index += 1
                    } else if next == FoldedText.filler {
                        hasFiller = true
                        index += 1
                    } else if next == 0x27, index + 1 < count, isLetter(folded[index + 1]) || folded[index + 1] == FoldedText.filler {
                        index += 1
                    } else if next == 0x27, folded[index - 1] == 0x73 {  // schmorls'
                        index += 1
                    } else {
                        break
                    }
                }
                var end = index
                let id: Int32
                if hasFiller {
                    // Trailing fillers belong to the white space that follows.
                    while end > start + 1 && folded[end - 1] == FoldedText.filler { end -= 1 }
                    id = vocabulary.lookup(folded, start..<end)
                } else {
                    id = vocabulary.lookup(WordKey(base + start, length: end - start, end: bufferEnd), at: base + start)
                }
                emit(.word, start, end, id, byte)
            } else if isDigit(byte) {
                index += 1
                while index < count, isDigit(folded[index]) { index += 1 }
                if index + 1 < count, folded[index] == 0x2E, isDigit(folded[index + 1]) {
                    index += 1
                    while index < count, isDigit(folded[index]) { index += 1 }
                }
                // Digits hold no filler: the word's direct key lookup serves ("1", "12" as words of a phrase).
                let id =
                    index - start <= 2
                    ? vocabulary.lookup(WordKey(base + start, length: index - start, end: bufferEnd), at: base + start)
                    : -1
                emit(.number, start, index, id, byte)
            } else {
                index += 1
                if byte == 0x2D, start > 0, index < count, isLetter(folded[start - 1]) && isLetter(folded[index]),
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
        return written
    }

    /// Byte classes, one table lookup instead of a chain of comparisons per byte.
    private static let wordPart: UInt8 = 1  // continues a word: a letter, a digit or a byte >= 0x80
    private static let separator: UInt8 = 2  // white space other than a line break, control bytes, DEL, filler
    private static let byteClasses: [UInt8] = (0...255).map { (value: Int) -> UInt8 in
        let byte = UInt8(value)
        if isLetter(byte) || isDigit(byte) { return wordPart }
        if byte != 0x0A && (byte <= 0x20 || byte == FoldedText.filler || byte == 0x7F) { return separator }
        return 0
    }

    @inline(__always) static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || byte >= 0x80
    }

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
