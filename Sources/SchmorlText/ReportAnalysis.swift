import SchmorlModel

/// Every stage's output for one report, computed once in order: fold, tokenise, match, lay out, parse levels.
///
/// Later stages (assertion, node extraction, differentials) read it; nothing rescans the bytes.
///
/// A class whose fields are constants: every later stage keeps the analysis it reads, and copying a struct of
/// fourteen arrays retained and released each of them for every stage of every report; a reference is one
/// retain, and constant fields of a final class are read with no exclusivity check.
final class ReportAnalysis {
    let tables: LexiconTables
    let text: [UInt8]
    let folded: [UInt8]
    let tokens: [Token]
    let layout: Layout
    let levels: [LevelMention]
    /// Per token: the level mention it belongs to, or -1 (a column of the layout's token maps).
    let levelOfToken: Layout.TokenColumn
    let cues: [Match<LexiconTables.CueEntry>]
    /// Finding matches, one per concept of each matched phrase.
    let findings: [Match<Concept>]
    let context: [Match<Concept>]
    let sites: [Match<Concept>]
    /// Per token: its clause number (clauses never cross sentences). In a report with no ";" and no terminator
    /// inside a sentence, every clause is a sentence, and this is the layout's sentence column.
    let clauseOfToken: Layout.TokenColumn
    let mostlyUpperCase: Bool
    /// Found last, by `EndplateFinder` reading the finished analysis.
    private(set) var endplates: [EndplateMention] = []

    /// - Parameter everySentence: match assertion cues in every sentence (the assertion engine on its own, whose
    ///   target can be any finding), not only where a known finding or a node name occurs.
    /// - Parameter lastStage: stop after this stage, leaving later fields empty (the benchmarks' per-stage hook).
    /// - Parameter workspace: a worker's arrays from its previous report, filled again in place instead of
    ///   allocated anew (see ``TextEngine/Workspace``); `nil` allocates them for this analysis alone.
    init(
        text: [UInt8], givenSections: [ReportSection], everySentence: Bool = false, tables: LexiconTables = .shared,
        through lastStage: TextStage = .endplates, workspace: TextEngine.Workspace? = nil
    ) {
        var stages = Stages()
        workspace?.lend(to: &stages)
        stages.run(
            text: text, givenSections: givenSections, everySentence: everySentence, tables: tables,
            through: lastStage)
        self.tables = tables
        self.text = text
        folded = stages.folded
        tokens = stages.tokens
        layout = stages.layout
        levels = stages.levels
        levelOfToken = stages.layout.levelOfToken
        cues = stages.cues
        findings = stages.findings
        context = stages.context
        sites = stages.sites
        clauseOfToken = stages.clauseOfToken
        mostlyUpperCase = stages.mostlyUpperCase
        // The workspace keeps a second reference to each reusable array: once this analysis is gone (at the end of
        // the report) it is the only one again, and the next report refills the arrays in place.
        workspace?.takeBack(from: &stages)
        if lastStage >= .endplates { endplates = EndplateFinder(analysis: self).find() }
    }

    /// The stages before endplates, run in order into plain variables; each stage may stop the run
    /// (`lastStage`), leaving the later fields empty.
    ///
    /// Every array a stage fills (the folded bytes, tokens, layout, levels, matches, clause numbers) may come from
    /// a worker's ``TextEngine/Workspace``, holding the previous report's items: it is emptied keeping its
    /// capacity and refilled in place, and a report then allocates it only when it is longer than every report
    /// before it on that worker.
    struct Stages {
        var folded: [UInt8] = []
        var tokens: [Token] = []
        var layout = Layout()
        var levels: [LevelMention] = []
        var cues: [Match<LexiconTables.CueEntry>] = []
        var findings: [Match<Concept>] = []
        var context: [Match<Concept>] = []
        var sites: [Match<Concept>] = []
        var clauseOfToken = Layout.TokenColumn()
        var mostlyUpperCase = false
        /// The layout's scratch list of section headers (`LayoutBuilder`), kept only for its capacity.
        var headers: [LayoutBuilder.HeaderStart] = []
        /// The clause numbers of a report whose clauses are not its sentences (`clauses`), else unused.
        var clauseMap: [Int32] = []

