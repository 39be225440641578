import SchmorlModel

/// A feature read from the text and the node mention it belongs to.
struct AttachedFeature {
    enum Kind: Equatable {
        case edema, enhancement, endplateDisruption, posteriorExtension, scleroticRim, large, painLink
        case comparison(Comparison)
        case size(Double)
    }

    var kind: Kind
    var value: Bool
    var evidence: Evidence
    var mention: Int
    /// Only the mention's locations that match this one (a feature stated for one level of a list).
    var only: [NodeLocation]?
    var tier: EvidenceTier
}

/// Gives each feature phrase to the node it describes (rules.md §1 Features, §4; DESIGN.md step 7).
///
/// A feature goes to the node whose location it names; else to the node of its sentence (nearest before it,
/// else after it, unless another finding such as a disc bulge stands between); else, when the sentence names no
/// node and no other finding, to the last node of the sentence before (a sentence that refers back) or of its
/// level heading. A feature stated for another level never reaches a node. Contact with a nerve root counts as
/// posterior extension only when the node is the subject (domain.md §3.4).
struct FeatureAttributor {
    let extractor: NodeExtractor
    let mentions: [NodeMention]
    /// The extractor's analysis, not a copy of its own (a copy retains and releases each of its arrays).
    var analysis: ReportAnalysis { extractor.analysis }

    private var tokens: [Token] { analysis.tokens }

    /// The mentions a feature belongs to. Most features have one owner or none: a case of their own, not an array
    /// of one (an allocation for each feature that has an owner).
    private enum Owners {
        case none
        /// One mention, all of its locations.
        case mention(Int)
        /// The mentions with a location at the feature's own site, and those locations.
        case matching([(Int, [NodeLocation])])

        /// Calls `body` with each owner and the locations it is limited to (nil for all), in order.
        @inline(__always)
        func forEach(_ body: (Int, [NodeLocation]?) -> Void) {
            switch self {
            case .none: break
            case .mention(let mention): body(mention, nil)
            case .matching(let owners): for (mention, only) in owners { body(mention, only) }
            }
        }
    }

