/// One token of the folded text: a flat value with byte offsets, no string.
///
/// Sixteen bytes: the kind and the three white-space booleans share one flag byte behind computed properties, so
/// a token is two 64-bit words (it was twenty bytes with a stored field each). Every stage walks the token array,
/// and four tokens to a cache line instead of 3.2 is felt by all of them.
struct Token: Sendable {
    enum Kind: UInt8, Sendable {
        /// Letters (and digits after a letter, an inner apostrophe): "schmorl's", "l4", "t2".
        case word
        /// Digits with an optional decimal part: "5", "1.2".
        case number
        /// One punctuation byte: . , ; : ( ) / - ? ! * etc.
        case punctuation
    }

    var start: Int32
    var end: Int32
    /// Index in `Vocabulary` for words the lexicon knows (after spelling variants are merged), else -1.
    var word: Int32
    /// The punctuation byte, or the first byte of a word or number.
    var byte: UInt8
    /// Bits 0-1: the kind's raw value; bit 2: space before; bit 3: line break before; bit 4: blank line before.
    private var flags: UInt8

    private static let kindMask: UInt8 = 0b0_0011
    static let spaceBeforeFlag: UInt8 = 0b0_0100
    static let lineBreakBeforeFlag: UInt8 = 0b0_1000
    static let blankLineBeforeFlag: UInt8 = 0b1_0000

    /// `whiteSpace` is an OR of the `…BeforeFlag` constants (the tokeniser keeps them as one byte).
    @inline(__always)
    init(kind: Kind, start: Int32, end: Int32, word: Int32, byte: UInt8, whiteSpace: UInt8) {
        self.start = start
        self.end = end
        self.word = word
        self.byte = byte
        self.flags = kind.rawValue | whiteSpace
    }

    var kind: Kind {
        @inline(__always) get {
            // Only the tokeniser sets the bits, always from a `Kind`.
            switch flags & Self.kindMask {
            case 0: .word
            case 1: .number
            default: .punctuation
            }
        }
    }

    /// Whether white space (or a line break) comes right before this token.
    var spaceBefore: Bool { @inline(__always) get { flags & Self.spaceBeforeFlag != 0 } }
    /// Whether a line break comes before this token (since the previous token).
    var lineBreakBefore: Bool { @inline(__always) get { flags & Self.lineBreakBeforeFlag != 0 } }
    /// Whether a blank line (two or more line breaks) comes before this token.
    var blankLineBefore: Bool { @inline(__always) get { flags & Self.blankLineBeforeFlag != 0 } }

    var range: Range<Int> { Int(start)..<Int(end) }
}
