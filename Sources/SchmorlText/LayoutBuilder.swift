import SchmorlModel

/// Builds the `Layout` of a report: sections, sentences and level headings (rules.md §1, §4; domain.md §6.1).
///
/// Holds only the arrays it reads (copying the whole `ReportAnalysis` retained each of its arrays), and runs every
/// per-token loop over borrowed buffers (`Pass`): reaching the arrays through `self` cost a bounds check, and often
/// a retain and release, per token.
struct LayoutBuilder {
    private let tokens: [Token]
    private let text: [UInt8]
    private let levels: [LevelMention]
    private let tables: LexiconTables
    private let mostlyUpperCase: Bool

    init(tokens: [Token], text: [UInt8], levels: [LevelMention], tables: LexiconTables, mostlyUpperCase: Bool) {
        self.tokens = tokens
        self.text = text
        self.levels = levels
        self.tables = tables
        self.mostlyUpperCase = mostlyUpperCase
    }

    /// Lays the report out into `layout`, whose arrays (a worker's from its previous report,
    /// `TextEngine.Workspace`) are emptied keeping their capacity and refilled; `headers` is scratch space, kept
    /// only for its capacity.
    ///
    /// The per-token maps (`Layout.tokenMaps`) are written here in one array, the level column first, from the
    /// level mentions: the layout reads it at line and sentence starts, and later stages through
    /// `Layout.levelOfToken`.
    /// - Complexity: O(n) in the tokens, plus O(headers × headings) for the scope of each level heading.
    func build(givenSections: [ReportSection], into layout: inout Layout, headers: inout [HeaderStart]) {
        let count = tokens.count
        layout.tokenCount = count
        layout.hasSemicolon = false
        layout.sections.removeAll(keepingCapacity: true)
        layout.sentences.removeAll(keepingCapacity: true)
        layout.headings.removeAll(keepingCapacity: true)
        headers.removeAll(keepingCapacity: true)
        // Taken out of `layout` while the pass writes the rest of it (one reference, so refilled in place).
        var tokenMaps: [Int32] = []
        swap(&tokenMaps, &layout.tokenMaps)
        tokenMaps.removeAll(keepingCapacity: true)
        tokenMaps.append(addingCapacity: Layout.tokenMapColumns * count) { span in
            span.withUnsafeMutableBufferPointer { maps, initializedCount in
                // Section, sentence, heading, level: see `Layout.tokenMaps`.
                let levelOf = UnsafeMutableBufferPointer(rebasing: maps[(3 * count)..<(4 * count)])
                levelOf.initialize(repeating: -1)
                for (index, mention) in levels.enumerated() {
                    let range = mention.tokens.clamped(to: 0..<count)
                    UnsafeMutableBufferPointer(rebasing: levelOf[range]).update(repeating: Int32(index))
                }
                tokens.withUnsafeBufferPointer { borrowedTokens in
                    text.withUnsafeBufferPointer { text in
                        levels.withUnsafeBufferPointer { levels in
                            Pass(
                                tokens: borrowedTokens, text: text, levels: levels,
                                levelOfToken: UnsafeBufferPointer(levelOf), headerTable: tables.headers,
                                abbreviations: tables.abbreviations, mostlyUpperCase: mostlyUpperCase,
                                words: tables.words
                            ).build(
                                givenSections: givenSections, maps: UnsafeMutableBufferPointer(rebasing: maps[..<(4 * count)]),
                                into: &layout, headers: &headers)
                        }
                    }
                }
                initializedCount = Layout.tokenMapColumns * count
            }
        }
        layout.tokenMaps = tokenMaps
    }
}

extension LayoutBuilder {
    /// A section header found at a line start.
    struct HeaderStart {
        /// Where the header line starts (its enumerator, if any).
        var token: Int
        /// The first token after the header and its colon.
        var contentStart: Int
        var kind: SectionKind
        /// The header's words; made into the section's title only if the header opens a section.
        var title: Range<Int>
    }

    /// A level heading before its scope is known (the scope ends at the next heading at the latest).
    private struct HeadingStart {
        var start: Int
        /// The index of the sentence it opens (it starts at `start`).
        var sentence: Int
        var levelTokens: Range<Int>
        /// "At L4-5, ..." heads its own line only; "L4-5:" heads everything down to the next heading.
        var lineOnly: Bool
    }

