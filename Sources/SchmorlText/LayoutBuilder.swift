public import SchmorlModel

/// Builds the `Layout` of a report: sections, sentences and level headings (rules.md §1, §4; domain.md §6.1).
struct LayoutBuilder {
    let analysis: ReportAnalysis
    /// Held directly: reaching it through `analysis` on every access cost a retain and release per token.
    private let tokens: [Token]

    init(analysis: ReportAnalysis) {
        self.analysis = analysis
        self.tokens = analysis.tokens
    }

    func build(givenSections: [ReportSection]) -> Layout {
        var layout = Layout()
        let count = tokens.count
        // Local arrays, filled a range at a time (`fill`: one uniqueness check per range, not per token), stored
        // in the layout at the end.
        var sectionOfToken = [Int32](repeating: 0, count: count)
        var sentenceOfToken = [Int32](repeating: 0, count: count)
        var headingOfToken = [Int32](repeating: -1, count: count)
        // Section headers: at a line start, a known header followed by ":" (any case), or alone on its line.
        var headerStarts: [(token: Int, contentStart: Int, kind: SectionKind, title: String)] = []
        var lineStart = true
        for index in 0..<count {
            let token = tokens[index]
            if index == 0 || token.lineBreakBefore { lineStart = true }
            guard lineStart else { continue }
            lineStart = false
            var start = index
            if Layout.isEnumerator(tokens, start, analysis.text), start + 2 < count, tokens[start].kind == .number {
                start += 2
            }
            guard let (headerKind, headerEnd) = analysis.tables.headers.match(tokens, at: start, limit: count) else { continue }
            var end = headerEnd
            // "ADDENDUM (reviewed 12/03/2025):": a parenthesis on the header line before its colon.
            if end < count, tokens[end].byte == 0x28, tokens[end].kind == .punctuation {
                var close = end + 1
                while close < count, !tokens[close].lineBreakBefore, tokens[close].byte != 0x29 || tokens[close].kind != .punctuation {
                    close += 1
                }
                if close + 1 < count, !tokens[close].lineBreakBefore, tokens[close + 1].byte == 0x3A { end = close + 1 }
            }
            if end < count, tokens[end].kind == .punctuation, tokens[end].byte == 0x3A || tokens[end].byte == 0x2D {
                headerStarts.append((index, end + 1, headerKind, analysis.string(start..<headerEnd)))
                // A one-line history, technique or comparison ("Clinical: 50F, back pain.") ends with its line;
                // what follows up to the next header is findings.
                if [.history, .technique, .comparison].contains(headerKind), end + 1 < count,
                    !tokens[end + 1].lineBreakBefore
                {
                    var next = end + 1
                    while next < count, !tokens[next].lineBreakBefore { next += 1 }
                    if next < count, analysis.tables.headers.match(tokens, at: next, limit: count) == nil {
                        headerStarts.append((next, next, .findings, ""))
                    }
                }
            } else if end >= count || tokens[end].lineBreakBefore, isUpperCase(start..<headerEnd) {
                headerStarts.append((index, end, headerKind, analysis.string(start..<headerEnd)))
            }
        }
        if !givenSections.isEmpty {
            // Sections a structured source gave: map byte ranges to tokens.
            for section in givenSections {
                let first = firstToken(atOrAfter: section.range.start)
                let last = firstToken(atOrAfter: section.range.end)
                layout.sections.append(
                    SectionSpan(
                        kind: section.kind, title: section.title, tokens: first..<max(first, last), bytes: section.range,
                        sourceCode: section.sourceCode))
            }
            if layout.sections.first.map({ $0.tokens.lowerBound > 0 }) ?? true {
                let end = layout.sections.first?.tokens.lowerBound ?? count
                layout.sections.insert(
                    SectionSpan(
                        kind: .preamble, title: "", tokens: 0..<end, bytes: TextSpan(start: 0, end: byteStart(end))),
                    at: 0)
            }
        } else {
            var previous = 0
            var previousKind = SectionKind.preamble
            var previousTitle = ""
            for header in headerStarts {
                if header.token > previous || (header.token == 0 && previous == 0 && !layout.sections.isEmpty) {
                    layout.sections.append(
                        SectionSpan(
                            kind: previousKind, title: previousTitle, tokens: previous..<header.token,
                            bytes: TextSpan(start: byteStart(previous), end: byteStart(header.token))))
                }
                previous = header.token
                previousKind = header.kind
                previousTitle = header.title
            }
            layout.sections.append(
                SectionSpan(
                    kind: previousKind, title: previousTitle, tokens: previous..<count,
                    bytes: TextSpan(start: byteStart(previous), end: analysis.text.count)))
        }
        for (sectionIndex, section) in layout.sections.enumerated() {
            sectionOfToken.fill(section.tokens, with: Int32(sectionIndex))
        }
        var headerTokens = TokenFlags(count: count)
        // Where a sentence must break whatever the punctuation: a header, the start of a header's content, a change
        // of section. One flag array, so an ordinary token costs one test.
        var forcedBreaks = TokenFlags(count: count)
        for header in headerStarts {
            headerTokens.insert(header.token)
            forcedBreaks.insert(header.token)
            forcedBreaks.insert(header.contentStart)
        }
        sectionOfToken.withUnsafeBufferPointer { sections in
            for index in sections.indices.dropFirst() where sections[index] != sections[index - 1] {
                forcedBreaks.insert(index)
            }
        }
        // Sentences.
        var sentenceStart = 0
        layout.sentences.reserveCapacity(count / 10 + 8)
        func close(_ end: Int) {
            if end > sentenceStart {
                layout.sentences.append(sentenceStart..<end)
                sentenceStart = end
            }
        }
        let abbreviations = analysis.tables.abbreviations
        for index in 0..<count {
            let token = tokens[index]
            if index > sentenceStart {
                var breakBefore = false
                if token.blankLineBefore || forcedBreaks.contains(index) {
                    breakBefore = true
                } else if token.lineBreakBefore {
                    let previous = tokens[index - 1]
                    if Layout.isEnumerator(tokens, index, analysis.text) || isLevelHeadingStart(index) {
                        breakBefore = true
                    } else if previous.kind == .punctuation, previous.byte == 0x3A {
                        breakBefore = true
                    } else if !analysis.mostlyUpperCase, isUpper(token), !isContinuation(previous) {
                        breakBefore = true
                    }
                }
                if breakBefore { close(index) }
            }
            if token.kind == .punctuation {
                let next = index + 1 < count ? tokens[index + 1] : nil
                switch token.byte {
                case 0x2E:  // .
                    if next == nil || next!.spaceBefore {
                        let previous = index > 0 ? tokens[index - 1] : nil
                        let isAbbreviation =
                            previous.map { $0.kind == .word && abbreviations.contains($0.word) }
                            ?? false
                        let isInitial = previous.map { $0.kind == .word && $0.end - $0.start == 1 } ?? false
                        let enumerator = previous.map { $0.kind == .number && (index < 2 || tokens[index - 1].lineBreakBefore || index - 1 == sentenceStart) } ?? false
                        if !(isAbbreviation && !(next.map { isUpper($0) && $0.lineBreakBefore } ?? true))
                            && !isInitial && !enumerator
                        {
                            close(index + 1)
                        }
                    }
                case 0x21, 0x3F:  // ! ?
                    if let next, next.lineBreakBefore || (next.spaceBefore && isUpper(next)), index > sentenceStart {
                        close(index + 1)
                    }
                default: break
                }
            }
        }
        close(count)
        for (sentenceIndex, sentence) in layout.sentences.enumerated() {
            sentenceOfToken.fill(sentence, with: Int32(sentenceIndex))
        }
        // Level headings: "L2-3:" at a line start (after a bullet), or "At L2-3," / "At the L2-L3 level," opening a
        // sentence. Scope: until the next heading, section header or blank line (rules.md §4).
        var headingStarts: [(start: Int, levelTokens: Range<Int>, lineOnly: Bool)] = []
        for sentence in layout.sentences {
            var index = sentence.lowerBound
            if Layout.isEnumerator(tokens, index, analysis.text) {
                index += tokens[index].kind == .number ? 2 : 1
            }
            var sawAt = false
            if index < sentence.upperBound, tokens[index].word == analysis.tables.words.at {
                sawAt = true
                index += 1
                if index < sentence.upperBound, tokens[index].word == analysis.tables.words.the { index += 1 }
            }
            guard index < sentence.upperBound, analysis.levelOfToken[index] >= 0 else { continue }
            let first = Int(analysis.levelOfToken[index])
            var last = first
            while last + 1 < analysis.levels.count, analysis.levels[last + 1].group == analysis.levels[first].group {
                last += 1
            }
            var end = analysis.levels[last].tokens.upperBound
            if end < sentence.upperBound,
                tokens[end].word == analysis.tables.words.level || tokens[end].word == analysis.tables.words.levels
                    || tokens[end].word == analysis.tables.words.disc
            {
                end += 1
            }
            if end < sentence.upperBound, tokens[end].word == analysis.tables.words.space { end += 1 }
            guard end < sentence.upperBound || !sawAt else { continue }
            let separator = end < count ? tokens[end] : nil
            let isColon = separator.map { $0.kind == .punctuation && ($0.byte == 0x3A || ($0.byte == 0x2D && $0.spaceBefore)) } ?? false
            let isComma = separator.map { $0.kind == .punctuation && $0.byte == 0x2C } ?? false
            let isThere = separator.map { $0.word == analysis.tables.words.there } ?? false
            if isColon || (sawAt && (isComma || isThere)) || (separator?.lineBreakBefore ?? false) && !sawAt {
                // "At L4-5, ..." heads its own line; "L4-5:" heads everything down to the next heading.
                headingStarts.append((sentence.lowerBound, index..<analysis.levels[last].tokens.upperBound, sawAt))
            }
        }
        for (headingIndex, heading) in headingStarts.enumerated() {
            var end = heading.start + 1
            let limit = headingIndex + 1 < headingStarts.count ? headingStarts[headingIndex + 1].start : count
            let section = sectionOfToken[heading.start]
            while end < limit, !tokens[end].blankLineBefore, sectionOfToken[end] == section,
                !headerTokens.contains(end), !(heading.lineOnly && tokens[end].lineBreakBefore)
            {
                end += 1
            }
            layout.headings.append(Layout.LevelHeading(levelTokens: heading.levelTokens, scope: heading.start..<end))
            headingOfToken.fill(heading.start..<end, with: Int32(layout.headings.count - 1))
        }
        layout.sectionOfToken = sectionOfToken
        layout.sentenceOfToken = sentenceOfToken
        layout.headingOfToken = headingOfToken
        return layout
    }

