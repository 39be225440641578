import SchmorlModel

/// One content item of a DICOM Structured Report, whichever XML layout it came from (dcmtk's dsr2xml or the
/// PS3.19 Native DICOM Model), and how the SR content tree becomes narrative.
///
/// Only CONTAINER and TEXT items carry report text. CODE, NUM, PNAME, DATE, UIDREF, IMAGE and the spatial
/// items are coded or numeric data, not narrative (rules.md §4, last points), and are skipped.
struct SRContentItem {
    /// "CONTAINER", "TEXT", "CODE", ... (DICOM Value Type, upper case).
    var valueType: String
    /// The concept name's code value ("121070") and meaning ("Findings").
    var code: String?
    var meaning: String?
    /// Where the meaning is written, for the header's source map anchor.
    var meaningPosition: SourcePosition?
    /// The element whose text is the TEXT item's value.
    var valueNode: XMLNode?
    var children: [SRContentItem]

    /// The section a top-level item stands for: by code (``SectionVocabulary/codes``), else by its meaning.
    var sectionKind: SectionVocabulary.CodedKind? {
        if let code, let coded = SectionVocabulary.codes[code] { return coded }
        if let meaning, let kind = SectionVocabulary.kind(ofHeader: meaning) { return .section(kind) }
        return nil
    }

    /// Renders the items under the document's root container.
    ///
    /// A top-level CONTAINER or TEXT item is a section, titled by its concept name; inside a section, TEXT items
    /// are lines (labelled with their concept name unless it is the generic item of the heading, e.g. "Finding"
    /// under "Findings") and nested containers are header lines ("L4-5:").
    static func render(_ items: [SRContentItem], into builder: inout NarrativeBuilder, section: SectionKind?) {
        for item in items {
            let kind = item.sectionKind
            if case .ignored = kind { continue }
            var ownKind: SectionKind?
            if case .section(let known) = kind { ownKind = known }
            let inSection = section != nil
            switch item.valueType {
            case "CONTAINER":
                if !inSection {
                    item.beginSection(kind: kind, into: &builder)
                    render(item.children, into: &builder, section: ownKind ?? .other)
                    builder.endSection()
                } else {
                    if let meaning = item.meaning, !meaning.isEmpty {
                        builder.breakLine()
                        builder.appendText(SectionVocabulary.displayTitle(meaning), at: item.meaningPosition)
                        builder.appendSynthetic(":")
                        builder.breakLine()
                    }
                    render(item.children, into: &builder, section: section)
                }
            case "TEXT":
                if !inSection {
                    item.beginSection(kind: kind, into: &builder)
                    item.appendValue(into: &builder)
                    render(item.children, into: &builder, section: ownKind ?? .other)
                    builder.endSection()
                } else {
                    builder.breakLine()
                    // A label only where it says something the heading does not: not "Finding" under "Findings",
                    // nor "History" under "History".
                    if let meaning = item.meaning, !meaning.isEmpty,
                        !SectionVocabulary.itemCodes.contains(item.code ?? ""),
                        ownKind == nil || ownKind != section
                    {
                        builder.appendText(meaning, at: item.meaningPosition)
                        builder.setSeparator(": ")
                    }
                    item.appendValue(into: &builder)
                    builder.breakLine()
                    render(item.children, into: &builder, section: section)
                }
            default:
                // Coded, numeric, image and spatial items: not narrative; their children may still hold text.
                render(item.children, into: &builder, section: section)
            }
        }
    }

    private func beginSection(kind: SectionVocabulary.CodedKind?, into builder: inout NarrativeBuilder) {
        var sectionKind = SectionKind.other
        if case .section(let known) = kind { sectionKind = known }
        let title = SectionVocabulary.displayTitle(meaning ?? sectionKind.rawValue)
        builder.beginSection(
            kind: sectionKind, title: title, sourceCode: code ?? meaning, titlePosition: meaningPosition)
    }

    private func appendValue(into builder: inout NarrativeBuilder) {
        guard let valueNode else { return }
        for child in valueNode.children where child.kind == .text || child.kind == .cdata {
            let position = child.sourcePosition
            child.withContent { builder.appendText($0, at: position, mode: .preserveLines) }
        }
    }
}