    /// One build over borrowed buffers, valid only inside `build(givenSections:)`.
    private struct Pass {
        let tokens: UnsafeBufferPointer<Token>
        let text: UnsafeBufferPointer<UInt8>
        let levels: UnsafeBufferPointer<LevelMention>
        let levelOfToken: UnsafeBufferPointer<Int32>
        /// These three copied once per build: reaching them through `tables` copied each (and retained its arrays)
        /// at every use.
        let headerTable: PhraseTable<SectionKind>
        let abbreviations: WordClass
        let mostlyUpperCase: Bool
        let words: LexiconTables.CommonWords

        /// Headers and sentences come from one pass over the tokens (`sentences`), which looks for a header at
        /// each line start before deciding whether a sentence breaks there; sections follow from the headers, unless
        /// the source gave them, and level headings from the sentences.
        /// Writes the section, sentence and heading columns of `maps` (the level column is written already) and
        /// the rest of `layout`.
        func build(
            givenSections: [ReportSection], maps: UnsafeMutableBufferPointer<Int32>, into layout: inout Layout,
            headers: inout [HeaderStart]
        ) {
            let count = tokens.count
            // Room for a usual report's headers at once: growing from empty, doubling, was four allocations.
            headers.reserveCapacity(16)
            let sectionOf = UnsafeMutableBufferPointer(rebasing: maps[0..<count])
            let sentenceOf = UnsafeMutableBufferPointer(rebasing: maps[count..<(2 * count)])
            let headingOf = UnsafeMutableBufferPointer(rebasing: maps[(2 * count)..<(3 * count)])
            sectionOf.initialize(repeating: 0)
            sentenceOf.initialize(repeating: 0)
            headingOf.initialize(repeating: -1)
            if !givenSections.isEmpty {
                sections(given: givenSections, into: &layout.sections)
                fill(sectionOf, from: layout.sections)
                // Given sections may overlap or leave gaps: a sentence breaks wherever the map changes.
                for index in sectionOf.indices.dropFirst() where sectionOf[index] != sectionOf[index - 1] {
                    sentenceOf[index] = -1
                }
            }
            // Found sections need no marks of their own: each starts at a header, which breaks its sentence.
            sentences(
                sentenceOf: sentenceOf, marksGiven: !givenSections.isEmpty, headers: &headers,
                hasSemicolon: &layout.hasSemicolon,
                into: &layout.sentences)
            if givenSections.isEmpty {
                sections(from: headers, into: &layout.sections)
                fill(sectionOf, from: layout.sections)
            }
            headings(
                sentences: layout.sentences, headers: headers, sectionOf: UnsafeBufferPointer(sectionOf),
                sentenceOf: UnsafeBufferPointer(sentenceOf), sectionsGiven: !givenSections.isEmpty,
                headingOf: headingOf, into: &layout.headings)
        }

        /// Writes each token's section index; where sections overlap, the later one wins.
        private func fill(_ sectionOf: UnsafeMutableBufferPointer<Int32>, from sections: [SectionSpan]) {
            for (sectionIndex, section) in sections.enumerated() {
                let range = section.tokens.clamped(to: 0..<tokens.count)
                UnsafeMutableBufferPointer(rebasing: sectionOf[range]).update(repeating: Int32(sectionIndex))
            }
        }

        // MARK: Sections

