/// Splits folded text into tokens in one pass.
///
/// Which bytes do what: ASCII letters, bytes >= 0x80 and filler start or continue a word; digits continue a word
/// that began with a letter ("l4", "t2w") or make a number ("12", "1.2": a full stop between digits stays in the
/// number); an apostrophe between letters, or after "s", stays in the word ("schmorl's", "schmorls'"); a hyphen
/// between two letters joins nothing and is dropped ("end-plate" reads as "end plate", "edema-like" as
/// "edema like"), while any other hyphen is a punctuation token (levels need it: "l4-5"); white space and
/// control bytes separate; every other ASCII byte is one punctuation token.
struct Tokenizer {
    /// - Complexity: O(n) over the bytes, one append per token.
    static func tokenize(_ folded: [UInt8], vocabulary: Vocabulary, into tokens: inout [Token]) {
        tokens.removeAll(keepingCapacity: true)
        tokens.reserveCapacity(folded.count / 5)
        folded.withUnsafeBufferPointer { folded in tokenize(folded, vocabulary: vocabulary, into: &tokens) }
    }

    private static func tokenize(_ folded: UnsafeBufferPointer<UInt8>, vocabulary: Vocabulary, into tokens: inout [Token]) {
        let count = folded.count
        var index = 0
        var space = true
        var lineBreaks = 0
        while index < count {
            let byte = folded[index]
            if byte == 0x0A {
                lineBreaks += 1
                space = true
                index += 1
                continue
            }
            if byte <= 0x20 || byte == FoldedText.filler || byte == 0x7F {
                space = true
                index += 1
                continue
            }
            let start = index
            var kind: Token.Kind
            if isLetter(byte) {
                kind = .word
                index += 1
                while index < count {
                    let next = folded[index]
                    if isLetter(next) || isDigit(next) || next == FoldedText.filler {
                        index += 1
                    } else if next == 0x27, index + 1 < count, isLetter(folded[index + 1]) || folded[index + 1] == FoldedText.filler {
                        index += 1
                    } else if next == 0x27, folded[index - 1] == 0x73 {  // schmorls'
                        index += 1
                    } else {
                        break
                    }
                }
                // Trailing fillers belong to the white space that follows.
                var end = index
                while end > start + 1 && folded[end - 1] == FoldedText.filler { end -= 1 }
                let id = vocabulary.lookup(folded, start..<end)
                tokens.append(
                    Token(
                        kind: kind, start: Int32(start), end: Int32(end), word: id, byte: byte, spaceBefore: space,
                        lineBreakBefore: lineBreaks > 0, blankLineBefore: lineBreaks > 1))
            } else if isDigit(byte) {
                kind = .number
                index += 1
                while index < count, isDigit(folded[index]) { index += 1 }
                if index + 1 < count, folded[index] == 0x2E, isDigit(folded[index + 1]) {
                    index += 1
                    while index < count, isDigit(folded[index]) { index += 1 }
                }
                let id = index - start <= 2 ? vocabulary.lookup(folded, start..<index) : -1
                tokens.append(
                    Token(
                        kind: kind, start: Int32(start), end: Int32(index), word: id, byte: byte, spaceBefore: space,
                        lineBreakBefore: lineBreaks > 0, blankLineBefore: lineBreaks > 1))
            } else {
                index += 1
                if byte == 0x2D, start > 0, index < count, isLetter(folded[start - 1]) && isLetter(folded[index]),
                    !space
                {
                    // A hyphen inside a compound word: "end-plate", "edema-like". Not a level separator, since
                    // a level's hyphen follows a digit ("l4-l5").
                    space = true
                    continue
                }
                tokens.append(
                    Token(
                        kind: .punctuation, start: Int32(start), end: Int32(index), word: -1, byte: byte,
                        spaceBefore: space, lineBreakBefore: lineBreaks > 0, blankLineBefore: lineBreaks > 1))
            }
            space = false
            lineBreaks = 0
        }
    }

    @inline(__always) static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || byte >= 0x80
    }

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