    func attach() -> [AttachedFeature] {
        let tokens = analysis.tokens
        let words = analysis.tables.words
        var result: [AttachedFeature] = []
        // Room for a report's usual features at the first one: one allocation, not one per doubling.
        func keep(_ feature: AttachedFeature) {
            if result.isEmpty { result.reserveCapacity(8) }
            result.append(feature)
        }
        // The competing findings, read from the findings in place (no list of them is made for the report).
        let findings = analysis.findings
        // Whether a competing finding that starts in `tokens` passes `test`: findings are in token order, so those
        // starting there are found by binary search.
        func anyCompeting(startingIn tokens: Range<Int>, where test: (Range<Int>) -> Bool = { _ in true }) -> Bool {
            var index = findings.partitionPoint { $0.start < tokens.lowerBound }
            while index < findings.count && findings[index].start < tokens.upperBound {
                if findings[index].payload == .competingFinding, test(findings[index].start..<findings[index].end) {
                    return true
                }
                index += 1
            }
            return false
        }
        // Whether a sentence holds a word that refers back ("it", "this"): asked only on the last fallbacks, so
        // read from the context matches when asked rather than kept per sentence.
        func refersBack(_ sentence: Int) -> Bool {
            analysis.context.contains { $0.payload == .referBack && analysis.sentence(of: $0.start) == sentence }
        }
        // The mentions of a sentence are a range of mention indices: mentions are in token order, so their
        // sentences never decrease. No list per sentence, no allocation per question.
        // A mention's sentence is read from the per-token map where asked (no list of them is made).
        func mentionsOf(sentence: Int) -> Range<Int> {
            var lower = 0
            while lower < mentions.count, analysis.sentence(of: mentions[lower].tokens.lowerBound) < sentence { lower += 1 }
            var upper = lower
            while upper < mentions.count, analysis.sentence(of: mentions[upper].tokens.lowerBound) == sentence { upper += 1 }
            return lower..<upper
        }
        // The sites sentences placed their findings at, by sentence; the last one set for a sentence counts.
        var siteOfSentence: [(sentence: Int, sites: [NodeLocation])] = []
        let anyMentionLocated = mentions.contains { !$0.locations.isEmpty }

        func owner(
            of range: Range<Int>, kind: AttachedFeature.Kind, negated: Bool,
            siteOfSentence: inout [(sentence: Int, sites: [NodeLocation])]
        ) -> Owners {
            let sentenceIndex = analysis.sentence(of: range.lowerBound)
            let sentence = analysis.layout.sentences[sentenceIndex]
            let inSentence = mentionsOf(sentence: sentenceIndex)
            // Inside a mention's own location window or name ("edematous Schmorl's node" is handled below).
            if let own = inSentence.first(where: { mentions[$0].window.contains(range.lowerBound) && mentions[$0].tokens.upperBound <= range.lowerBound }) {
                return .mention(own)
            }
            // The feature's own level.
            // A heading's level is a feature's site only when its sentence names no node of its own.
            let ownSite = localSite(of: range, sentence: sentence, useHeading: inSentence.isEmpty)
            if !ownSite.isEmpty, inSentence.isEmpty {
                // Both tests need a finding that starts in the sentence (the clause start is not before it).
                // The site's clause starts where the feature's clause does (`localSite` walked back to it).
                let clauseStart = ownSite.clauseTokens.lowerBound
                if anyCompeting(startingIn: sentence, where: {
                    (clauseStart..<range.lowerBound).contains($0.lowerBound)
                        || analysis.clause(of: $0.lowerBound) == analysis.clause(of: range.lowerBound)
                }) {
                    // "The conus terminates at the L1 level and is normal in signal": the conus owns it.
                    return .none
                }
            }
            // Contact with a root or the thecal sac is the node's only when the node is its subject (domain.md
            // §3.4), never by level alone ("The thecal sac measures 9 mm" under a level heading).
            if !ownSite.isEmpty, isRootContact(range), inSentence.isEmpty { return .none }
            if !ownSite.isEmpty {
                // The site's locations are made only here, past the two early answers above, which need only know
                // that there is a site. They are matched against the mentions' locations alone (here, and when a
                // later sentence refers back to this one), so when no mention has a location they can match none,
                // and an empty list answers the same.
                let ownLocations = anyMentionLocated ? locations(of: ownSite) : []
                if siteOfSentence.isEmpty { siteOfSentence.reserveCapacity(8) }
                siteOfSentence.append((sentenceIndex, ownLocations))
                var owners: [(Int, [NodeLocation])] = []
                func collect(_ scope: some Sequence<Int>) {
                    for index in scope {
                        let matching = mentions[index].locations.filter { location in
                            ownLocations.contains { Self.sameSite(location, $0) }
                        }
                        if !matching.isEmpty { owners.append((index, matching)) }
                    }
                }
                // Prefer mentions in the same sentence, then the whole report.
                collect(inSentence)
                if owners.isEmpty { collect(mentions.indices) }
                return owners.isEmpty ? .none : .matching(owners)
            }
            if !inSentence.isEmpty {
                if let nearest = inSentence.last(where: { mentions[$0].tokens.upperBound <= range.lowerBound }) {
                    let between = mentions[nearest].tokens.upperBound..<range.lowerBound
                    if !anyCompeting(startingIn: between) {
                        if kind == .posteriorExtension || !isRootContact(range)
                            || analysis.clause(of: mentions[nearest].tokens.lowerBound) == analysis.clause(of: range.lowerBound)
                            || startsWithReferBack(sentence.lowerBound..<range.lowerBound)
                        {
                            return .mention(nearest)
                        }
                        return .none
                    }
                }
                if let nearest = inSentence.first(where: { mentions[$0].tokens.lowerBound >= range.upperBound }) {
                    let between = range.upperBound..<mentions[nearest].tokens.lowerBound
                    if !anyCompeting(startingIn: between), !isRootContact(range) {
                        return .mention(nearest)
                    }
                }
                return .none
            }
            // No node in this sentence: another finding in the feature's clause owns it ("rim-enhancing
            // collection", "the disc does not enhance").
            let front = sentence.lowerBound..<range.lowerBound
            let clause = analysis.clause(of: range.lowerBound)
            if findings.contains(where: { match in
                guard match.payload == .competingFinding else { return false }
                let competing = match.start..<match.end
                return front.contains(competing.lowerBound) || competing.contains(range.lowerBound)
                    || (sentence.contains(competing.lowerBound) && analysis.clause(of: competing.lowerBound) == clause)
            }) {
                return .none
            }
            if isRootContact(range), !startsWithReferBack(front) { return .none }
            // Same level heading.
            let heading = analysis.layout.headingOfToken[range.lowerBound]
            if heading >= 0 {
                let candidates = mentions.indices.filter {
                    analysis.layout.headingOfToken[mentions[$0].tokens.lowerBound] == heading
                        && mentions[$0].tokens.upperBound <= range.lowerBound
                }
                if let last = candidates.last { return .mention(last) }
            }
            // The sentence before placed its findings at a site, and this one refers back to it ("The marrow
            // around it is STIR hyperintense"): the node at that site (rules.md §4, neighbouring sentences).
            if sentenceIndex > 0, refersBack(sentenceIndex), let site = siteOfSentence.last(where: { $0.sentence == sentenceIndex - 1 })?.sites {
                var owners: [(Int, [NodeLocation])] = []
                for index in mentions.indices {
                    let matching = mentions[index].locations.filter { location in site.contains { Self.sameSite(location, $0) } }
                    if !matching.isEmpty { owners.append((index, matching)) }
                }
                if !owners.isEmpty { return .matching(owners) }
            }
            // The sentence before, when this one refers back.
            if sentenceIndex > 0, let previous = mentionsOf(sentence: sentenceIndex - 1).last,
                analysis.layout.sectionOfToken[mentions[previous].tokens.lowerBound]
                    == analysis.layout.sectionOfToken[range.lowerBound],
                !tokens[sentence.lowerBound].blankLineBefore || refersBack(sentenceIndex)
            {
                if !negated || refersBack(sentenceIndex) { return .mention(previous) }
            }
            return .none
        }

        for match in analysis.findings {
            let kind: AttachedFeature.Kind
            switch match.payload {
            case .edema: kind = .edema
            case .enhancement: kind = .enhancement
            case .endplateDisruption: kind = .endplateDisruption
            case .posteriorExtension: kind = .posteriorExtension
            case .rootContact: kind = .posteriorExtension
            case .scleroticRim: kind = .scleroticRim
            case .large: kind = .large
            case .painLink: kind = .painLink
            case .comparison(let comparison): kind = .comparison(comparison)
            default: continue
            }
            let range = match.start..<match.end
            // A mention's own name words ("defect" in "node-like defect") are features too, but the node noun
            // "deformity"/"lesion"/"herniation" is not disruption.
            // The verdict only: the cue's text is never shown for a feature.
            let decision = extractor.context.verdict(range)
            var value = decision.assertion != .absent
            if (range.contains { analysis.tables.inverting.contains(tokens[$0].word) }) { value = !value }
            if kind == .large || kind == .painLink, !value { continue }
            if case .comparison = kind, decision.assertion == .absent { continue }
            // A node's resolution comes from its own assertion cue ("the node has resolved"); "resolved" near a
            // node often speaks of its edema ("the surrounding oedema has resolved": domain.md §3.7).
            if case .comparison(.resolved) = kind { continue }
            if decision.kind == .indication || decision.kind == .hypothetical { continue }
            // A hedged feature ("an endplate fracture cannot be excluded") is not an explicit statement of it:
            // rules.md §4 asks for explicit words, so it stays not mentioned. A hedged pain link still ties the
            // node to the pain ("which may account for the patient's pain").
            // A hedge on the node's existence that reaches on to the feature ("suspicious for a Schmorl's node,
            // with mild adjacent edema") hedges the node, not the feature.
            let hedgeOverNode =
                decision.assertion == .possible
                && decision.cue.map { cue in
                    mentions.contains { mention in
                        analysis.span(mention.tokens).start >= analysis.span(cue).end
                            && analysis.span(mention.tokens).end <= analysis.span(range).start
                    }
                } ?? false
            if decision.assertion == .possible, kind != .painLink, kind != .large, !hedgeOverNode {
                if case .comparison = kind {} else { continue }
            }
            let owners = owner(of: range, kind: kind, negated: !value, siteOfSentence: &siteOfSentence)
            // The evidence text is made once, and only for a feature that has an owner.
            if case .none = owners { continue }
            let evidence = analysis.evidence(range)
            let tier = EvidenceTier(analysis.section(of: match.start).kind)
            let sentenceStart = analysis.layout.sentences[analysis.sentence(of: range.lowerBound)].lowerBound
            owners.forEach { mention, only in
                // A comparison word speaks of the node in its own clause, or in a sentence that refers back
                // ("They are unchanged").
                if case .comparison = kind,
                    analysis.clause(of: mentions[mention].tokens.lowerBound) != analysis.clause(of: range.lowerBound),
                    analysis.sentence(of: mentions[mention].tokens.lowerBound) != analysis.sentence(of: range.lowerBound),
                    !startsWithReferBack(sentenceStart..<range.lowerBound)
                {
                    return
                }
                keep(AttachedFeature(kind: kind, value: value, evidence: evidence, mention: mention, only: only, tier: tier))
            }
        }
        // Sizes: "6 mm", "1.2 x 1.0 cm", "up to 8 mm", "8-mm".
        var unit = 0
        while case let index = Self.nextUnit(tokens, from: unit, words: words), index < tokens.count {
            unit = index + 1
            var largest: Double?
            var start = index
            var look = index - 1
            while look >= 0, index - look <= 8 {
                let token = tokens[look]
                if token.kind == .number, let value = numberValue(look) {
                    largest = max(largest ?? value, value)
                    start = look
                } else if token.word == words.x || token.word == words.by
                    || (token.kind == .punctuation && token.byte == 0x2D)
                {
                    // dimension separators
                } else {
                    break
                }
                look -= 1
            }
            guard let largest else { continue }
            let millimetres = tokens[index].word == words.cm ? largest * 10 : largest
            let range = start..<(index + 1)
            let tier = EvidenceTier(analysis.section(of: start).kind)
            let owners = owner(of: range, kind: .size(millimetres), negated: false, siteOfSentence: &siteOfSentence)
            if case .none = owners { continue }
            let evidence = analysis.evidence(range)
            owners.forEach { mention, only in
                keep(
                    AttachedFeature(
                        kind: .size(millimetres), value: true, evidence: evidence, mention: mention, only: only,
                        tier: tier))
            }
        }
        return result
    }