        /// The section header starting the line at `index`, if any, appended to `headerStarts`: a known header
        /// followed by ":" (any case), or alone on its line. Marks with -1 in `sentenceOf`, ahead of the sentence
        /// pass, where a sentence must break whatever the punctuation: at the header and at the start of its content.
        /// Only writes at or after `index`. Returns the mark it made past `index` within the line (the content
        /// start), or the token count: its other marks start lines, where the sentence pass stops anyway.
        ///
        /// `findingsPending` says the line before this one held a one-line header (`endsWithItsLine`): findings
        /// start here, unless a header phrase does. Testing that here, when the pass reaches the line, spares
        /// walking that header's line to its end to find where the next one starts.
        private func findHeader(
            at index: Int, into headerStarts: inout [HeaderStart], marking sentenceOf: UnsafeMutableBufferPointer<Int32>,
            findingsPending: inout Bool
        ) -> Int {
            let count = tokens.count
            func add(_ header: HeaderStart) {
                headerStarts.append(header)
                // A header's content can start past the last token: then there is nothing to break.
                if header.token < count { sentenceOf[header.token] = -1 }
                if header.contentStart < count { sentenceOf[header.contentStart] = -1 }
            }
            var start = index
            if tokens[start].kind == .number, start + 2 < count, Layout.isEnumerator(tokens, start) {
                start += 2
            }
            let header = mayStartHeader(start) ? headerTable.match(tokens, at: start, limit: count) : nil
            if findingsPending {
                findingsPending = false
                // The phrase test at the line start itself, before any enumerator: the one just made if the same.
                let startsPhrase =
                    start == index
                    ? header != nil : mayStartHeader(index) && headerTable.match(tokens, at: index, limit: count) != nil
                if !startsPhrase { add(HeaderStart(token: index, contentStart: index, kind: .findings, title: 0..<0)) }
            }
            guard let (headerKind, headerEnd) = header else { return count }
            var end = headerEnd
            // "ADDENDUM (reviewed 12/03/2025):": a parenthesis on the header line before its colon.
            if end < count, tokens[end].byte == 0x28, tokens[end].kind == .punctuation {
                var close = end + 1
                while close < count, !tokens[close].lineBreakBefore,
                    tokens[close].byte != 0x29 || tokens[close].kind != .punctuation
                {
                    close += 1
                }
                if close + 1 < count, !tokens[close].lineBreakBefore, tokens[close + 1].byte == 0x3A {
                    end = close + 1
                }
            }
            // The content start of a header ended by a colon may lie inside the line; others start lines.
            var mark = count
            if end < count, tokens[end].kind == .punctuation, tokens[end].byte == 0x3A || tokens[end].byte == 0x2D {
                add(HeaderStart(token: index, contentStart: end + 1, kind: headerKind, title: start..<headerEnd))
                mark = end + 1
                // A one-line history, technique or comparison ("Clinical: 50F, back pain.") ends with its line;
                // what follows up to the next header is findings.
                if Self.endsWithItsLine(headerKind), end + 1 < count, !tokens[end + 1].lineBreakBefore {
                    // The next line start the pass calls here at is where findings start, unless the header
                    // itself spans a line break (the pass calls here at that break first): then the line is walked.
                    if !(index + 1...end).contains(where: { tokens[$0].lineBreakBefore }) {
                        findingsPending = true
                        return mark
                    }
                    var next = end + 1
                    while next < count, !tokens[next].lineBreakBefore { next += 1 }
                    if next < count, !mayStartHeader(next) || headerTable.match(tokens, at: next, limit: count) == nil {
                        add(HeaderStart(token: next, contentStart: next, kind: .findings, title: 0..<0))
                    }
                }
            } else if end >= count || tokens[end].lineBreakBefore, isUpperCase(start..<headerEnd) {
                add(HeaderStart(token: index, contentStart: end, kind: headerKind, title: start..<headerEnd))
            }
            return mark
        }

        /// Whether a header phrase could start at `index`: whether some header starts with its word or
        /// punctuation, one table read (most lines start with a word no header starts with).
        @inline(__always) private func mayStartHeader(_ index: Int) -> Bool {
            headerTable.nextStart(tokens, from: index, limit: index + 1) == index
        }

        private static func endsWithItsLine(_ kind: SectionKind) -> Bool {
            switch kind {
            case .history, .technique, .comparison: true
            default: false
            }
        }

        /// Sections from the headers found in the text: each runs from its header to the next.
        private func sections(from headers: [HeaderStart], into sections: inout [SectionSpan]) {
            sections.reserveCapacity(headers.count + 1)
            var previous = 0
            var previousKind = SectionKind.preamble
            var previousTitle = 0..<0
            for header in headers {
                if header.token > previous || (header.token == 0 && previous == 0 && !sections.isEmpty) {
                    sections.append(
                        SectionSpan(
                            kind: previousKind, title: string(previousTitle), tokens: previous..<header.token,
                            bytes: TextSpan(start: byteStart(previous), end: byteStart(header.token))))
                }
                previous = header.token
                previousKind = header.kind
                previousTitle = header.title
            }
            sections.append(
                SectionSpan(
                    kind: previousKind, title: string(previousTitle), tokens: previous..<tokens.count,
                    bytes: TextSpan(start: byteStart(previous), end: text.count)))
        }

