public import SchmorlModel

/// Finds endplate phrases and the levels written with them (domain.md §2.3, rules.md §4):
/// "inferior endplate of L1", "L3 superior endplate", "superior L3 endplate", "upper endplate at L1-2",
/// "superior endplates of L1 and L2", "superior and inferior endplates of L2", "both endplates at L1-2".
struct EndplateFinder {
    let analysis: ReportAnalysis

    func find() -> [EndplateMention] {
        var result: [EndplateMention] = []
        let tokens = analysis.tokens
        var directionAt = TokenMap<Endplate>(count: tokens.count)
        var endplateWordAt: [Int: Int] = [:]  // start -> end
        var bothAt: [(start: Int, end: Int)] = []
        for match in analysis.context {
            switch match.payload {
            case .direction(let endplate): directionAt[match.start] = endplate
            case .endplateWord: endplateWordAt[match.start] = match.end
            case .bothEndplates: bothAt.append((match.start, match.end))
            default: break
            }
        }
        let words = analysis.tables.words
        for (wordStart, wordEnd) in endplateWordAt.sorted(by: { $0.key < $1.key }) {
            // "plate" alone only after "end".
            if analysis.word(wordStart) == "plate" || analysis.word(wordStart) == "plates" { continue }
            let sentence = analysis.layout.sentences[analysis.sentence(of: wordStart)]
            var directions: [Endplate] = []
            var levels: [Int] = []
            var both = false
            var start = wordStart
            // Look back: directions and levels, up to 5 tokens ("L3 superior", "superior and inferior",
            // "posterior aspect of the inferior").
            var index = wordStart - 1
            var sawDirection = false
            while index >= sentence.lowerBound, wordStart - index <= 5 {
                if let direction = directionAt[index] {
                    directions.insert(direction, at: 0)
                    start = index
                    sawDirection = true
                } else if analysis.levelOfToken[index] >= 0 {
                    // A level right before the direction or the endplate word: "L3 superior endplate",
                    // "superior L3 endplate". Never across a joiner ("inferior endplate of L1 and the superior").
                    let level = Int(analysis.levelOfToken[index])
                    if index + 1 != start && index + 1 != wordStart { break }
                    if !levels.contains(level) { levels.insert(level, at: 0) }
                    start = analysis.levels[level].tokens.lowerBound
                    // "the inferior L2 endplate": a direction right before the level.
                    if directions.isEmpty, start - 1 >= sentence.lowerBound, let direction = directionAt[start - 1] {
                        directions.insert(direction, at: 0)
                        start -= 1
                    }
                    break
                } else if sawDirection, tokens[index].word == words.and || tokens[index].byte == 0x2C,
                    index - 1 >= sentence.lowerBound, directionAt[index - 1] != nil
                {
                    // "superior and inferior endplates"
                } else if tokens[index].word == words.vertebral, index + 1 == start {
                    start = index
                } else {
                    break
                }
                index -= 1
            }
            if let bothEnd = bothAt.first(where: { $0.start < wordEnd && $0.end >= wordStart && $0.start >= wordStart - 3 }) {
                both = true
                start = min(start, bothEnd.start)
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
                    for level in first...last where !levels.contains(level) { levels.append(level) }
                    end = analysis.levels[last].tokens.upperBound
                }
            }
            if directions.isEmpty && !both {
                // "endplates at L1-2" with no direction: an endplate phrase that names only levels.
                if levels.isEmpty { continue }
            }
            result.append(EndplateMention(tokens: start..<end, directions: directions, levels: levels, both: both))
        }
        return result
    }
}