    /// The value `Double(analysis.word(index))` gives for a number token, read from its bytes when they are plain
    /// digits with at most one decimal point between digits, and at most 15 digits: the digits as an integer over
    /// a power of ten, both exact, and their quotient correctly rounded, as the parse of the decimal is. Any other
    /// spelling goes through the String (a String and a parse for each number was most of the size scan's cost).
    private func numberValue(_ index: Int) -> Double? {
        let token = tokens[index]
        let folded = analysis.folded
        var mantissa: UInt64 = 0
        var digits = 0
        // Digits after the decimal point; -1 before one is seen.
        var fraction = -1
        var position = Int(token.start)
        while position < Int(token.end) {
            let byte = folded[position]
            if byte >= 0x30 && byte <= 0x39 {
                mantissa = mantissa &* 10 &+ UInt64(byte &- 0x30)
                digits += 1
                if fraction >= 0 { fraction += 1 }
            } else if byte == 0x2E, fraction < 0, digits > 0 {
                fraction = 0
            } else {
                return Double(analysis.word(index))
            }
            position += 1
        }
        guard digits > 0, digits <= 15, fraction != 0 else { return Double(analysis.word(index)) }
        return fraction > 0 ? Double(mantissa) / Self.powersOfTen[fraction] : Double(mantissa)
    }