        /// Sections a structured source gave: byte ranges mapped to tokens, a preamble before the first.
        private func sections(given: [ReportSection], into sections: inout [SectionSpan]) {
            sections.reserveCapacity(given.count + 1)
            for section in given {
                let first = firstToken(atOrAfter: section.range.start)
                let last = firstToken(atOrAfter: section.range.end)
                sections.append(
                    SectionSpan(
                        kind: section.kind, title: section.title, tokens: first..<max(first, last), bytes: section.range,
                        sourceCode: section.sourceCode))
            }
            if sections.first.map({ $0.tokens.lowerBound > 0 }) ?? true {
                let end = sections.first?.tokens.lowerBound ?? tokens.count
                sections.insert(
                    SectionSpan(
                        kind: .preamble, title: "", tokens: 0..<end, bytes: TextSpan(start: 0, end: byteStart(end))),
                    at: 0)
            }
        }

        // MARK: Sentences

        /// Sentence token ranges, writing each token's sentence index to `sentenceOf` on the way, and the section
        /// headers to `headers` (`findHeader`, at each line start), and whether a ";" token occurs.
        ///
        /// Forced breaks are marked -1 in `sentenceOf`: changes of given section before the pass, headers as it
        /// reaches them (each at or after the token being decided); each mark is read before the token's sentence
        /// index overwrites it. Ordinary tokens (no line break before, not punctuation, no mark) are passed over by
        /// `nextDecision`; the header, line-start and full-stop rules run only where they can apply.
        private func sentences(
            sentenceOf: UnsafeMutableBufferPointer<Int32>, marksGiven: Bool, headers: inout [HeaderStart],
            hasSemicolon: inout Bool,
            into sentences: inout [Range<Int>]
        ) {
            let count = tokens.count
            sentences.reserveCapacity(count / 10 + 8)
            // Kept in a register: `sentences.count` is reloaded after every store through `sentenceOf`.
            var sentenceCount: Int32 = 0
            var sentenceStart = 0
            /// Ends the sentence before token `end`.
            func close(before end: Int) {
                sentences.append(sentenceStart..<end)
                sentenceCount += 1
                sentenceStart = end
            }
            // Without given sections, the only marks are the headers' (`findHeader`): those at line starts are
            // stopped at anyway, and the one inside a line (`mark`, after the line start that made it) bounds the
            // skip, so the skip reads no mark. With given sections, marks lie anywhere, and the skip reads each.
            var mark = count
            // The first token starts a line, with or without a line break before it.
            var findingsPending = false
            if count > 0, !tokens[0].lineBreakBefore {
                mark = findHeader(at: 0, into: &headers, marking: sentenceOf, findingsPending: &findingsPending)
            }
            var index = marksGiven
                ? Self.nextDecision(from: 0, sentence: 0, tokens, marks: sentenceOf)
                : Self.nextDecision(from: 0, limit: mark, sentence: 0, tokens, sentenceOf)
            while index < count {
                let token = tokens[index]
                let lineStart = token.lineBreakBefore
                if mark <= index { mark = count }
                if lineStart {
                    mark = min(
                        mark, findHeader(at: index, into: &headers, marking: sentenceOf, findingsPending: &findingsPending))
                }
                if sentenceOf[index] < 0 {
                    if index > sentenceStart { close(before: index) }
                } else if lineStart, index > sentenceStart, breaksBefore(index) {
                    close(before: index)
                }
                sentenceOf[index] = sentenceCount
                if token.kind == .punctuation, endsSentence(index, sentenceStart: sentenceStart) {
                    close(before: index + 1)
                }
                if token.byte == 0x3B, token.kind == .punctuation { hasSemicolon = true }
                if marksGiven {
                    index = Self.nextDecision(from: index + 1, sentence: sentenceCount, tokens, marks: sentenceOf)
                } else {
                    index = Self.nextDecision(from: index + 1, limit: mark, sentence: sentenceCount, tokens, sentenceOf)
                }
            }
            if count > sentenceStart { sentences.append(sentenceStart..<count) }
        }

