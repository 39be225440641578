import SchmorlModel

/// Finds endplate phrases and the levels written with them (domain.md §2.3, rules.md §4):
/// "inferior endplate of L1", "L3 superior endplate", "superior L3 endplate", "upper endplate at L1-2",
/// "superior endplates of L1 and L2", "superior and inferior endplates of L2", "both endplates at L1-2".
struct EndplateFinder {
    let analysis: ReportAnalysis

    /// - Complexity: O(context matches), plus a look around each endplate word; no per-token map, no allocation
    ///   unless an endplate phrase is found. The context matches are in token order and never overlap (one greedy
    ///   pass over the report), so the endplate words are read in order straight from them and the direction or
    ///   "both" phrase at a token is found by binary search.
    func find() -> [EndplateMention] {
        var result: [EndplateMention] = []
        // Room for a report's usual endplate phrases at the first one: one allocation, not one per doubling.
        func keep(_ mention: EndplateMention) {
            if result.isEmpty { result.reserveCapacity(4) }
            result.append(mention)
        }
        let tokens = analysis.tokens
        let context = analysis.context
        let words = analysis.tables.words
        for match in context {
            guard case .endplateWord = match.payload else { continue }
            let wordStart = match.start
            let wordEnd = match.end
            // "plate" alone only after "end".
            if analysis.spells(wordStart, "plate") || analysis.spells(wordStart, "plates") { continue }
            let sentence = analysis.layout.sentences[analysis.sentence(of: wordStart)]
            // At most one direction per token looked back at (five) and one before a level: inline lists.
            var directions = EndplateDirections()
            var levels = EndplateLevels()
            var both = false
            var start = wordStart
            // Look back: directions and levels, up to 5 tokens ("L3 superior", "superior and inferior",
            // "posterior aspect of the inferior").
            var index = wordStart - 1
            var sawDirection = false
            while index >= sentence.lowerBound, wordStart - index <= 5 {
                if let direction = direction(at: index) {
                    directions.prepend(direction)
                    start = index
                    sawDirection = true
                } else if analysis.levelOfToken[index] >= 0 {
                    // A level right before the direction or the endplate word: "L3 superior endplate",
                    // "superior L3 endplate". Never across a joiner ("inferior endplate of L1 and the superior").
                    let level = Int(analysis.levelOfToken[index])
                    if index + 1 != start && index + 1 != wordStart { break }
                    levels.before = level
                    start = analysis.levels[level].tokens.lowerBound
                    // "the inferior L2 endplate": a direction right before the level.
                    if directions.isEmpty, start - 1 >= sentence.lowerBound, let direction = direction(at: start - 1) {
                        directions.prepend(direction)
                        start -= 1
                    }
                    break
                } else if sawDirection, tokens[index].word == words.and || tokens[index].byte == 0x2C,
                    index - 1 >= sentence.lowerBound, direction(at: index - 1) != nil
                {
                    // "superior and inferior endplates"
                } else if tokens[index].word == words.vertebral, index + 1 == start {
                    start = index
                } else {
                    break
                }
                index -= 1
            }
            if let bothStart = bothPhrase(near: wordStart..<wordEnd) {
                both = true
                start = min(start, bothStart)
            }
            // Look forward: "of L1", "of the L1 vertebra", "at L1-2", "at the L1-2 level", "of L1 and L2".
            var end = wordEnd
            var forward = wordEnd
            if forward < sentence.upperBound,
                tokens[forward].word == words.of || tokens[forward].word == words.at
                    || tokens[forward].word == words.on
            {
                forward += 1
                if forward < sentence.upperBound, tokens[forward].word == words.the { forward += 1 }
                if forward < sentence.upperBound, analysis.levelOfToken[forward] >= 0 {
                    let first = Int(analysis.levelOfToken[forward])
                    var last = first
                    while last + 1 < analysis.levels.count,
                        analysis.levels[last + 1].group == analysis.levels[first].group
                    {
                        last += 1
                    }
                    // After the level looked back at, if any (levels are in token order): no overlap.
                    levels.after = first..<(last + 1)
                    end = analysis.levels[last].tokens.upperBound
                }
            }
            if directions.isEmpty && !both {
                // "endplates at L1-2" with no direction: an endplate phrase that names only levels.
                if levels.isEmpty { continue }
            }
            keep(EndplateMention(tokens: start..<end, directions: directions, levels: levels, both: both))
        }
        return result
    }

    /// The first context match starting at or after token `token`.
    private func firstContextMatch(from token: Int) -> Int {
        analysis.context.partitionPoint { $0.start < token }
    }

    /// The endplate direction whose phrase starts at token `index`, if any.
    private func direction(at index: Int) -> Endplate? {
        let found = firstContextMatch(from: index)
        guard found < analysis.context.count, analysis.context[found].start == index,
            case .direction(let endplate) = analysis.context[found].payload
        else { return nil }
        return endplate
    }

    /// The start of the first "both endplates" phrase that starts at most three tokens before the endplate word
    /// `word`, before its end, and reaches its start.
    private func bothPhrase(near word: Range<Int>) -> Int? {
        let context = analysis.context
        var index = firstContextMatch(from: word.lowerBound - 3)
        while index < context.count, context[index].start < word.upperBound {
            if context[index].payload == .bothEndplates, context[index].end >= word.lowerBound { return context[index].start }
            index += 1
        }
        return nil
    }
}
