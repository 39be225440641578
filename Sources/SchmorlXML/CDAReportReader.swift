import SchmorlModel

/// Reads an HL7 CDA R2 / C-CDA document (or a bare C-CDA `section` fragment) into one report.
///
/// The report text is the human-readable part only: the document `title` (as a preamble line, the heading every
/// CDA stylesheet shows), then each `structuredBody` section's `title` as a header line and its narrative block
/// (`text`), in document order. Coded `entry` content, `templateId`s, codes and every attribute are metadata,
/// never narrative (rules.md §4, last points). A section is named by its LOINC or DICOM `code`
/// (``SectionVocabulary/codes``), else by its title; the DICOM Object Catalog (121181) holds no text and is
/// skipped. Nested sections are rendered inside their parent as header lines.
///
/// A `nonXMLBody` with `text/plain` content (inline or base64) is read as plain text after the title line, and no
/// sections are given: the text engine finds its headers as in a free-text report (given sections replace the
/// engine's own detection, so a lone preamble section would hide every header of the body).
struct CDAReportReader {
    let limits: XMLLimits
    let record: String

    func read(_ root: XMLNode) throws(SchmorlError) -> ReportDocument {
        var builder = NarrativeBuilder(limit: limits.maximumNarrativeBytes)
        // Room for every key the header gives (readHeader), so the dictionary is allocated once.
        var metadata = [String: String](minimumCapacity: 8)
        var documentID = record
        // One buffer for every section title's text (renderSection).
        var titleBytes: [UInt8] = []

        // Whether the body is a nonXMLBody: its text is not sectioned (see the type's notes).
        let nonXMLBody: XMLNode?
        if root.hasName("section") {
            // A C-CDA section fragment: no header, one section.
            nonXMLBody = root.descendant("component", "nonXMLBody")
            renderSection(root, into: &builder, nested: false, titleBytes: &titleBytes)
        } else {
            let header = HeaderElements(root)
            if let id = header.id {
                if let ext = id.attribute("extension"), !ext.isEmpty {
                    documentID = ext
                    if let root = id.attribute("root") { metadata["documentRoot"] = root }
                } else if let idRoot = id.attribute("root"), !idRoot.isEmpty {
                    documentID = idRoot
                }
            }
            readHeader(header, into: &metadata)
            nonXMLBody = header.component?.child("nonXMLBody")
            if let title = header.title {
                title.appendCollapsedText(to: &titleBytes)
                let hasText = !titleBytes.isEmpty
                if hasText, nonXMLBody != nil {
                    var renderer = MarkupRenderer(vocabulary: .cda)
                    renderer.renderChildrenAsLine(of: title, into: &builder)
                } else if hasText {
                    builder.beginSection(
                        kind: .preamble, title: "", sourceCode: nil, titlePosition: nil, header: false)
                    var renderer = MarkupRenderer(vocabulary: .cda)
                    renderer.renderChildrenAsLine(of: title, into: &builder)
                    builder.endSection()
                }
            }
            if let body = header.component {
                if let structured = body.child("structuredBody") {
                    for component in structured.children where component.isElement && component.hasName("component") {
                        if let section = component.child("section") {
                            renderSection(section, into: &builder, nested: false, titleBytes: &titleBytes)
                        }
                    }
                } else if let nonXML = nonXMLBody {
                    try readNonXMLBody(nonXML, into: &builder)
                }
            }
        }
        var (text, sections, sourceMap) = try builder.finishReport(
            record: record, emptyMessage: "CDA document holds no narrative text (no section title or text)")
        if nonXMLBody != nil { sections = [] }
        return ReportDocument(
            id: documentID, sourceFormat: .cda, text: text, sections: sections, sourceMap: sourceMap,
            metadata: metadata)
    }

    /// The first child element of each name the reader looks at under `ClinicalDocument`, found in one pass over
    /// its children (a lookup per name walked the header, about thirty nodes, once per name).
    private struct HeaderElements {
        var id: XMLNode?
        var recordTarget: XMLNode?
        var inFulfillmentOf: XMLNode?
        var effectiveTime: XMLNode?
        var code: XMLNode?
        var setID: XMLNode?
        var versionNumber: XMLNode?
        var title: XMLNode?
        var component: XMLNode?

        init(_ root: XMLNode) {
            for child in root.children where child.isElement {
                child.withNameBytes { name in
                    switch ElementName(bytes: name) {
                    case "id": if id == nil { id = child }
                    case "recordTarget": if recordTarget == nil { recordTarget = child }
                    case "inFulfillmentOf": if inFulfillmentOf == nil { inFulfillmentOf = child }
                    case "effectiveTime": if effectiveTime == nil { effectiveTime = child }
                    case "code": if code == nil { code = child }
                    case "setId": if setID == nil { setID = child }
                    case "versionNumber": if versionNumber == nil { versionNumber = child }
                    case "title": if title == nil { title = child }
                    case "component": if component == nil { component = child }
                    default: break
                    }
                }
            }
        }
    }

