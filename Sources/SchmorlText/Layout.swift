public import SchmorlModel

/// A section of the report as a token range.
struct SectionSpan: Sendable {
    var kind: SectionKind
    var title: String
    var tokens: Range<Int>
    var bytes: TextSpan
    var sourceCode: String?
}

/// How the report is laid out: sections, sentences, clauses and level headings, all as token ranges.
///
/// Sentences end at a full stop followed by white space (not inside "1.2", not after an abbreviation such as
/// "Dr." or "e.g."), at "!" and "?" before a capital or a line break, at a blank line, before a bullet or an
/// enumerator ("1.", "2)") at a line start, before a header or level heading line, and at a line break where the
/// next line starts a new capitalised sentence in text that is not all capitals (dictations without full stops).
/// Clauses split sentences at ";" and at the scope terminators of domain.md §6.2.
struct Layout: Sendable {
    var sections: [SectionSpan] = []
    /// Per token: its section index.
    var sectionOfToken: [Int32] = []
    /// Sentence token ranges, in order, covering every token.
    var sentences: [Range<Int>] = []
    /// Per token: its sentence index.
    var sentenceOfToken: [Int32] = []
    /// Level heading for each token (index into `headings`), or -1.
    var headingOfToken: [Int32] = []
    var headings: [LevelHeading] = []

    struct LevelHeading: Sendable {
        /// The level mention(s) of the heading, as token range.
        var levelTokens: Range<Int>
        var scope: Range<Int>
    }
}

extension Layout {
    /// Whether the token at `index` enumerates a line: a bullet ("*", "-", "+", ">"), "1." or "2)" before white
    /// space, or "(3)".
    ///
    /// Takes borrowed tokens: it runs at every line start of the layout pass.
    static func isEnumerator(_ tokens: UnsafeBufferPointer<Token>, _ index: Int) -> Bool {
        let token = tokens[index]
        if token.kind == .punctuation, token.byte == 0x2A || token.byte == 0x2D || token.byte == 0x2B
            || token.byte == 0x3E
        {
            return true
        }
        if token.kind == .number, index + 1 < tokens.count {
            let next = tokens[index + 1]
            if next.kind == .punctuation, next.byte == 0x2E || next.byte == 0x29, !next.spaceBefore,
                token.end - token.start <= 2
            {
                return index + 2 >= tokens.count || tokens[index + 2].spaceBefore
            }
        }
        if token.kind == .punctuation, token.byte == 0x28, index + 2 < tokens.count, tokens[index + 1].kind == .number,
            tokens[index + 2].byte == 0x29
        {
            return true
        }
        return false
    }
}
