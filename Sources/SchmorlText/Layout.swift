import SchmorlModel

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
    /// Sentence token ranges, in order, covering every token.
    var sentences: [Range<Int>] = []
    var headings: [LevelHeading] = []
    /// The four per-token maps in one allocation, a column of `tokenCount` each: section index, sentence index,
    /// level heading index (or -1), level mention index (or -1). One array instead of four saves three allocations
    /// and frees per report.
    var tokenMaps: [Int32] = []
    var tokenCount = 0
    /// Whether the report has a ";" token, noted by the sentence pass (which stops at every punctuation token
    /// anyway): numbering the clauses looks for them only then (one report in thirteen of the corpus).
    var hasSemicolon = false

    /// Per token: its section index.
    var sectionOfToken: TokenColumn { TokenColumn(maps: tokenMaps, base: 0, count: tokenCount) }
    /// Per token: its sentence index.
    var sentenceOfToken: TokenColumn { TokenColumn(maps: tokenMaps, base: tokenCount, count: tokenCount) }
    /// Level heading for each token (index into `headings`), or -1.
    var headingOfToken: TokenColumn { TokenColumn(maps: tokenMaps, base: 2 * tokenCount, count: tokenCount) }
    /// Per token: the level mention it belongs to (index into the report's levels), or -1.
    var levelOfToken: TokenColumn { TokenColumn(maps: tokenMaps, base: 3 * tokenCount, count: tokenCount) }
    /// The number of columns of `tokenMaps`.
    static var tokenMapColumns: Int { 4 }

    /// One column of `tokenMaps`, read by token index.
    struct TokenColumn: Sendable {
        let maps: [Int32]
        let base: Int
        let count: Int

        /// A token index outside the column traps, as an array's would (it must not read the next column).
        @inline(__always) subscript(token: Int) -> Int32 {
            precondition(UInt(bitPattern: token) < UInt(bitPattern: count), "token index out of range")
            // The column is inside `maps` (checked when the column was made): no second bounds check.
            return maps.withUnsafeBufferPointer { $0[base &+ token] }
        }

        /// An empty column, for an analysis stopped before its map was made.
        init() {
            self.init(maps: [], base: 0, count: 0)
        }

        init(maps: [Int32], base: Int, count: Int) {
            precondition(base >= 0 && count >= 0 && base &+ count <= maps.count, "token column outside its maps")
            self.maps = maps
            self.base = base
            self.count = count
        }
    }

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
