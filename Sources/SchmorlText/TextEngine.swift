public import SchmorlModel

/// What the text engine read out of one report, before classification.
public struct TextExtraction: Sendable {
    public var sections: [ReportSection]
    public var nodes: [NodeFinding]
    public var differentials: [Differential]
    public var notes: [String]
}

/// The free-text extraction engine: sections, sentences, levels, assertion, node attribution and merging,
/// differentials, all over UTF-8 bytes (../shared/DESIGN.md).
///
/// Stateless and `Sendable`: the lexicon is compiled once (`LexiconTables.shared`) and each call builds its own
/// per-report arrays, or refills those of the calling worker's ``Workspace``, so one engine serves every thread
/// of a bulk run.
public struct TextEngine: Sendable {
    public init() {}

    /// Extracts every node and differential of `document`.
    /// - Parameter workspace: the calling worker's reusable arrays, as for ``extract(utf8:sections:sourceMap:workspace:)``.
    /// - Complexity: O(n) in the report's bytes, plus O(mentions × features) for attribution.
    public func extract(_ document: ReportDocument, workspace: Workspace? = nil) -> TextExtraction {
        extract(
            utf8: Array(document.text.utf8), sections: document.sections, sourceMap: document.sourceMap,
            workspace: workspace)
    }

    /// Extracts every node and differential of a report given as its UTF-8 bytes, which must be valid UTF-8.
    ///
    /// For callers that hold the text as bytes already (the JSON Lines reader): no `String` is made and
    /// validated only to be copied back into bytes here.
    /// - Parameter workspace: the calling worker's reusable arrays (``Workspace``), so a bulk run allocates them
    ///   once per worker instead of once per report; `nil` allocates them for this call alone.
    /// - Complexity: as ``extract(_:)``.
    public func extract(
        utf8 text: [UInt8], sections: [ReportSection] = [], sourceMap: SourceMap? = nil, workspace: Workspace? = nil
    ) -> TextExtraction {
        let analysis = ReportAnalysis(text: text, givenSections: sections, workspace: workspace)
        let extractor = NodeExtractor(analysis: analysis)
        var mentions = extractor.findMentions()
        extractor.locate(&mentions)
        // No mention, no node: attribution and merging have nothing to do.
        let nodes: [NodeFinding]
        if mentions.isEmpty {
            nodes = []
        } else {
            let features = FeatureAttributor(extractor: extractor, mentions: mentions).attach()
            nodes = NodeAssembler(analysis: analysis, mentions: mentions, features: features).assemble()
        }
        let differentials = DifferentialExtractor(context: extractor.context).extract()
        let sections = analysis.layout.sections.map {
            ReportSection(kind: $0.kind, title: $0.title, range: $0.bytes, sourceCode: $0.sourceCode)
        }
        var extraction = TextExtraction(sections: sections, nodes: nodes, differentials: differentials, notes: [])
        if let map = sourceMap { Self.attachSourcePositions(&extraction, map: map) }
        return extraction
    }

    /// Adds source line and column to every evidence span of an XML-assembled report.
    static func attachSourcePositions(_ extraction: inout TextExtraction, map: SourceMap) {
        func fix(_ evidence: inout Evidence) { evidence.source = map.position(of: evidence.span.start) }
        func fix(_ feature: inout Feature) { for index in feature.evidence.indices { fix(&feature.evidence[index]) } }
        for index in extraction.nodes.indices {
            var node = extraction.nodes[index]
            for mention in node.mentions.indices { fix(&node.mentions[mention]) }
            if var cue = node.assertionCue {
                fix(&cue.evidence)
                node.assertionCue = cue
            }
            fix(&node.edema)
            fix(&node.enhancement)
            fix(&node.endplateDisruption)
            fix(&node.posteriorExtension)
            fix(&node.scleroticRim)
            if var evidence = node.sizeEvidence { fix(&evidence); node.sizeEvidence = evidence }
            if var evidence = node.calledLarge { fix(&evidence); node.calledLarge = evidence }
            if var evidence = node.comparisonEvidence { fix(&evidence); node.comparisonEvidence = evidence }
            if var evidence = node.painLink { fix(&evidence); node.painLink = evidence }
            extraction.nodes[index] = node
        }
        for index in extraction.differentials.indices {
            for mention in extraction.differentials[index].mentions.indices {
                fix(&extraction.differentials[index].mentions[mention].evidence)
            }
        }
    }
}

/// The assertion engine as a reusable component (`schmorl assert`): any finding, not only nodes.
public struct AssertionEngine: Sendable {
    public init() {}

    /// Present / absent / possible for the bytes `target` of `text`, with the deciding cue and its scope.
    public func assert(text: String, target: TextSpan) -> AssertionResult {
        let bytes = Array(text.utf8)
        let analysis = ReportAnalysis(text: bytes, givenSections: [], everySentence: true)
        var first = analysis.tokens.count
        var last = 0
        for (index, token) in analysis.tokens.enumerated()
        where Int(token.end) > target.start && Int(token.start) < target.end {
            first = min(first, index)
            last = max(last, index + 1)
        }
        let targetText = String(decoding: bytes[min(target.start, bytes.count)..<min(target.end, bytes.count)], as: UTF8.self)
        let evidence = Evidence(span: target, text: targetText)
        guard first < last else { return AssertionResult(assertion: .present, cue: nil, target: evidence) }
        let decision = ContextEngine(analysis: analysis).assess(first..<last)
        return AssertionResult(assertion: decision.assertion, cue: decision.cue, target: evidence)
    }
}
