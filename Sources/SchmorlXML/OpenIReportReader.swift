import SchmorlModel

/// Reads an OpenI / Indiana University chest X-ray collection report (root `eCitation`, report text in
/// `MedlineCitation/Article/Abstract/AbstractText Label="FINDINGS"` and its siblings).
///
/// Each `AbstractText` is a section titled by its `Label` (kind from the header vocabulary of domain.md §6.1:
/// FINDINGS, IMPRESSION, INDICATION, COMPARISON, ...; unknown labels are `.other`), its text kept as plain text.
/// Titles, authors, MeSH terms and image captions are collection metadata, not the report, and are not read. The
/// report id is the `id` passed in; `uId`, `IUXRId` and `pmcId` go to metadata.
struct OpenIReportReader {
    let limits: XMLLimits
    let record: String

    func read(_ root: XMLNode) throws(SchmorlError) -> ReportDocument {
        var metadata: [String: String] = [:]
        for (name, key) in [("uId", "uId"), ("IUXRId", "IUXRId"), ("pmcId", "pmcId")] as [(StaticString, String)] {
            if let value = root.child(name)?.attribute("id") { metadata[key] = value }
        }
        var builder = NarrativeBuilder(limit: limits.maximumNarrativeBytes)
        var abstracts: [XMLNode] = []
        collectAbstracts(root, into: &abstracts)
        for abstract in abstracts {
            let label = abstract.attribute("Label") ?? abstract.attribute("NlmCategory") ?? ""
            let text = abstract.collapsedText
            guard !text.isEmpty else { continue }
            let kind = SectionVocabulary.kind(ofHeader: label) ?? (label.isEmpty ? .findings : .other)
            let title = SectionVocabulary.displayTitle(label.isEmpty ? "Findings" : label)
            builder.beginSection(
                kind: kind, title: title, sourceCode: label.isEmpty ? nil : label,
                titlePosition: abstract.sourcePosition)
            for child in abstract.children {
                switch child.kind {
                case .text, .cdata:
                    let position = child.sourcePosition
                    child.withContent { builder.appendText($0, at: position, mode: .preserveLines) }
                case .element:
                    // Inline markup inside an abstract (<b>, <i>) flows inline.
                    var renderer = MarkupRenderer(vocabulary: .xhtml)
                    renderer.render(child, into: &builder)
                default:
                    break
                }
            }
            builder.endSection()
        }
        let (text, sections, sourceMap) = try builder.finishReport(
            record: record, emptyMessage: "OpenI report holds no AbstractText")
        return ReportDocument(
            id: record, sourceFormat: .openI, text: text, sections: sections, sourceMap: sourceMap,
            metadata: metadata)
    }

    private func collectAbstracts(_ node: XMLNode, into found: inout [XMLNode]) {
        for child in node.children where child.isElement {
            if child.hasName("AbstractText") {
                found.append(child)
            } else {
                collectAbstracts(child, into: &found)
            }
        }
    }
}