    /// Identifiers from the header: patient id, accession, dates. Never report text.
    private func readHeader(_ header: HeaderElements, into metadata: inout [String: String]) {
        if let patientID = header.recordTarget?.descendant("patientRole", "id") {
            if let ext = patientID.attribute("extension") { metadata["patientId"] = ext }
            if let idRoot = patientID.attribute("root") { metadata["patientIdRoot"] = idRoot }
        }
        if let order = header.inFulfillmentOf?.descendant("order", "id"), let ext = order.attribute("extension") {
            metadata["accession"] = ext
        }
        if let time = header.effectiveTime?.attribute("value") { metadata["effectiveTime"] = time }
        if let code = header.code?.attribute("code") { metadata["documentCode"] = code }
        if let setID = header.setID?.attribute("extension") { metadata["setId"] = setID }
        if let version = header.versionNumber?.attribute("value") { metadata["versionNumber"] = version }
    }

    /// One section and its nested ones. `titleBytes` is a buffer reused for each title's text: the title's
    /// display form and the code are made from bytes, and the title's own text becomes a String only when it is
    /// looked up (an uncoded section) or kept (the source code of an uncoded section).
    private func renderSection(
        _ section: XMLNode, into builder: inout NarrativeBuilder, nested: Bool, titleBytes: inout [UInt8]
    ) {
        let coded = section.child("code")?.withAttribute("code") { $0.map(SectionVocabulary.codedSection) }
        let code = coded?.code
        let titleNode = section.child("title")
        titleBytes.removeAll(keepingCapacity: true)
        titleNode?.appendCollapsedText(to: &titleBytes)
        let hasTitleText = !titleBytes.isEmpty
        var kind: SectionKind?
        if let codedKind = coded?.kind {
            switch codedKind {
            case .ignored: return
            case .section(let sectionKind): kind = sectionKind
            }
        }
        if kind == nil, hasTitleText {
            kind = SectionVocabulary.kind(ofHeader: String(decoding: titleBytes, as: UTF8.self))
        }
        // An untitled section gets no header line: a code's display name is coded data, not report text.
        let title = titleBytes.withUnsafeBufferPointer { SectionVocabulary.displayTitle(utf8: $0) }
        let titlePosition = titleNode.flatMap { $0.firstChild?.sourcePosition } ?? titleNode?.sourcePosition

        var renderer = MarkupRenderer(vocabulary: .cda)
        if nested {
            builder.breakLine()
            if !title.isEmpty {
                builder.appendSynthetic(title)
                builder.appendSynthetic(":")
                builder.breakLine()
            }
        } else {
            builder.beginSection(
                kind: kind ?? .other, title: title,
                sourceCode: code ?? (hasTitleText ? String(decoding: titleBytes, as: UTF8.self) : nil),
                titlePosition: titlePosition)
        }
        if let text = section.child("text") {
            renderer.renderChildren(of: text, into: &builder)
            builder.breakLine()
        }
        for component in section.children where component.isElement && component.hasName("component") {
            if let subsection = component.child("section") {
                renderSection(subsection, into: &builder, nested: true, titleBytes: &titleBytes)
            }
        }
        if !nested { builder.endSection() }
    }

    /// `nonXMLBody/text`: plain text inline or base64 (`representation="B64"`); other media types are refused.
    private func readNonXMLBody(_ body: XMLNode, into builder: inout NarrativeBuilder) throws(SchmorlError) {
        guard let text = body.child("text") else { return }
        let mediaType = text.attribute("mediaType") ?? "text/plain"
        guard AttachmentText.isPlainText(mediaType) else {
            throw SchmorlError(
                .unsupportedFormat,
                "CDA nonXMLBody has media type \(mediaType); only text/plain bodies hold text the reader can use",
                record: record, position: text.sourcePosition)
        }
        builder.blankLine()
        if text.attribute("representation") == "B64" {
            let decoded = try AttachmentText.decode(
                base64: text.collapsedText, contentType: mediaType, limits: limits, record: record,
                position: text.sourcePosition, what: "CDA nonXMLBody")
            // Decoded base64: every byte maps to the start of the encoded text.
            builder.positionOverride = text.firstChild?.sourcePosition
            builder.appendText(decoded, at: text.firstChild?.sourcePosition, mode: .preserveLines)
            builder.positionOverride = nil
        } else {
            for child in text.children where child.kind == .text || child.kind == .cdata {
                let position = child.sourcePosition
                child.withContent { builder.appendText($0, at: position, mode: .preserveLines) }
            }
        }
        builder.breakLine()
    }
}
