/// One token of the folded text: a flat value with byte offsets, no string.
struct Token: Sendable {
    enum Kind: UInt8, Sendable {
        /// Letters (and digits after a letter, an inner apostrophe): "schmorl's", "l4", "t2".
        case word
        /// Digits with an optional decimal part: "5", "1.2".
        case number
        /// One punctuation byte: . , ; : ( ) / - ? ! * etc.
        case punctuation
    }

    var kind: Kind
    var start: Int32
    var end: Int32
    /// Index in `Vocabulary` for words the lexicon knows (after spelling variants are merged), else -1.
    var word: Int32
    /// The punctuation byte, or the first byte of a word or number.
    var byte: UInt8
    /// Whether white space (or a line break) comes right before this token.
    var spaceBefore: Bool
    /// Whether a line break comes before this token (since the previous token).
    var lineBreakBefore: Bool
    /// Whether a blank line (two or more line breaks) comes before this token.
    var blankLineBefore: Bool

    var range: Range<Int> { Int(start)..<Int(end) }
}