        /// The first token at or after `index` and before `limit` where the sentence pass has something to decide
        /// (a line break before it, a ".", "!", "?" or ";"), or `limit`; every token passed over is in `sentence`.
        ///
        /// Eight tokens in ten are ordinary words; a loop of its own keeps them to two tests and a store each
        /// (`limit` is the next forced break, so no mark is read). Other punctuation (commas, hyphens, colons,
        /// parentheses) decides nothing where it stands, and is passed over too.
        /// - Complexity: O(tokens passed over).
        @inline(never)
        private static func nextDecision(
            from index: Int, limit: Int, sentence: Int32, _ tokens: UnsafeBufferPointer<Token>,
            _ sentenceOf: UnsafeMutableBufferPointer<Int32>
        ) -> Int {
            var index = index
            // Two tokens a round: the loop's own count, step and test are a third of its work per token.
            while index &+ 1 < limit {
                let first = tokens[index]
                if first.lineBreakBefore || Self.mayEndSentence(first.byte) { return index }
                sentenceOf[index] = sentence
                let second = tokens[index &+ 1]
                if second.lineBreakBefore || Self.mayEndSentence(second.byte) { return index &+ 1 }
                sentenceOf[index &+ 1] = sentence
                index &+= 2
            }
            if index < limit {
                let token = tokens[index]
                if token.lineBreakBefore || Self.mayEndSentence(token.byte) { return index }
                sentenceOf[index] = sentence
                index &+= 1
            }
            return index
        }

        /// `nextDecision(from:limit:sentence:_:_:)` up to the token count, stopping at a forced break marked -1 in
        /// `marks` too (given sections mark theirs anywhere).
        @inline(never)
        private static func nextDecision(
            from index: Int, sentence: Int32, _ tokens: UnsafeBufferPointer<Token>,
            marks: UnsafeMutableBufferPointer<Int32>
        ) -> Int {
            var index = index
            while index < tokens.count {
                let token = tokens[index]
                if token.lineBreakBefore || Self.mayEndSentence(token.byte) || marks[index] < 0 { return index }
                marks[index] = sentence
                index &+= 1
            }
            return index
        }

        /// Whether a token with this first byte may end a sentence or be a ";" (`endsSentence`, `Layout.hasSemicolon`):
        /// a bit of a mask over the bytes below 0x40, where "." "!" "?" ";" lie. A word or number never starts with
        /// one of those four bytes, so the kind needs no test.
        @inline(__always)
        private static func mayEndSentence(_ byte: UInt8) -> Bool {
            let stops: UInt64 = 1 << 0x2E | 1 << 0x21 | 1 << 0x3F | 1 << 0x3B
            // A shift by 64 or more gives 0: bytes from 0x40 up are never stops.
            return (stops >> UInt64(byte)) & 1 != 0
        }

        /// Whether a sentence breaks before the token at `index`, which starts a line: a blank line, an enumerator
        /// or a level heading, a line after a colon, or (in text not all capitals) a capitalised line not
        /// continuing the last.
        private func breaksBefore(_ index: Int) -> Bool {
            let token = tokens[index]
            if token.blankLineBefore || Layout.isEnumerator(tokens, index) || isLevelHeadingStart(index) {
                return true
            }
            let previous = tokens[index - 1]
            if previous.kind == .punctuation, previous.byte == 0x3A { return true }
            return !mostlyUpperCase && isUpper(token) && !isContinuation(previous)
        }

        /// Whether the punctuation at `index` ends its sentence: a full stop before white space (not after an
        /// abbreviation, an initial or a line-start enumerator), "!" or "?" before a line break or a capital.
        ///
        /// Inlined into the sentence pass: most punctuation (commas, hyphens, colons) is turned away on its byte.
        @inline(__always)
        private func endsSentence(_ index: Int, sentenceStart: Int) -> Bool {
            switch tokens[index].byte {
            case 0x2E: fullStopEndsSentence(index, sentenceStart: sentenceStart)  // .
            case 0x21, 0x3F: exclamationEndsSentence(index, sentenceStart: sentenceStart)  // ! ?
            default: false
            }
        }