        /// Runs the stages through `lastStage`; the arrays lent by a workspace hold a previous report's items,
        /// emptied here keeping their capacity.
        mutating func run(
            text: [UInt8], givenSections: [ReportSection], everySentence: Bool, tables: LexiconTables,
            through lastStage: TextStage
        ) {
            // The previous report's clause column refers to the layout's maps or to `clauseMap`: dropped first, so
            // that both are referenced once and refilled in place.
            clauseOfToken = Layout.TokenColumn()
            levels.removeAll(keepingCapacity: true)
            cues.removeAll(keepingCapacity: true)
            findings.removeAll(keepingCapacity: true)
            context.removeAll(keepingCapacity: true)
            sites.removeAll(keepingCapacity: true)
            let folding = FoldedText(text, refilling: &folded)
            mostlyUpperCase = folding.isMostlyUpperCase
            if lastStage == .folding { return leaveEmpty(after: lastStage) }
            Tokenizer.tokenize(folded, vocabulary: tables.vocabulary, into: &tokens)
            if lastStage == .tokenizing { return leaveEmpty(after: lastStage) }
            // Room for the usual number of matches up front: growing these arrays from empty, doubling, was a fifth
            // of all allocations per report.
            let expectedMatches = tokens.count / 8 + 8
            context.reserveCapacity(expectedMatches)
            findings.reserveCapacity(expectedMatches)
            cues.reserveCapacity(expectedMatches)
            tables.context.matchAll(tokens, in: 0..<tokens.count, into: &context)
            if lastStage == .reportMatching { return leaveEmpty(after: lastStage) }
            LevelParser(tables: tables).parse(folded, original: text, tokens, context: context, into: &levels)
            if lastStage == .levels { return leaveEmpty(after: lastStage) }
            LayoutBuilder(
                tokens: tokens, text: text, levels: levels, tables: tables, mostlyUpperCase: mostlyUpperCase
            ).build(givenSections: givenSections, into: &layout, headers: &headers)
            if lastStage == .layout { return }
            ReportAnalysis.matchSentences(
                tokens: tokens, folded: folded, sentences: layout.sentences, everySentence: everySentence,
                tables: tables, findings: &findings, cues: &cues, sites: &sites)
            if lastStage == .sentenceMatching { return }
            clauseOfToken = ReportAnalysis.clauses(of: layout, tokens: tokens, cues: cues, into: &clauseMap)
        }

        /// Empties the fields of the stages after `lastStage` that `run` does not empty up front (the tokens, the
        /// layout): from a workspace, they hold the previous report's. Only a run stopped early (the per-stage
        /// hook) gets here.
        private mutating func leaveEmpty(after lastStage: TextStage) {
            if lastStage < .tokenizing { tokens.removeAll(keepingCapacity: true) }
            if lastStage < .layout { layout = Layout() }
        }
    }

    /// Findings in every sentence. Assertion cues only matter where there is something to assert: a finding, or
    /// a word that may name a node; most sentences of a report (alignment, canal, foramina) have neither, and
    /// skipping them is the largest saving of the per-report work. Site words only decide whether a fracture or
    /// infection in the same sentence is of the spine (DifferentialExtractor looks no further than the sentence),
    /// so only sentences that raise a differential are matched for them.
    ///
    /// One sentence at a time, all three tables in a row, with no list of phrases or sentences in between.
    private static func matchSentences(
        tokens: [Token], folded: [UInt8], sentences: [Range<Int>], everySentence: Bool, tables: LexiconTables,
        findings: inout [Match<Concept>], cues: inout [Match<LexiconTables.CueEntry>], sites: inout [Match<Concept>]
    ) {
        let findingTable = tables.findings
        let cueTable = tables.cues
        let siteTable = tables.sites
        tokens.withUnsafeBufferPointer { tokens in
            tables.findingConcepts.withUnsafeBufferPointer { concepts in
                tables.nodeNameWords.withUnsafeBufferPointer { nodeNameWords in
                    for sentence in sentences {
                        var hasFinding = false
                        var raisesDifferential = false
                        var index = sentence.lowerBound
                        while true {
                            index = findingTable.nextStart(tokens, from: index, limit: sentence.upperBound)
                            if index >= sentence.upperBound { break }
                            if let (list, end) = findingTable.match(tokens, at: index, limit: sentence.upperBound) {
                                for concept in concepts[list] {
                                    findings.append(Match(start: index, end: end, payload: concept))
                                    if case .differential = concept { raisesDifferential = true }
                                }
                                hasFinding = true
                                index = end
                            } else {
                                index += 1
                            }
                        }
                        if raisesDifferential { siteTable.matchAll(tokens, in: sentence, into: &sites) }
                        if everySentence || hasFinding
                            || sentence.contains(where: { mayNameNode(tokens[$0], folded, nodeNameWords) })
                        {
                            cueTable.matchAll(tokens, in: sentence, into: &cues)
                        }
                    }
                }
            }
        }
    }

