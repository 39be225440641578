import SchmorlModel

/// Finds the levels a report names, in every notation of rules.md §1 and domain.md §2.2.
///
/// A hyphen, en dash or slash between adjacent vertebrae is a disc level ("L4-5", "L4/L5", "T12-L1"); between
/// non-adjacent ones it is a range ("T10-L2"); a range word ("to", "through", "thru", "from ... to") always makes a
/// range. Bare numbers in a list inherit the last letter ("T12, L1, 2, 5"). "D" (dorsal) is thoracic. "T1" and "T2"
/// followed or preceded by sequence words ("T2 hyperintense", "on T1 and T2") are MR sequences, not vertebrae.
struct LevelParser {
    let tables: LexiconTables

    /// Parses one level word ("l4", "t12", "d8"); nil for anything else.
    ///
    /// Inlined: it runs on every candidate token of the parse.
    @inline(__always)
    static func vertebra(_ folded: UnsafeBufferPointer<UInt8>, _ token: Token) -> VertebralLevel? {
        guard token.kind == .word else { return nil }
        let start = Int(token.start)
        let end = Int(token.end)
        let length = end - start
        guard length == 2 || length == 3 else { return nil }
        let region: SpinalRegion
        switch folded[start] {
        case 0x63: region = .cervical
        case 0x74, 0x64: region = .thoracic
        case 0x6C: region = .lumbar
        case 0x73: region = .sacral
        default: return nil
        }
        var number = 0
        for index in (start + 1)..<end {
            let byte = folded[index]
            guard Tokenizer.isDigit(byte) else { return nil }
            number = number * 10 + Int(byte - 0x30)
        }
        return VertebralLevel(region: region, number: number)
    }

    /// The index of the first token at or after `index` that can begin a level in some notation, or the token
    /// count: a word of a region letter then a digit in two or three bytes (what `vertebra` parses), a region letter
    /// standing alone ("L 2-3"), an ordinal before a region word ("fourth lumbar"), or a number one or two tokens
    /// after the last level (a list's "2", the only place a bare number is a level).
    ///
    /// Nine tokens in ten are none of these, and most are told by their first byte alone (`startClasses`): every
    /// such notation starts with a region letter (c, t, d, l, s) or a digit, but for the ordinal, which is found
    /// from the region word after it ("cervical", "thoracic", "dorsal", "lumbar", "sacral": a region letter and six
    /// or eight bytes). So no word outside those letters is looked at further, and only a region-shaped word looks
    /// up the word before it in the ordinals. Tokens passed over cannot start a level; a few returned cannot either
    /// (the tests in `parse` decide, as before).
    /// - Complexity: O(tokens skipped).
    @inline(__always)
    private static func nextCandidate(
        from start: Int, lastEnd: Int, _ tokens: UnsafeBufferPointer<Token>, _ folded: UnsafeBufferPointer<UInt8>,
        _ ordinals: UnsafeBufferPointer<Int8>, _ startClasses: UnsafeBufferPointer<UInt8>
    ) -> Int {
        var index = start
        while index < tokens.count {
            let token = tokens[index]
            let startClass = startClasses[Int(token.byte)]
            if _slowPath(startClass != 0) {
                if startClass == Self.digitStart {
                    if token.kind == .number && index &- lastEnd <= 2 { return index }
                } else if token.kind == .word {
                    let length = token.end &- token.start
                    if length == 1 { return index }  // a region letter
                    if length <= 3 {
                        if Tokenizer.isDigit(folded[Int(token.start) &+ 1]) { return index }
                    } else if length == 6 || length == 8, index > start {
                        // A region word: the word before it may be an ordinal ("fourth lumbar vertebra").
                        let previous = tokens[index &- 1]
                        if previous.kind == .word && previous.word >= 0 && ordinals[Int(previous.word)] > 0 {
                            return index &- 1
                        }
                    }
                }
            }
            index &+= 1
        }
        return index
    }