        @inline(__always)
        private func fullStopEndsSentence(_ index: Int, sentenceStart: Int) -> Bool {
            let hasNext = index + 1 < tokens.count
            if hasNext, !tokens[index + 1].spaceBefore { return false }
            guard index > 0 else { return true }
            let previous = tokens[index - 1]
            if previous.kind == .word {
                // An initial ("J. Smith").
                if previous.end - previous.start == 1 { return false }
                // An abbreviation ("Dr.", "e.g.") ends a sentence only before a capitalised line.
                if abbreviations.contains(previous.word) {
                    return hasNext ? isUpper(tokens[index + 1]) && tokens[index + 1].lineBreakBefore : true
                }
                return true
            }
            if previous.kind == .number {
                // "1." enumerating at a line or sentence start.
                return !(index < 2 || previous.lineBreakBefore || index - 1 == sentenceStart)
            }
            return true
        }

        private func exclamationEndsSentence(_ index: Int, sentenceStart: Int) -> Bool {
            guard index + 1 < tokens.count else { return false }
            let next = tokens[index + 1]
            return (next.lineBreakBefore || (next.spaceBefore && isUpper(next))) && index > sentenceStart
        }

        // MARK: Level headings

        /// Level headings: "L2-3:" at a line start (after a bullet), or "At L2-3," / "At the L2-L3 level," opening a
        /// sentence. Scope: until the next heading, section header or blank line (rules.md §4).
        private func headings(
            sentences: [Range<Int>], headers: [HeaderStart], sectionOf: UnsafeBufferPointer<Int32>,
            sentenceOf: UnsafeBufferPointer<Int32>, sectionsGiven: Bool, headingOf: UnsafeMutableBufferPointer<Int32>,
            into headings: inout [Layout.LevelHeading]
        ) {
            var pending: HeadingStart?
            // Headers are in token order, and headings are closed in order: the first header after a heading's
            // start is found by walking on from the last one's.
            var nextHeader = 0
            func close(_ heading: HeadingStart, limit: Int) {
                var end = heading.start + 1
                // A section header stops the scope too: the first one after the heading's start.
                var limit = limit
                while nextHeader < headers.count, headers[nextHeader].token <= heading.start { nextHeader += 1 }
                if nextHeader < headers.count, headers[nextHeader].token < limit { limit = headers[nextHeader].token }
                if sectionsGiven {
                    let section = sectionOf[heading.start]
                    while end < limit, !tokens[end].blankLineBefore, sectionOf[end] == section,
                        !(heading.lineOnly && tokens[end].lineBreakBefore)
                    {
                        end += 1
                    }
                } else if heading.lineOnly {
                    // Found sections change only at a header, where `limit` already stops.
                    while end < limit, !tokens[end].blankLineBefore, !tokens[end].lineBreakBefore { end += 1 }
                } else {
                    // A blank line always starts a sentence (`breaksBefore`): only sentence starts need a look.
                    end = limit
                    var next = heading.sentence + 1
                    while next < sentences.count, sentences[next].lowerBound < limit {
                        if tokens[sentences[next].lowerBound].blankLineBefore {
                            end = sentences[next].lowerBound
                            break
                        }
                        next += 1
                    }
                }
                if headings.isEmpty { headings.reserveCapacity(sentences.count / 4 + 4) }
                headings.append(Layout.LevelHeading(levelTokens: heading.levelTokens, scope: heading.start..<end))
                UnsafeMutableBufferPointer(rebasing: headingOf[heading.start..<end])
                    .update(repeating: Int32(headings.count - 1))
            }
            // A heading's level lies in the sentence it opens: only sentences holding a token of a level mention
            // are looked at, in order, each once (most sentences name no level; all were looked at before).
            var nextSentence = 0
            for level in levels {
                let first = Int(sentenceOf[level.tokens.lowerBound])
                let last = Int(sentenceOf[level.tokens.upperBound - 1])
                var sentenceIndex = max(first, nextSentence)
                while sentenceIndex <= last {
                    let sentence = sentences[sentenceIndex]
                    sentenceIndex += 1
                    // A sentence opening with a word that is neither a level nor "at" opens no heading (an
                    // enumerator is never a word).
                    let opening = tokens[sentence.lowerBound]
                    if opening.kind == .word, opening.word != words.at, levelOfToken[sentence.lowerBound] < 0 {
                        continue
                    }
                    guard let heading = levelHeading(opening: sentence, index: sentenceIndex - 1) else { continue }
                    if let pending { close(pending, limit: heading.start) }
                    pending = heading
                }
                nextSentence = max(nextSentence, sentenceIndex)
            }
            if let pending { close(pending, limit: tokens.count) }
        }