    /// 10^0 to 10^15, each exact in a Double.
    private static let powersOfTen: [Double] = (0...15).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// The first token at or after `from` that is "mm" or "cm" (or `tokens.count`): one pass over every token of a
    /// report with a node, read through a borrowed buffer.
    @inline(__always)
    private static func nextUnit(_ tokens: [Token], from: Int, words: LexiconTables.CommonWords) -> Int {
        let mm = words.mm
        let cm = words.cm
        return tokens.withUnsafeBufferPointer { tokens in
            var index = from
            func isUnit(_ token: Token) -> Bool { token.word == mm || token.word == cm }
            // Four tokens a step while none is a unit (few are).
            while index &+ 4 <= tokens.count, !isUnit(tokens[index]), !isUnit(tokens[index &+ 1]),
                !isUnit(tokens[index &+ 2]), !isUnit(tokens[index &+ 3])
            {
                index &+= 4
            }
            while index < tokens.count && !isUnit(tokens[index]) { index += 1 }
            return index
        }
    }

    /// Whether a root-contact phrase starts where `range` does. The findings are in token order, so only those
    /// starting at that token are read (found by binary search).
    private func isRootContact(_ range: Range<Int>) -> Bool {
        let findings = analysis.findings
        var low = findings.partitionPoint { $0.start < range.lowerBound }
        while low < findings.count && findings[low].start == range.lowerBound {
            if findings[low].payload == .rootContact { return true }
            low += 1
        }
        return false
    }

