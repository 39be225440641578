import SchmorlModel

/// Finds every node the report speaks of: its mentions, location, assertion and features, merged across sections
/// (rules.md §1 and §4; domain.md §1 to §3).
struct NodeExtractor {
    let context: ContextEngine
    /// The assertion engine's analysis, not a copy of its own: a copy of `ReportAnalysis` retains each of its
    /// arrays, and releases them again, a cost on every report.
    var analysis: ReportAnalysis { context.analysis }

    init(analysis: ReportAnalysis) {
        self.context = ContextEngine(analysis: analysis)
    }

    private var tokens: [Token] { analysis.tokens }
    private var words: LexiconTables.CommonWords { analysis.tables.words }

    // MARK: Mentions

    /// The node mentions of the report, in token order.
    ///
    /// Only a few tokens can start a mention: a word of the "schmorl" family (every spelling starts with "s"), a
    /// node name or node noun of the findings, and "SN" once defined. The scan jumps from one such token to the
    /// next; every other token is one comparison, and no per-token map is built.
    /// - Complexity: O(tokens + findings).
    func findMentions() -> [NodeMention] {
        var mentions: [NodeMention] = []
        // Room for a report's usual mentions at the first one: one allocation, not one per doubling.
        func keep(_ mention: NodeMention) {
            if mentions.isEmpty { mentions.reserveCapacity(6) }
            mentions.append(mention)
        }
        var snDefined = false
        var index = 0
        let tokens = analysis.tokens
        let words = self.words
        var nodeWords = NodeWordCursor(findings: analysis.findings)
        let folded = analysis.folded
        // Every spelling of the family starts with "s" and keeps "mo" (or is the exact word): the test that spares
        // every other word the edit distance.
        func mayStartFamily(_ token: Token) -> Bool {
            token.kind == .word
                && (token.word == words.schmorls
                    || (token.byte == 0x73 && token.end - token.start >= 4 && ReportAnalysis.hasSchmorlShape(token, folded)))
        }
        while index < tokens.count {
            // Skip to the next token that may start a mention.
            let stop = min(nodeWords.nextStart(from: index), tokens.count)
            index = nextFamilyWord(from: index, to: stop, snDefined: snDefined)
            guard index < tokens.count else { break }
            let token = tokens[index]
            if mayStartFamily(token), let found = schmorlMention(at: index, nodeWords: nodeWords) {
                keep(
                    NodeMention(tokens: index..<found.end, plural: found.plural, anaphoric: false, window: index..<found.end))
                // "Schmorl's node (SN)" defines the abbreviation.
                if found.end + 2 < tokens.count, tokens[found.end].byte == 0x28,
                    tokens[found.end + 1].word == words.sn || tokens[found.end + 1].word == words.sns
                {
                    snDefined = true
                    index = found.end + 3
                    continue
                }
                index = found.end
                continue
            }
            let here = nodeWords.words(at: index)
            if let end = here.nameEnd {
                let last = analysis.word(end - 1)
                keep(
                    NodeMention(
                        tokens: index..<end, plural: last.hasSuffix("s") || last.hasSuffix("ae"), anaphoric: false,
                        window: index..<end))
                index = end
                continue
            }
            if snDefined, token.word == words.sn || token.word == words.sns {
                keep(
                    NodeMention(
                        tokens: index..<(index + 1), plural: token.word == words.sns, anaphoric: false,
                        window: index..<(index + 1)))
                index += 1
                continue
            }
            if let noun = here.noun, !mentions.isEmpty, isAnaphoricNoun(index) {
                keep(
                    NodeMention(tokens: index..<noun.end, plural: noun.plural, anaphoric: true, window: index..<noun.end))
                index = noun.end
                continue
            }
            index += 1
        }
        return mentions
    }