        /// The level heading that opens `sentence` (the sentence at `sentenceIndex`), if any.
        private func levelHeading(opening sentence: Range<Int>, index sentenceIndex: Int) -> HeadingStart? {
            var index = sentence.lowerBound
            if Layout.isEnumerator(tokens, index) {
                index += tokens[index].kind == .number ? 2 : 1
            }
            var sawAt = false
            if index < sentence.upperBound, tokens[index].word == words.at {
                sawAt = true
                index += 1
                if index < sentence.upperBound, tokens[index].word == words.the { index += 1 }
            }
            guard index < sentence.upperBound, levelOfToken[index] >= 0 else { return nil }
            let first = Int(levelOfToken[index])
            var last = first
            while last + 1 < levels.count, levels[last + 1].group == levels[first].group {
                last += 1
            }
            var end = levels[last].tokens.upperBound
            if end < sentence.upperBound,
                tokens[end].word == words.level || tokens[end].word == words.levels || tokens[end].word == words.disc
            {
                end += 1
            }
            if end < sentence.upperBound, tokens[end].word == words.space { end += 1 }
            guard end < sentence.upperBound || !sawAt else { return nil }
            let separator: Token? = end < tokens.count ? tokens[end] : nil
            let isColon =
                separator.map { $0.kind == .punctuation && ($0.byte == 0x3A || ($0.byte == 0x2D && $0.spaceBefore)) }
                ?? false
            let isComma = separator.map { $0.kind == .punctuation && $0.byte == 0x2C } ?? false
            let isThere = separator.map { $0.word == words.there } ?? false
            guard isColon || (sawAt && (isComma || isThere)) || (separator?.lineBreakBefore ?? false) && !sawAt else {
                return nil
            }
            return HeadingStart(
                start: sentence.lowerBound, sentence: sentenceIndex, levelTokens: index..<levels[last].tokens.upperBound, lineOnly: sawAt)
        }

        // MARK: Token tests

        private func isLevelHeadingStart(_ index: Int) -> Bool {
            guard levelOfToken[index] >= 0 else { return false }
            let level = levels[Int(levelOfToken[index])]
            let end = level.tokens.upperBound
            guard end < tokens.count else { return false }
            var next = end
            if tokens[next].word == words.level { next += 1 }
            guard next < tokens.count else { return false }
            return tokens[next].kind == .punctuation && (tokens[next].byte == 0x3A || tokens[next].byte == 0x2D)
        }

        private func isContinuation(_ previous: Token) -> Bool {
            if previous.kind == .punctuation {
                return previous.byte == 0x2C || previous.byte == 0x2D || previous.byte == 0x28 || previous.byte == 0x2F
            }
            let word = previous.word
            return word == words.and || word == words.or || word == words.of || word == words.the || word == words.with
                || word == words.at || word == words.a || word == words.an || word == words.to
        }

        private func isUpper(_ token: Token) -> Bool {
            let byte = text[Int(token.start)]
            return byte >= 0x41 && byte <= 0x5A
        }

        private func isUpperCase(_ range: Range<Int>) -> Bool {
            for index in range {
                for byte in UnsafeBufferPointer(rebasing: text[tokens[index].range]) where byte >= 0x61 && byte <= 0x7A {
                    return false
                }
            }
            return true
        }

        /// The text of a token range, as written.
        private func string(_ range: Range<Int>) -> String {
            guard !range.isEmpty else { return "" }
            let bytes = Int(tokens[range.lowerBound].start)..<Int(tokens[range.upperBound - 1].end)
            return String(decoding: UnsafeBufferPointer(rebasing: text[bytes]), as: UTF8.self)
        }

        private func byteStart(_ token: Int) -> Int {
            token < tokens.count ? Int(tokens[token].start) : text.count
        }

        private func firstToken(atOrAfter byte: Int) -> Int {
            tokens.partitionPoint { Int($0.start) < byte }
        }
    }
}
