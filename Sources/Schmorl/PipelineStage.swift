public import SchmorlModel
@_spi(Stages) import SchmorlText

/// The pipeline's stages on one report, in the order they run: the text engine's, then classification.
///
/// The hook of the per-stage benchmarks (issue 5): `Pipeline.run(_:through:)` runs a report up to and including
/// one stage, so a stage's own cost is the difference between running through it and through the stage before.
/// SPI (`@_spi(Stages) import Schmorl`), not part of the product's API.
@_spi(Stages) public enum PipelineStage: Int, CaseIterable, Sendable {
    case folding, tokenizing, reportMatching, levels, layout, sentenceMatching, clauses, endplates, mentions, nodes,
        differentials, classification

    /// What the stage does, for benchmark names.
    public var summary: String {
        switch self {
        case .folding: "folding"
        case .tokenizing: "tokenising"
        case .reportMatching: "context phrases"
        case .levels: "levels"
        case .layout: "sections and sentences"
        case .sentenceMatching: "finding, cue and site phrases"
        case .clauses: "clauses"
        case .endplates: "endplates"
        case .mentions: "node mentions"
        case .nodes: "features, assertion and merging"
        case .differentials: "differentials"
        case .classification: "classification"
        }
    }

    /// The same stage of the text engine; nil for classification, which follows it.
    var textStage: TextStage? {
        switch self {
        case .folding: .folding
        case .tokenizing: .tokenizing
        case .reportMatching: .reportMatching
        case .levels: .levels
        case .layout: .layout
        case .sentenceMatching: .sentenceMatching
        case .clauses: .clauses
        case .endplates: .endplates
        case .mentions: .mentions
        case .nodes: .nodes
        case .differentials: .differentials
        case .classification: nil
        }
    }
}

extension Pipeline {
    /// Runs `document` through `lastStage` and returns how many items that stage produced, for a benchmark to
    /// keep the work alive.
    @_spi(Stages) public func run(_ document: ReportDocument, through lastStage: PipelineStage) -> Int {
        if let stage = lastStage.textStage { return TextEngine().run(document, through: stage) }
        return extract(document).nodes.count
    }
}
