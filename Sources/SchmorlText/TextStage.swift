public import SchmorlModel

/// The text engine's stages in the order they run, for measuring each on its own (issue 5's per-stage
/// benchmarks).
///
/// `TextEngine.run(_:through:)` runs a report up to and including one stage; a stage's own cost is the
/// difference between running through it and through the stage before. Not part of the product's API: it is
/// SPI (`@_spi(Stages) import SchmorlText`) for the benchmark package and tests.
@_spi(Stages) public enum TextStage: Int, CaseIterable, Comparable, Sendable {
    /// Lower-case folding of the UTF-8 bytes (`FoldedText`).
    case folding
    /// Words, numbers and punctuation with vocabulary ids (`Tokenizer`).
    case tokenizing
    /// The context phrase table over the whole report.
    case reportMatching
    /// Vertebral and disc levels (`LevelParser`).
    case levels
    /// Sections, sentences and level headings (`LayoutBuilder`): the sectioning and sentence splitting.
    case layout
    /// Finding phrases in every sentence, assertion cues where a finding or node name is, anatomical sites where a
    /// differential is.
    case sentenceMatching
    /// Clause boundaries (";" and the scope terminators of domain.md §6.2).
    case clauses
    /// Endplate words tied to levels (`EndplateFinder`): the end of the report analysis.
    case endplates
    /// Node mentions found and located.
    case mentions
    /// Features attached to mentions (ConText assertion of each) and mentions merged into nodes.
    case nodes
    /// Report-level differentials (rules.md §3).
    case differentials

    public static func < (left: TextStage, right: TextStage) -> Bool { left.rawValue < right.rawValue }
}

extension TextEngine {
    /// Runs `document` through `lastStage` and returns how many items that stage produced (tokens, matches,
    /// sentences, nodes, ...), so a benchmark can keep the work alive.
    @_spi(Stages) public func run(_ document: ReportDocument, through lastStage: TextStage) -> Int {
        let analysis = ReportAnalysis(
            text: Array(document.text.utf8), givenSections: document.sections,
            through: min(lastStage, .endplates))
        switch lastStage {
        case .folding: return analysis.folded.count
        case .tokenizing: return analysis.tokens.count
        case .reportMatching: return analysis.context.count
        case .levels: return analysis.levels.count
        case .layout: return analysis.layout.sentences.count
        case .sentenceMatching: return analysis.findings.count + analysis.cues.count + analysis.sites.count
        case .clauses: return analysis.clauseOfToken.count
        case .endplates: return analysis.endplates.count
        case .mentions, .nodes, .differentials: break
        }
        let extractor = NodeExtractor(analysis: analysis)
        var mentions = extractor.findMentions()
        extractor.locate(&mentions)
        if lastStage == .mentions { return mentions.count }
        var nodes: [NodeFinding] = []
        if !mentions.isEmpty {
            let features = FeatureAttributor(extractor: extractor, mentions: mentions).attach()
            nodes = NodeAssembler(analysis: analysis, mentions: mentions, features: features).assemble()
        }
        if lastStage == .nodes { return nodes.count }
        return nodes.count + DifferentialExtractor(context: extractor.context).extract().count
    }
}