    private func isLevelHeadingStart(_ index: Int) -> Bool {
        guard analysis.levelOfToken[index] >= 0 else { return false }
        let level = analysis.levels[Int(analysis.levelOfToken[index])]
        let end = level.tokens.upperBound
        guard end < tokens.count else { return false }
        var next = end
        if tokens[next].word == analysis.tables.words.level { next += 1 }
        guard next < tokens.count else { return false }
        return tokens[next].kind == .punctuation && (tokens[next].byte == 0x3A || tokens[next].byte == 0x2D)
    }

    private func isContinuation(_ previous: Token) -> Bool {
        if previous.kind == .punctuation {
            return previous.byte == 0x2C || previous.byte == 0x2D || previous.byte == 0x28 || previous.byte == 0x2F
        }
        let word = previous.word
        let words = analysis.tables.words
        return word == words.and || word == words.or || word == words.of || word == words.the || word == words.with
            || word == words.at || word == words.a || word == words.an || word == words.to
    }

    private func isUpper(_ token: Token) -> Bool {
        let byte = analysis.text[Int(token.start)]
        return byte >= 0x41 && byte <= 0x5A
    }

    private func isUpperCase(_ range: Range<Int>) -> Bool {
        for index in range {
            for byte in analysis.text[tokens[index].range] where byte >= 0x61 && byte <= 0x7A { return false }
        }
        return true
    }

    private func byteStart(_ token: Int) -> Int {
        token < tokens.count ? Int(tokens[token].start) : analysis.text.count
    }

    private func firstToken(atOrAfter byte: Int) -> Int {
        var low = 0
        var high = tokens.count
        while low < high {
            let mid = (low + high) / 2
            if Int(tokens[mid].start) < byte { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