    /// Per token, its clause number: clauses split sentences after ";" and at the scope terminators of domain.md
    /// §6.2 (a terminator cue that does not open its sentence), and never cross a sentence.
    ///
    /// A clause number is the token's sentence number plus the breaks before it inside sentences (the ";" tokens,
    /// and the terminators not opening their sentence). Most reports have no such break (the sentence pass noted
    /// whether there is a ";", `Layout.hasSemicolon`): their clauses are their sentences, and the sentence column
    /// serves as it is, with no allocation and no pass over the tokens; the others get a copy of it with the breaks
    /// added. Looking at every token for a ";" in every report, as this did, cost as much as the whole
    /// context-phrase pass.
    /// - Complexity: O(cues) without breaks, else O(tokens) (a look, a copy and an addition per token).
    private static func clauses(
        of layout: Layout, tokens: [Token], cues: [Match<LexiconTables.CueEntry>], into clauseMap: inout [Int32]
    ) -> Layout.TokenColumn {
        let count = layout.tokenCount
        let sentences = layout.sentenceOfToken
        /// Whether the terminator cue starting at `start` breaks a clause: it does not open its sentence.
        func breaks(at start: Int) -> Bool { start > 0 && sentences[start - 1] == sentences[start] }
        guard layout.hasSemicolon || cues.contains(where: { $0.payload.kind == .terminator && breaks(at: $0.start) })
        else {
            return sentences
        }
        let hasSemicolon = layout.hasSemicolon
        clauseMap.removeAll(keepingCapacity: true)
        clauseMap.append(addingCapacity: count) { span in
            span.withUnsafeMutableBufferPointer { clauseOf, initializedCount in
                layout.tokenMaps.withUnsafeBufferPointer { maps in
                    _ = clauseOf.initialize(from: UnsafeBufferPointer(rebasing: maps[count..<(2 * count)]))
                }
                initializedCount = count
                tokens.withUnsafeBufferPointer { tokens in
                    /// The first position from `index` on that follows a ";" token, or `Int.max`.
                    func afterSemicolon(from index: Int) -> Int {
                        guard hasSemicolon else { return Int.max }
                        var index = index
                        while index < count {
                            if tokens[index].byte == 0x3B && tokens[index].kind == .punctuation { return index + 1 }
                            index += 1
                        }
                        return Int.max
                    }
                    // The breaks in token order, each adding one to every clause number from its position on: after
                    // a ";", at a terminator. A position may take two (a ";" then a terminator).
                    var nextAfterSemicolon = afterSemicolon(from: 0)
                    var cueIndex = 0
                    var added: Int32 = 0
                    var position = 0
                    while true {
                        while cueIndex < cues.count,
                            cues[cueIndex].payload.kind != .terminator || !breaks(at: cues[cueIndex].start)
                        {
                            cueIndex += 1
                        }
                        let atTerminator = cueIndex < cues.count ? cues[cueIndex].start : Int.max
                        let next = min(nextAfterSemicolon, atTerminator, count)
                        if added > 0 {
                            for index in position..<next { clauseOf[index] &+= added }
                        }
                        if next == count { break }
                        position = next
                        if next == nextAfterSemicolon {
                            added += 1
                            nextAfterSemicolon = afterSemicolon(from: next)
                        }
                        if next == atTerminator {
                            added += 1
                            cueIndex += 1
                        }
                    }
                }
            }
        }
        return Layout.TokenColumn(maps: clauseMap, base: 0, count: count)
    }

    /// A word that could start a node mention the findings table does not see: the "schmorl" family (any
    /// spelling keeps "mo" after an "s") and the abbreviation "SN".
    @inline(__always)
    private static func mayNameNode(
        _ token: Token, _ folded: [UInt8], _ nodeNameWords: UnsafeBufferPointer<LexiconTables.NodeNameWord>
    ) -> Bool {
        if token.kind != .word { return false }
        if token.word >= 0 {
            switch nodeNameWords[Int(token.word)] {
            case .never: return false
            case .always: return true
            case .bySpelling: break
            }
        }
        return folded[Int(token.start)] == 0x73 && hasSchmorlShape(token, folded)
    }

    /// A word starting with "s" that keeps "mo": every spelling of the "schmorl" family does (schmorl, shmorl,
    /// smorl, schmoral, schmörl), and few other words do.
    static func hasSchmorlShape(_ token: Token, _ folded: [UInt8]) -> Bool {
        guard token.kind == .word, folded[Int(token.start)] == 0x73 else { return false }
        var sawM = false
        for index in token.range where folded[index] != FoldedText.filler {
            if sawM && folded[index] == 0x6F { return true }
            sawM = folded[index] == 0x6D
        }
        return false
    }

    // MARK: Helpers

    func string(_ range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        return String(decoding: text[Int(tokens[range.lowerBound].start)..<Int(tokens[range.upperBound - 1].end)],
            as: UTF8.self)
    }

    func span(_ range: Range<Int>) -> TextSpan {
        guard !range.isEmpty else { return TextSpan(start: 0, end: 0) }
        return TextSpan(start: Int(tokens[range.lowerBound].start), end: Int(tokens[range.upperBound - 1].end))
    }

    func evidence(_ range: Range<Int>) -> Evidence {
        Evidence(span: span(range), text: string(range))
    }

    func sentence(of token: Int) -> Int { Int(layout.sentenceOfToken[token]) }
    func clause(of token: Int) -> Int32 { clauseOfToken[token] }
    func section(of token: Int) -> SectionSpan { layout.sections[Int(layout.sectionOfToken[token])] }

    func word(_ token: Int) -> String { String(decoding: folded[tokens[token].range], as: UTF8.self) }
}