    private func startsWithReferBack(_ range: Range<Int>) -> Bool {
        guard !range.isEmpty else { return false }
        let first = analysis.word(range.lowerBound)
        return ["it", "this", "which", "these", "they", "the", "both"].contains(first)
            && (first != "the" || range.count > 1 && ["node", "nodes", "herniated", "herniation", "lesion", "defect"].contains(analysis.word(range.lowerBound + 1)))
    }

    /// The site a feature phrase names for itself (`localSite`), before it is resolved into locations
    /// (`locations(of:)`): most callers only ask whether there is one, so the levels are not kept in a list here
    /// (an allocation for each feature phrase); `siteLevels(of:)` collects them for the few that are resolved.
    private struct LocalSite {
        /// The feature's clause, where levels and endplate phrases for the levels are looked for.
        var clauseTokens: Range<Int>
        /// The feature's sentence and first token, and whether the level heading may stand in (`siteLevels(of:)`).
        var sentence: Range<Int>
        var featureStart: Int
        var useHeading: Bool
        /// At least one level is the site's.
        var hasLevels = false
        /// Only a disc is named ("fluid signal within the L4-L5 disc"): a site that is no node's.
        var discOnly = false

        /// No site. A site with levels always resolves to at least one location (each level mention, a range's
        /// non-empty list included, adds one, or an endplate phrase naming it does), so this is exactly whether
        /// `locations(of:)` is empty.
        var isEmpty: Bool { !hasLevels && !discOnly }
    }

    /// Levels a feature phrase names for itself: any level in its clause that no node mention holds and that is
    /// not a nerve root ("Modic type 1 endplate changes at L4-5", "edema along the inferior endplate of L3").
    /// Only whether there is one: the scan stops at the first (`siteLevels(of:)` lists them all).
    private func localSite(of range: Range<Int>, sentence: Range<Int>, useHeading: Bool) -> LocalSite {
        // The clause walk and the level scan read the two token columns through borrowed buffers, each taken
        // once: read through `analysis` per token, every read reloaded the column and retained its maps.
        let clauseTokens = Self.clauseTokens(of: range, sentence: sentence, clauses: analysis.clauseOfToken)
        var site = LocalSite(
            clauseTokens: clauseTokens, sentence: sentence, featureStart: range.lowerBound, useHeading: useHeading)
        var discSites = 0
        let levelColumn = analysis.levelOfToken
        precondition(clauseTokens.upperBound <= levelColumn.count, "clause outside the token columns")
        let levelBase = levelColumn.base
        let levelMaps = levelColumn.maps
        for index in clauseTokens {
            let level = Int(levelMaps.withUnsafeBufferPointer { $0[levelBase &+ index] })
            if level < 0 { continue }
            if analysis.levels[level].namesRoot { continue }
            if mentions.contains(where: { $0.window.contains(index) }) { continue }
            if isDiscSite(level, sentence: sentence) {
                discSites += 1
                continue
            }
            site.hasLevels = true
            return site
        }
        // Only a disc is named: the feature has a site, and it is no node's (an empty location matches none).
        if discSites > 0 {
            site.discOnly = true
            return site
        }
        if useHeading, headingLevel(at: range.lowerBound) != nil { site.hasLevels = true }
        return site
    }

    /// The tokens of `range`'s clause within `sentence`: `range` widened token by token while the clause number
    /// stays that of its first token (the sentence bounds the walk), read from one borrowed buffer.
    private static func clauseTokens(
        of range: Range<Int>, sentence: Range<Int>, clauses: Layout.TokenColumn
    ) -> Range<Int> {
        precondition(
            sentence.lowerBound >= 0 && sentence.upperBound <= clauses.count && sentence.contains(range.lowerBound),
            "clause walk outside its sentence")
        let base = clauses.base
        return clauses.maps.withUnsafeBufferPointer { maps in
            let clause = maps[base &+ range.lowerBound]
            var lower = range.lowerBound
            while lower > sentence.lowerBound, maps[base &+ lower &- 1] == clause { lower &-= 1 }
            var upper = range.upperBound
            while upper < sentence.upperBound, maps[base &+ upper] == clause { upper &+= 1 }
            return lower..<upper
        }
    }

