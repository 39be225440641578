import SchmorlModel

/// Reads any other XML as a report: its text content, laid out as lines, with sections where element names or
/// short element texts are section headers.
///
/// The rules (``MarkupRenderer/Vocabulary/generic``): every element that is not an inline XHTML-like element
/// is a line; an element named like a section (`<findings>`, `<clinicalHistory>`, `<IMPRESSION>`) starts a
/// section headed by its name ("FINDINGS:"); a leaf whose text is a header ("Findings") is a header line; a leaf
/// whose text is a level ("L4-5") heads the line after it ("L4-5: ..."), as does an element named by a level;
/// identifier-like leaves (`patientId`, `accessionNumber`, `studyDate`) go to metadata. Text keeps its line
/// breaks, since vendor XML often wraps a plain-text report.
///
/// Sections are given only when the markup named one (a section-named element or header leaf); they then cover
/// the whole narrative, headers written in the text itself ("FINDINGS: ...") included. Otherwise none are given
/// and the text engine finds headers as in free text. The report id is the `id` passed in.
struct GenericXMLReportReader {
    let limits: XMLLimits
    let record: String

    func read(_ root: XMLNode) throws(SchmorlError) -> ReportDocument {
        var builder = NarrativeBuilder(limit: limits.maximumNarrativeBytes)
        var renderer = MarkupRenderer(vocabulary: .generic)
        // The root's own name is not a section even when it reads like one (<report>, <findings>): it is the whole.
        renderer.renderChildren(of: root, into: &builder)
        builder.breakLine()
        if !renderer.headerSources.isEmpty {
            // The markup named sections: give them, covering the whole narrative (a preamble before the first).
            builder.detectSections(in: 0..<builder.count, sourceCodes: renderer.headerSources)
        }
        let (text, sections, sourceMap) = try builder.finishReport(
            record: record, emptyMessage: "XML document holds no text")
        var metadata = renderer.metadata
        metadata["rootElement"] = root.localName
        return ReportDocument(
            id: record, sourceFormat: .genericXML, text: text, sections: sections, sourceMap: sourceMap,
            metadata: metadata)
    }
}