    /// `startClasses` values: a region letter starts a word that may begin a level, a digit a number that may.
    private static let regionStart: UInt8 = 1
    private static let digitStart: UInt8 = 2
    /// Per first byte of a token (folded), whether a level may begin there (`nextCandidate`).
    private static let startClasses: [UInt8] = (0...255).map { (value: Int) -> UInt8 in
        let byte = UInt8(value)
        if Tokenizer.isDigit(byte) { return digitStart }
        return region(of: byte) != nil ? regionStart : 0
    }

    static func number(_ folded: UnsafeBufferPointer<UInt8>, _ token: Token) -> Int? {
        guard token.kind == .number, token.end - token.start <= 2 else { return nil }
        var value = 0
        for index in Int(token.start)..<Int(token.end) {
            let byte = folded[index]
            guard Tokenizer.isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    @inline(__always)
    static func region(of letter: UInt8) -> SpinalRegion? {
        switch letter {
        case 0x63: .cervical
        case 0x74, 0x64: .thoracic
        case 0x6C: .lumbar
        case 0x73: .sacral
        default: nil
        }
    }

    /// Finds the levels of a report into `mentions` (emptied first), in token order, none overlapping.
    ///
    /// `context` is the report's context phrases (`LexiconTables.context`, in order and not overlapping, as
    /// `PhraseTable.matchAll` finds them): those of `Concept.sequenceWord` make "T1"/"T2" MR sequences.
    /// - Complexity: O(n) in the tokens.
    func parse(
        _ folded: [UInt8], original: [UInt8], _ tokens: [Token], context: [Match<Concept>],
        into mentions: inout [LevelMention]
    ) {
        mentions.removeAll(keepingCapacity: true)
        // Room for a usual report's levels at once: growing from empty, doubling, was five allocations.
        mentions.reserveCapacity(tokens.count / 16 + 8)
        tokens.withUnsafeBufferPointer { tokens in
            folded.withUnsafeBufferPointer { folded in
                original.withUnsafeBufferPointer { original in
                    tables.ordinals.withUnsafeBufferPointer { ordinals in
                        Self.startClasses.withUnsafeBufferPointer { startClasses in
                            context.withUnsafeBufferPointer { context in
                                Pass(
                                    tokens: tokens, folded: folded, original: original, ordinals: ordinals,
                                    startClasses: startClasses, sequenceWords: SequenceWords(context: context),
                                    words: tables.words
                                ).parse(into: &mentions)
                            }
                        }
                    }
                }
            }
        }
    }
}

extension LevelParser {
    /// The tokens of the context phrases that name MR sequences ("weighted", "stir"), looked up in the phrases
    /// themselves: a per-token set cost an allocation and a pass over every phrase for each report, for the few
    /// "T1"/"T2" that ask.
    private struct SequenceWords {
        /// In token order, not overlapping.
        let context: UnsafeBufferPointer<Match<Concept>>

        /// Whether token `index` lies in a sequence-word phrase; out-of-range indices never do.
        /// - Complexity: O(log phrases).
        func contains(_ index: Int) -> Bool {
            // The last phrase starting at or before `index` is the only one that can hold it.
            let low = context.partitionPoint { $0.start <= index }
            guard low > 0, index < context[low - 1].end else { return false }
            if case .sequenceWord = context[low - 1].payload { return true }
            return false
        }
    }

    /// One parse over borrowed buffers, valid only inside `parse(_:original:_:context:into:)`: reaching the arrays
    /// through `self` cost a bounds check per token, and the candidate scan borrowed them anew at every level.
    private struct Pass {
        let tokens: UnsafeBufferPointer<Token>
        let folded: UnsafeBufferPointer<UInt8>
        let original: UnsafeBufferPointer<UInt8>
        let ordinals: UnsafeBufferPointer<Int8>
        let startClasses: UnsafeBufferPointer<UInt8>
        let sequenceWords: SequenceWords
        /// Copied once per parse: `tables.words` copied the whole struct at every use.
        let words: LexiconTables.CommonWords

        private func isCapital(_ token: Token) -> Bool {
            let byte = original[Int(token.start)]
            return byte >= 0x41 && byte <= 0x5A
        }

        func parse(into mentions: inout [LevelMention]) {
            var index = 0
            var group = 0
            var lastEnd = -10
            var lastRegion: SpinalRegion?
            var lastSequence = -10
            while index < tokens.count {
                index = LevelParser.nextCandidate(
                    from: index, lastEnd: lastEnd, tokens, folded, ordinals, startClasses)
                if index == tokens.count { break }
                let token = tokens[index]
                var level = LevelParser.vertebra(folded, token)
                var end = index + 1
                // Ordinal form: "fourth lumbar vertebra", "twelfth thoracic vertebral body", "first sacral segment".
                if level == nil, token.kind == .word, token.word >= 0, ordinals[Int(token.word)] > 0,
                    index + 1 < tokens.count
                {
                    let ordinal = Int(ordinals[Int(token.word)])
                    let regionWord = tokens[index + 1]
                    let region: SpinalRegion? =
                        switch String(decoding: UnsafeBufferPointer(rebasing: folded[regionWord.range]), as: UTF8.self) {
                        case "cervical": .cervical
                        case "thoracic", "dorsal": .thoracic
                        case "lumbar": .lumbar
                        case "sacral": .sacral
                        default: nil
                        }
                    if let region, index + 2 < tokens.count {
                        let word = tokens[index + 2].word
                        if word == words.vertebra || word == words.vertebral || word == words.segment
                            || word == words.body || word == words.level
                        {
                            level = VertebralLevel(region: region, number: ordinal)
                            end = index + 2
                        }
                    }
                }
                // "L 2-3", "L-4": a capital region letter standing alone before the number.
                if level == nil, token.kind == .word, token.end - token.start == 1, isCapital(token),
                    let region = LevelParser.region(of: folded[Int(token.start)])
                {
                    var next = index + 1
                    if next < tokens.count, tokens[next].kind == .punctuation, tokens[next].byte == 0x2D,
                        !tokens[next].spaceBefore
                    {
                        next += 1
                    }
                    if next < tokens.count, let number = LevelParser.number(folded, tokens[next]) {
                        level = VertebralLevel(region: region, number: number)
                        end = next + 1
                    }
                }
                // Elliptical list: a bare number right after a level list separator inherits the last letter.
                if level == nil, token.kind == .number, let lastRegion, index - lastEnd <= 2, index - lastEnd >= 1,
                    index > 0, tokens[index - 1].byte == 0x2C || tokens[index - 1].word == words.and
                        || tokens[index - 1].word == words.or,
                    let value = LevelParser.number(folded, token),
                    !(index + 1 < tokens.count && isUnit(tokens[index + 1]))
                {
                    level = VertebralLevel(region: lastRegion, number: value)
                }
                guard var upper = level else {
                    index += 1
                    continue
                }
                // "on T1 and T2": the second of a pair whose first was a sequence is a sequence too.
                // Only "T1"/"T2" can name a sequence: asked here, without a call for every other level.
                if upper.region == .thoracic && upper.number <= 2
                    && (isSequence(index, upper) || index - lastSequence == 2)
                {
                    lastSequence = index
                    index += 1
                    continue
                }
                var value = LevelMention.Value.vertebra(upper)
                // A second level joined by a hyphen / slash / range word.
                if end < tokens.count {
                    let joiner = tokens[end]
                    let isDash = joiner.kind == .punctuation && (joiner.byte == 0x2D || joiner.byte == 0x2F)
                    let isRangeWord =
                        joiner.word == words.to || joiner.word == words.through || joiner.word == words.thru
                    let isFrom = index > 0 && tokens[index - 1].word == words.from
                    if isDash || isRangeWord, end + 1 < tokens.count {
                        let other = tokens[end + 1]
                        var lower = LevelParser.vertebra(folded, other)
                        if lower == nil, isDash, let number = LevelParser.number(folded, other) {
                            lower = VertebralLevel(region: upper.region, number: number)
                            if let candidate = lower, !(upper < candidate) {
                                // "T12-1" style: the number wraps into the next region.
                                lower = upper.next.flatMap { next in next.number == number ? next : nil }
                            }
                        }
                        if let lower, upper < lower {
                            if isDash && !isFrom, let disc = DiscLevel(upper: upper, lower: lower) {
                                value = .disc(disc)
                            } else {
                                var list: [VertebralLevel] = []
                                var current: VertebralLevel? = upper
                                while let vertebra = current, vertebra <= lower, list.count < 30 {
                                    list.append(vertebra)
                                    current = vertebra.next
                                    if vertebra.region == .lumbar, vertebra.number == 5, lower.region == .lumbar,
                                        lower.number == 6
                                    {
                                        current = lower
                                    }
                                }
                                value = .range(list)
                            }
                            end += 2
                            upper = lower
                        }
                    }
                }
                if index - lastEnd > 2 || !(index > 0 && isListJoiner(tokens[index - 1]) || index == lastEnd) {
                    group += 1
                }
                var namesRoot = false
                var look = end
                while look < min(end + 3, tokens.count) {
                    let word = tokens[look].word
                    if word == words.nerve || word == words.root || word == words.roots { namesRoot = true }
                    look += 1
                }
                mentions.append(LevelMention(tokens: index..<end, value: value, group: group, namesRoot: namesRoot))
                lastEnd = end
                lastRegion = upper.region
                index = end
            }
        }

        private func isListJoiner(_ token: Token) -> Bool {
            token.byte == 0x2C || token.word == words.and || token.word == words.or || token.byte == 0x26
        }

        private func isUnit(_ token: Token) -> Bool {
            token.word == words.mm || token.word == words.cm
        }

        /// "T1"/"T2" naming an MR sequence, not a vertebra.
        private func isSequence(_ index: Int, _ level: VertebralLevel) -> Bool {
            guard level.region == .thoracic, level.number <= 2, folded[Int(tokens[index].start)] == 0x74 else {
                return false
            }
            if sequenceWords.contains(index + 1) || sequenceWords.contains(index - 1) { return true }
            // "T1 and T2", "T1/T2", "T2 and STIR"
            if index + 2 < tokens.count {
                let joiner = tokens[index + 1]
                if joiner.byte == 0x2F || joiner.word == words.and || joiner.byte == 0x2C {
                    let other = tokens[index + 2]
                    if let next = LevelParser.vertebra(folded, other), next.region == .thoracic, next.number <= 2,
                        sequenceWords.contains(index + 3)
                            || (index + 3 < tokens.count && tokens[index + 3].byte == 0x2C)
                            || sequenceWords.contains(index + 2)
                    {
                        return true
                    }
                    if sequenceWords.contains(index + 2) { return true }
                }
            }
            if index >= 2, tokens[index - 1].byte == 0x2F || tokens[index - 1].word == words.and,
                let previous = LevelParser.vertebra(folded, tokens[index - 2]), previous.region == .thoracic,
                previous.number <= 2,
                sequenceWords.contains(index + 1) || sequenceWords.contains(index - 3)
            {
                return true
            }
            // "on T2", "T2 weighted": the word before is a preposition of sequences.
            if index >= 1 {
                switch String(decoding: UnsafeBufferPointer(rebasing: folded[tokens[index - 1].range]), as: UTF8.self) {
                case "on", "sagittal", "axial", "coronal", "weighted", "fs", "post", "pre":
                    // "on T12" is a vertebra; only T1/T2 reach here.
                    return index + 1 >= tokens.count || !(tokens[index + 1].byte == 0x2D)
                default:
                    break
                }
            }
            return false
        }
    }
}