    /// "fluid signal within the L4-L5 disc": the disc itself, not the marrow at its endplates.
    private func isDiscSite(_ level: Int, sentence: Range<Int>) -> Bool {
        let after = analysis.levels[level].tokens.upperBound
        return after < sentence.upperBound && analysis.tokens[after].word == analysis.tables.words.disc
    }

    /// Under a level heading ("At T11 there is a defect in the superior endplate"), the heading's level, unless a
    /// mention's window holds it.
    private func headingLevel(at token: Int) -> Int? {
        let heading = analysis.layout.headingOfToken[token]
        guard heading >= 0 else { return nil }
        let levelTokens = analysis.layout.headings[Int(heading)].levelTokens
        let level = analysis.levelOfToken[levelTokens.lowerBound]
        guard level >= 0, !mentions.contains(where: { $0.window.contains(levelTokens.lowerBound) }) else { return nil }
        return Int(level)
    }

    /// Writes the levels of a site with levels (`localSite`) into `levels`, in token order, each once, and returns
    /// how many: the heading's level when the clause names none. `levels` holds at least one per clause token.
    private func siteLevels(of site: LocalSite, into levels: UnsafeMutableBufferPointer<Int>) -> Int {
        var count = 0
        for index in site.clauseTokens where analysis.levelOfToken[index] >= 0 {
            // The cheap tests first (each of the three only skips the token): the other tokens of a level already
            // taken ("L4", "-", "5") skip the walk over the mentions' windows.
            let level = Int(analysis.levelOfToken[index])
            if analysis.levels[level].namesRoot || levels[0..<count].contains(level) { continue }
            if mentions.contains(where: { $0.window.contains(index) }) { continue }
            if isDiscSite(level, sentence: site.sentence) { continue }
            levels[count] = level
            count += 1
        }
        if count == 0, site.useHeading, let level = headingLevel(at: site.featureStart) {
            levels[0] = level
            count = 1
        }
        return count
    }

    /// The locations of a feature's own site, with the endplate phrases of its clause that no mention holds.
    ///
    /// The site's levels are listed in a temporary buffer (on the stack) and its endplate phrases read through a
    /// sequence: no list is made but the result.
    private func locations(of site: LocalSite) -> [NodeLocation] {
        if site.discOnly { return [NodeLocation()] }
        guard site.hasLevels else { return [] }
        let endplates = SiteEndplates(endplates: analysis.endplates, clause: site.clauseTokens, mentions: mentions)
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: max(site.clauseTokens.count, 1)) { levels in
            let count = siteLevels(of: site, into: levels)
            return extractor.resolve(
                levels: UnsafeBufferPointer(rebasing: levels[0..<count]), endplates: endplates, both: false)
        }
    }

    /// The endplate phrases that overlap a site's clause and no mention's window, in order.
    private struct SiteEndplates: Sequence, IteratorProtocol {
        let endplates: [EndplateMention]
        let clause: Range<Int>
        let mentions: [NodeMention]
        var position = 0

        mutating func next() -> EndplateMention? {
            while position < endplates.count {
                let endplate = endplates[position]
                position += 1
                if endplate.tokens.overlaps(clause),
                    !mentions.contains(where: { mention in mention.window.overlaps(endplate.tokens) })
                {
                    return endplate
                }
            }
            return nil
        }
    }

    /// Whether a feature placed at `feature` speaks of the node at `node` (same vertebra, or a disc level the
    /// node's endplate borders).
    static func sameSite(_ node: NodeLocation, _ feature: NodeLocation) -> Bool {
        if let vertebra = node.vertebra {
            if let other = feature.vertebra {
                guard other == vertebra else { return false }
                return node.endplate == nil || feature.endplate == nil || node.endplate == feature.endplate
            }
            if let disc = feature.disc {
                switch node.endplate {
                case .inferior: return disc.upper == vertebra
                case .superior: return disc.lower == vertebra
                case nil: return disc.upper == vertebra || disc.lower == vertebra
                }
            }
            return false
        }
        if let disc = node.disc {
            if let other = feature.disc { return other == disc }
            if let vertebra = feature.vertebra {
                switch feature.endplate {
                case .inferior: return disc.upper == vertebra
                case .superior: return disc.lower == vertebra
                case nil: return disc.upper == vertebra || disc.lower == vertebra
                }
            }
        }
        return false
    }
}