    /// The first token of `from..<to` that may start a mention of the "schmorl" family (`mayStartFamily` in
    /// `findMentions`), or "SN" / "SNs" once defined; `to` when there is none.
    ///
    /// Every such word starts with "s": each spelling the vocabulary merges into "schmorl's" does, a fuzzy spelling
    /// must, and so do "sn" and "sns". Every other token costs one byte comparison. A known word starting with "s"
    /// is then read in the per-word-id table built once from the vocabulary (`LexiconTables.nodeNameWords`): most
    /// ("signal", "spinal", "superior") are `never` there, since no spelling of their id has the shape, and skip the
    /// byte test; the shape test runs only for the others and for unknown words. This scan visits every token of
    /// every report.
    private func nextFamilyWord(from: Int, to: Int, snDefined: Bool) -> Int {
        let words = analysis.tables.words
        let schmorls = words.schmorls
        let sn = words.sn
        let sns = words.sns
        return analysis.tokens.withUnsafeBufferPointer { tokens in
            analysis.folded.withUnsafeBufferPointer { folded in
                analysis.tables.nodeNameWords.withUnsafeBufferPointer { nodeNameWords in
                    // Whether the token at `index` may start a mention: an "s" word whose id is unknown or may be of the
                    // family ("SN" and "SNs" are such ids), then the exact tests.
                    @inline(__always) func starts(at index: Int) -> Bool {
                        let token = tokens[index]
                        guard token.byte == 0x73, token.word < 0 || nodeNameWords[Int(token.word)] != .never else {
                            return false
                        }
                        if token.kind == .word
                            && (token.word == schmorls || (token.end - token.start >= 4 && Self.hasSchmorlShape(token, folded)))
                        {
                            return true
                        }
                        return snDefined && (token.word == sn || token.word == sns)
                    }
                    var index = from
                    // Four tokens a step. Most blocks hold no word starting with "s"; one that does is tested token by
                    // token in place and the scan goes on by four (stepping one token at a time after every "s" word,
                    // as this did, cost four short iterations and a mispredicted exit for each of the ~30 per report).
                    while index &+ 4 <= to {
                        if tokens[index].byte == 0x73 || tokens[index &+ 1].byte == 0x73
                            || tokens[index &+ 2].byte == 0x73 || tokens[index &+ 3].byte == 0x73
                        {
                            if starts(at: index) { return index }
                            if starts(at: index &+ 1) { return index &+ 1 }
                            if starts(at: index &+ 2) { return index &+ 2 }
                            if starts(at: index &+ 3) { return index &+ 3 }
                        }
                        index &+= 4
                    }
                    while index < to {
                        if starts(at: index) { return index }
                        index += 1
                    }
                    return to
                }
            }
        }
    }

    /// `ReportAnalysis.hasSchmorlShape` for a word token whose first byte is "s": an "m" then an "o", filler bytes
    /// between them ignored. The first byte ("s") is neither, so the test starts after it.
    ///
    /// Most words starting with "s" are short ("signal", "spinal", "superior"): their other bytes are read in one
    /// 64-bit load and tested together, "m" and "o" adjacent, unless a filler byte is among them (then byte by byte).
    @inline(__always)
    private static func hasSchmorlShape(_ token: Token, _ folded: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(token.start) + 1
        let end = Int(token.end)
        let count = end - start
        if count > 0, count <= 8, start + 8 <= folded.count, let base = folded.baseAddress {
            let loaded = UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self).littleEndian
            // Only the token's own bytes; the zeroed rest is neither "m", "o" nor filler.
            let bytes = count == 8 ? loaded : loaded & ((1 &<< UInt64(count &* 8)) &- 1)
            if zeroBytes(bytes ^ spread(FoldedText.filler)) == 0 {
                // "m" in byte i and "o" in byte i + 1 (little-endian: the next byte is the next higher one).
                return (zeroBytes(bytes ^ spread(0x6D)) &<< 8) & zeroBytes(bytes ^ spread(0x6F)) != 0
            }
        }
        var sawM = false
        var index = start
        while index < end {
            let byte = folded[index]
            if byte != FoldedText.filler {
                if sawM && byte == 0x6F { return true }
                sawM = byte == 0x6D
            }
            index += 1
        }
        return false
    }

    /// `byte` in each of the eight bytes of a word.
    @inline(__always)
    private static func spread(_ byte: UInt8) -> UInt64 { UInt64(byte) &* 0x0101_0101_0101_0101 }

    /// The top bit of each byte of `word` that is zero, and no other bit (exact: no carry between bytes).
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((word & low) &+ low) | word | low)
    }

    /// The node names and node nouns of the findings, looked up by the token they start at.
    ///
    /// Findings are in token order (matched sentence by sentence, left to right), and the mention scan only moves
    /// forward, so a cursor replaces the per-token maps: each lookup starts at the first finding not before the
    /// scan position and reads the few findings up to the token asked for.
    struct NodeWordCursor {
        let findings: [Match<Concept>]
        /// The first finding that starts at or after the scan position.
        private var first = 0
        /// The first node name or node noun at or after `first` (`findings.count` when there is none).
        private var nextNodeWord = -1

        init(findings: [Match<Concept>]) { self.findings = findings }

        /// Moves the cursor to `position` (never backwards) and returns the start of the next node name or node
        /// noun there or after it, or `Int.max` when there is none.
        mutating func nextStart(from position: Int) -> Int {
            while first < findings.count, findings[first].start < position { first += 1 }
            if nextNodeWord < first {
                nextNodeWord = first
                while nextNodeWord < findings.count, !Self.isNodeWord(findings[nextNodeWord].payload) { nextNodeWord += 1 }
            }
            return nextNodeWord < findings.count ? findings[nextNodeWord].start : Int.max
        }

        private static func isNodeWord(_ concept: Concept) -> Bool {
            switch concept {
            case .nodeName, .nodeNoun: true
            default: false
            }
        }

        /// The node name and the node noun that start at `token` (at or after the scan position), the last of each
        /// when several do.
        func words(at token: Int) -> (nameEnd: Int?, noun: (end: Int, plural: Bool)?) {
            var nameEnd: Int?
            var noun: (end: Int, plural: Bool)?
            var next = first
            while next < findings.count, findings[next].start <= token {
                if findings[next].start == token {
                    switch findings[next].payload {
                    case .nodeNoun(let plural): noun = (findings[next].end, plural)
                    case .nodeName: nameEnd = findings[next].end
                    default: break
                    }
                }
                next += 1
            }
            return (nameEnd, noun)
        }
    }

    /// The "schmorl" family, edit-distance tolerant (domain.md §1.1): an exact spelling may stand alone, a
    /// misspelling needs a following node word ("node", "nodes", "nodule", "type", "like").
    private func schmorlMention(at index: Int, nodeWords: NodeWordCursor) -> (end: Int, plural: Bool)? {
        let token = tokens[index]
        let exact = token.word == words.schmorls
        if !exact && !isFuzzySchmorl(token) { return nil }
        var next = index + 1
        // "Schmorl' s node", "Schmorl 's node"
        if next < tokens.count, tokens[next].byte == 0x27 { next += 1 }
        if next < tokens.count, analysis.spells(next, "s"), tokens[next].kind == .word { next += 1 }
        if next < tokens.count, tokens[next].kind == .punctuation, tokens[next].byte == 0x2D { next += 1 }
        if next < tokens.count, let noun = nodeWords.words(at: next).noun,
            analysis.spells(next, "node") || analysis.spells(next, "nodes") || analysis.spells(next, "nodule")
                || analysis.spells(next, "nodules") || analysis.spells(next, "nod")
        {
            return (noun.end, noun.plural)
        }
        if next < tokens.count, tokens[next].word == words.type || tokens[next].word == words.like {
            return (next + 1, false)
        }
        if exact {
            let spelled = analysis.word(index)
            return (index + 1, spelled.hasSuffix("s") && !spelled.hasSuffix("'s"))
        }
        return nil
    }

    private func isFuzzySchmorl(_ token: Token) -> Bool {
        // A cheap filter before the edit distance, which most words starting with "s" never reach.
        guard token.end - token.start >= 4, ReportAnalysis.hasSchmorlShape(token, analysis.folded) else { return false }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(12)
        for byte in analysis.folded[token.range] where byte != FoldedText.filler && byte != 0x27 { bytes.append(byte) }
        guard bytes.first == 0x73, bytes.count >= 4, bytes.count <= 11 else { return false }
        if bytes.count > 6, bytes.last == 0x73 { bytes.removeLast() }
        let target: [UInt8] = Array("schmorl".utf8)
        let limit = bytes.count >= 6 ? 2 : 1
        return Self.editDistance(bytes, target, limit: limit) <= limit
    }

    /// Levenshtein distance, stopping early once over `limit`.
    static func editDistance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// "the node", "this node", "the previously described node": a determiner within three words before, and not
    /// a lymph node.
    private func isAnaphoricNoun(_ index: Int) -> Bool {
        let word = analysis.word(index)
        guard ["node", "nodes", "nodule", "nodules"].contains(word) else { return false }
        if index > 0, analysis.word(index - 1) == "lymph" { return false }
        let sentence = analysis.layout.sentences[analysis.sentence(of: index)]
        var look = index - 1
        while look >= max(sentence.lowerBound, index - 6) {
            let before = analysis.word(look)
            if ["the", "this", "that", "these", "those", "said", "both", "each"].contains(before) { return true }
            // "the T12 superior endplate node": levels and endplate words may stand between.
            if analysis.levelOfToken[look] < 0, !["superior", "inferior", "upper", "lower", "endplate", "end", "plate",
                "previously", "described", "noted", "known", "above", "second", "other", "first", "small", "large"].contains(before)
            {
                return false
            }
            look -= 1
        }
        return false
    }

    // MARK: Location

    /// Fills each mention's window, locations, multiplicity, region and assertion.
    func locate(_ mentions: inout [NodeMention]) {
        // Most reports name no node: nothing to locate, and none of the per-token maps below is needed.
        guard !mentions.isEmpty else { return }
        // The mentions are not handed to the marks' scope (that reference made the list shared, and writing the
        // located mentions back then copied it): their starts are marked inside it.
        WindowMarks.with(count: tokens.count + 1, analysis: analysis) { marks in
            marks.markStarts(of: mentions)
            locate(&mentions, marks: marks)
        }
    }

    private func locate(_ mentions: inout [NodeMention], marks: WindowMarks) {
        var lastNamed: Int?
        for index in mentions.indices {
            // Moved out of the list and back (a placeholder stands in), not copied: a copy retained each of the
            // mention's references and released them again.
            var mention = NodeMention(tokens: 0..<0, plural: false, anaphoric: false, window: 0..<0)
            swap(&mention, &mentions[index])
            let sentence = analysis.layout.sentences[analysis.sentence(of: mention.tokens.lowerBound)]
            // Right of the name.
            var right = mention.tokens.upperBound
            var steps = 0
            while right < sentence.upperBound, steps < 22 {
                if marks.contains(.mentionStart, at: right) { break }
                if marks.contains(.competingStart, at: right) {
                    // "No Schmorl's node or fracture at L1": a finding coordinated with the name shares its level.
                    let joined = right == mention.tokens.upperBound + 1
                        && (tokens[right - 1].word == words.or || tokens[right - 1].word == words.and)
                    guard joined, let end = analysis.findings.first(where: { $0.start == right && $0.payload == .competingFinding })?.end
                    else { break }
                    right = end
                    steps += 1
                    continue
                }
                let token = tokens[right]
                if analysis.levelOfToken[right] >= 0 {
                    let level = analysis.levels[Int(analysis.levelOfToken[right])]
                    if level.namesRoot { break }
                    // A level that a following finding owns ("..., and L4-5 disc bulge").
                    if right > mention.tokens.upperBound, marks.contains(.competingStart, at: level.tokens.upperBound)
                        || (level.tokens.upperBound < sentence.upperBound
                            && marks.contains(.competingStart, at: level.tokens.upperBound + 1)
                            && tokens[level.tokens.upperBound].word == words.disc)
                    {
                        break
                    }
                    right = level.tokens.upperBound
                    steps += 1
                    continue
                }
                if token.kind == .punctuation {
                    // "," "-" "/" "(" ")" go on with the location phrase; other punctuation ends it.
                    let byte = token.byte
                    guard byte == 0x2C || byte == 0x2D || byte == 0x2F || byte == 0x28 || byte == 0x29 else { break }
                    right += 1
                    steps += 1
                    continue
                }
                if token.kind == .number || analysis.tables.locationWords.contains(token.word)
                    || token.word == words.mm || token.word == words.cm || token.word == words.x
                    || token.word == words.measuring || token.word == words.measures || marks.region(at: right) != nil
                    || marks.contains(.both, at: right) || marks.contains(.multiple, at: right)
                {
                    right += 1
                    steps += 1
                    continue
                }
                break
            }
            // Left of the name.
            var left = mention.tokens.lowerBound
            steps = 0
            while left > sentence.lowerBound, steps < 7 {
                let previous = left - 1
                if marks.contains(.competingEnd, at: left) { break }
                let token = tokens[previous]
                if token.kind == .punctuation && token.byte != 0x2D && token.byte != 0x2F && token.byte != 0x2C {
                    break
                }
                if token.kind == .punctuation && token.byte == 0x2C && analysis.levelOfToken[max(previous - 1, 0)] < 0 {
                    break
                }
                if token.word == words.with || token.word == words.without { break }
                if analysis.levelOfToken[previous] >= 0 {
                    left = analysis.levels[Int(analysis.levelOfToken[previous])].tokens.lowerBound
                } else {
                    left = previous
                }
                steps += 1
            }
            mention.window = left..<max(right, mention.tokens.upperBound)
            mention.sectionKind = analysis.section(of: mention.tokens.lowerBound).kind
            mention.decision = context.assess(mention.tokens)

            // Levels and endplates in the window.
            // Levels are in token order and never overlap, so the levels with a token in the window are those from
            // the first one's to the last one's: read as that range, the roots left out, with no list made.
            var firstLevel = 0
            var endLevel = 0
            for position in mention.window where analysis.levelOfToken[position] >= 0 {
                let level = Int(analysis.levelOfToken[position])
                if endLevel == 0 { firstLevel = level }
                endLevel = level + 1
            }
            let windowLevels = LevelsInRange(levels: analysis.levels, position: firstLevel, end: endLevel)
            let windowEndplates = EndplatesOverlapping(endplates: analysis.endplates, window: mention.window)
            let both = mention.window.contains { marks.contains(.both, at: $0) }
            var locations = resolve(levels: windowLevels, endplates: windowEndplates, both: both)
            // rules.md §4: a negated generic mention ("No Schmorl's nodes") is report-wide, so it takes no level
            // from its sentence or heading; a specific thing denied as a node ("irregularity of the L3 superior
            // endplate, unlikely to represent a Schmorl's node") keeps the level it names.
            let generic = mention.decision.assertion == .absent
                && mention.decision.cue.map { isGenericNegation($0.evidence.span) } ?? false
            let quantifiedEarly = mention.window.contains { marks.contains(.multiple, at: $0) }
            if locations.isEmpty, !mention.anaphoric, !generic, !quantifiedEarly {
                // Fallbacks: the level heading, then the nearest level earlier in the sentence (DESIGN.md §7).
                if let fallback = fallbackLevel(for: mention, sentence: sentence, marks: marks) {
                    // The endplate phrase that names the fallback level comes with it ("lesion at the inferior
                    // endplate of T9, which may represent an intravertebral disc herniation").
                    let named = analysis.endplates.filter { $0.levels.contains(fallback) }
                    locations = resolve(levels: CollectionOfOne(fallback), endplates: Array(windowEndplates) + named, both: both)
                }
            }
            // "the SN", "this Schmorl's node": a definite mention without a level is the node last named.
            if locations.isEmpty, !mention.anaphoric, isDefinite(mention) { mention.anaphoric = true }
            if locations.isEmpty, mention.anaphoric, let lastNamed {
                locations = mentions[lastNamed].locations
            }
            for position in mention.window { if let region = marks.region(at: position) { mention.region = region } }
            if mention.region == nil {
                var position = mention.window.upperBound
                while position < min(sentence.upperBound, mention.window.upperBound + 4) {
                    if let region = marks.region(at: position) { mention.region = region }
                    position += 1
                }
            }
            let quantified = mention.window.contains { marks.contains(.multiple, at: $0) }
            if locations.isEmpty {
                // rules.md §1 Multiple; §4: a negated generic mention is one absent node, multiple = false.
                mention.multiple = (mention.plural || quantified) && mention.decision.assertion != .absent
                    && !mention.anaphoric
            }
            mention.locations = locations
            swap(&mention, &mentions[index])
            if !mentions[index].anaphoric, !mentions[index].locations.isEmpty { lastNamed = index }
        }
    }

    /// The levels of a range of level indices that name no root, in order: the levels with a token in a window
    /// (levels are in token order and never overlap). A sequence of its own, not a filter with a closure, which
    /// was allocated for each mention.
    struct LevelsInRange: Sequence, IteratorProtocol {
        let levels: [LevelMention]
        var position: Int
        let end: Int

        mutating func next() -> Int? {
            while position < end {
                let level = position
                position += 1
                if !levels[level].namesRoot { return level }
            }
            return nil
        }
    }

    /// The endplate phrases that overlap a window, in order (a sequence of its own, as `LevelsInRange`).
    struct EndplatesOverlapping: Sequence, IteratorProtocol {
        let endplates: [EndplateMention]
        let window: Range<Int>
        var position = 0

        mutating func next() -> EndplateMention? {
            while position < endplates.count {
                let endplate = endplates[position]
                position += 1
                if endplate.tokens.overlaps(window) { return endplate }
            }
            return nil
        }
    }

    /// What `locate` reads of each token, one byte per token: which tokens start a mention or start or end a
    /// competing finding, which belong to a quantifier ("multiple") or a "both endplates" phrase, and the region a
    /// region word starts. One buffer for the report instead of a map per question, on the stack for most reports.
    struct WindowMarks {
        struct Mark: OptionSet {
            let rawValue: UInt8
            static let mentionStart = Mark(rawValue: 1 << 0)
            static let competingStart = Mark(rawValue: 1 << 1)
            static let competingEnd = Mark(rawValue: 1 << 2)
            static let multiple = Mark(rawValue: 1 << 3)
            static let both = Mark(rawValue: 1 << 4)
        }

        /// Bits 0 to 4: the marks; bits 5 to 7: the region's code (0 for none). Valid only inside `with`.
        private let bytes: UnsafeMutableBufferPointer<UInt8>
        private static let regionShift: UInt8 = 5

        /// Calls `body` with the marks of the analysis's competing findings and context words over `count` tokens
        /// (the mentions' starts are added with `markStarts(of:)`), held in a temporary buffer (on the stack when it
        /// is small, as for most reports: no allocation) and written through it directly.
        static func with<Result>(count: Int, analysis: ReportAnalysis, _ body: (WindowMarks) -> Result) -> Result {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { bytes in
                bytes.initialize(repeating: 0)
                func insert(_ mark: Mark, at index: Int) {
                    if index >= 0 && index < bytes.count { bytes[index] |= mark.rawValue }
                }
                for match in analysis.findings where match.payload == .competingFinding {
                    insert(.competingStart, at: match.start)
                    insert(.competingEnd, at: match.end)
                }
                for match in analysis.context {
                    switch match.payload {
                    case .region(let region):
                        // The last region set at a token wins; the marks in the low bits stay.
                        let index = match.start
                        guard index >= 0 && index < bytes.count else { continue }
                        bytes[index] = (bytes[index] & ((1 << Self.regionShift) - 1)) | (Self.code(of: region) << Self.regionShift)
                    case .multipleQuantifier: for index in match.start..<match.end { insert(.multiple, at: index) }
                    case .bothEndplates: for index in match.start..<match.end { insert(.both, at: index) }
                    default: break
                    }
                }
                return body(WindowMarks(bytes: bytes))
            }
        }

        private init(bytes: UnsafeMutableBufferPointer<UInt8>) { self.bytes = bytes }

        /// Marks where each mention starts.
        func markStarts(of mentions: [NodeMention]) {
            for index in mentions.indices {
                let start = mentions[index].tokens.lowerBound
                if start >= 0 && start < bytes.count { bytes[start] |= Mark.mentionStart.rawValue }
            }
        }

        /// Out-of-range indices carry no mark.
        @inline(__always) func contains(_ mark: Mark, at index: Int) -> Bool {
            index >= 0 && index < bytes.count && bytes[index] & mark.rawValue != 0
        }

        func region(at index: Int) -> SpinalRegion? {
            guard index >= 0 && index < bytes.count else { return nil }
            switch bytes[index] >> Self.regionShift {
            case 1: return .cervical
            case 2: return .thoracic
            case 3: return .lumbar
            case 4: return .sacral
            case 5: return .coccygeal
            default: return nil
            }
        }

        /// A region's code in bits 5 to 7 (0 is none).
        private static func code(of region: SpinalRegion) -> UInt8 {
            switch region {
            case .cervical: 1
            case .thoracic: 2
            case .lumbar: 3
            case .sacral: 4
            case .coccygeal: 5
            }
        }
    }

    /// Whether a negation cue's text opens with a word that denies in general ("no", "without", "negative",
    /// "free", "absence", "none", "neither", "nor"): its first word up to a space, compared without regard to case
    /// (the cue's text is `span` of the original bytes).
    private func isGenericNegation(_ span: TextSpan) -> Bool {
        let text = analysis.text
        var end = span.start
        while end < span.end, text[end] != 0x20 { end += 1 }
        let first = text[span.start..<end]
        for word in Self.genericNegations where word.count == first.count {
            if zip(first, word).allSatisfy({ byte, letter in byte | 0x20 == letter }) { return true }
        }
        return false
    }

    private static let genericNegations: [[UInt8]] = ["no", "without", "negative", "free", "absence", "none", "neither", "nor"]
        .map { Array($0.utf8) }

    private func isDefinite(_ mention: NodeMention) -> Bool {
        guard mention.tokens.lowerBound > 0 else { return false }
        let before = mention.tokens.lowerBound - 1
        return analysis.spells(before, "the") || analysis.spells(before, "this") || analysis.spells(before, "that")
            || analysis.spells(before, "these") || analysis.spells(before, "those") || analysis.spells(before, "said")
    }

    private func fallbackLevel(for mention: NodeMention, sentence: Range<Int>, marks: WindowMarks) -> Int? {
        // Nearest level before the mention in the same sentence, not a root.
        var position = mention.window.lowerBound - 1
        while position >= sentence.lowerBound {
            if analysis.levelOfToken[position] >= 0 {
                let level = Int(analysis.levelOfToken[position])
                if !analysis.levels[level].namesRoot { return level }
            }
            position -= 1
        }
        // Then the nearest level after the location phrase, when no other finding stands between
        // ("Kissing Schmorl's nodes face each other across the T11-12 disc").
        position = mention.window.upperBound
        while position < sentence.upperBound {
            if marks.contains(.competingEnd, at: position) { break }
            if analysis.levelOfToken[position] >= 0 {
                let level = Int(analysis.levelOfToken[position])
                if !analysis.levels[level].namesRoot { return level }
                break
            }
            position += 1
        }
        let heading = analysis.layout.headingOfToken[mention.tokens.lowerBound]
        if heading >= 0 {
            let levelTokens = analysis.layout.headings[Int(heading)].levelTokens
            if analysis.levelOfToken[levelTokens.lowerBound] >= 0 { return Int(analysis.levelOfToken[levelTokens.lowerBound]) }
        }
        return nil
    }

    /// Locations from level mentions and endplate phrases (rules.md §1 Location, §4 endplates at a disc level).
    ///
    /// Builds only its result: the levels endplate phrases use and the directions of the phrases without a level
    /// are read from `endplates` where needed, and each location is added as it is made.
    /// Generic over the lists so that callers pass ranges, filters and single levels without making arrays.
    func resolve(
        levels: some Sequence<Int>, endplates: some Sequence<EndplateMention>, both: Bool
    ) -> [NodeLocation] {
        var result: [NodeLocation] = []
        // The directions of the endplate phrases that name no level, in order, and whether one says "both". Most
        // windows hold at most one such phrase: its inline list is used as it is, and a list is made only to join
        // several.
        var looseCount = 0
        var firstLoose = EndplateDirections()
        var joined: [Endplate] = []
        var looseBoth = both
        for endplate in endplates {
            if endplate.levels.isEmpty {
                if looseCount == 0 {
                    firstLoose = endplate.directions
                } else {
                    if looseCount == 1 { joined += firstLoose }
                    joined += endplate.directions
                }
                looseCount += 1
                looseBoth = looseBoth || endplate.both
                continue
            }
            for level in endplate.levels {
                addLocations(
                    of: analysis.levels[level].value, directions: endplate.directions, both: endplate.both || both,
                    to: &result)
            }
        }
        for level in levels where !endplates.contains(where: { $0.levels.contains(level) }) {
            let value = analysis.levels[level].value
            // A disc level next to a vertebra already placed by an endplate phrase is the same place.
            if case .disc(let disc) = value, result.contains(where: { $0.vertebra == disc.upper || $0.vertebra == disc.lower }) {
                continue
            }
            if looseCount > 1 {
                addLocations(of: value, directions: joined, both: looseBoth, to: &result)
            } else {
                addLocations(of: value, directions: firstLoose, both: looseBoth, to: &result)
            }
        }
        return result
    }

    /// Adds to `result` each location a level names, given the endplate directions written with it, unless
    /// `result` holds it already.
    private func addLocations(
        of value: LevelMention.Value, directions: some Collection<Endplate>, both: Bool, to result: inout [NodeLocation]
    ) {
        func add(_ location: NodeLocation, to result: inout [NodeLocation]) {
            // Room for a window's usual locations at the first one: one allocation, not one per doubling.
            if result.isEmpty { result.reserveCapacity(4) }
            if !result.contains(location) { result.append(location) }
        }
        func addVertebra(_ vertebra: VertebralLevel, to result: inout [NodeLocation]) {
            if directions.isEmpty {
                add(NodeLocation(vertebra: vertebra, region: vertebra.region), to: &result)
            } else {
                for direction in directions {
                    add(NodeLocation(vertebra: vertebra, endplate: direction, region: vertebra.region), to: &result)
                }
            }
        }
        switch value {
        case .vertebra(let vertebra):
            addVertebra(vertebra, to: &result)
        case .range(let list):
            for vertebra in list { addVertebra(vertebra, to: &result) }
        case .disc(let disc):
            // rules.md §4: the inferior endplate at X-Y is X's, the superior is Y's; both endplates are two nodes.
            // Two distinct directions: both endplates (`Endplate` has two cases).
            if both || (directions.contains(.superior) && directions.contains(.inferior)) {
                add(NodeLocation(vertebra: disc.upper, endplate: .inferior, region: disc.upper.region), to: &result)
                add(NodeLocation(vertebra: disc.lower, endplate: .superior, region: disc.lower.region), to: &result)
            } else if let direction = directions.first {
                let vertebra = direction == .inferior ? disc.upper : disc.lower
                add(NodeLocation(vertebra: vertebra, endplate: direction, region: vertebra.region), to: &result)
            } else {
                add(NodeLocation(disc: disc, region: disc.upper.region), to: &result)
            }
        }
    }
}
