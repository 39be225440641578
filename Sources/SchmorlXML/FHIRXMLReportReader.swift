import SchmorlModel

/// Reads FHIR R4 DiagnosticReport resources in XML: one report per DiagnosticReport, a Bundle yielding each of its
/// entries' DiagnosticReports.
///
/// The report text, in order:
/// 1. the XHTML narrative `text/div`, rendered as lines (a heading `<h2>Impression</h2>` gets its colon);
/// 2. `conclusion` (its `value` attribute, the one attribute that is report text, rules.md §4) under a
///    "CONCLUSION:" header line, unless the narrative already says it;
/// 3. each `presentedForm` whose content type is text/plain: base64 `data` decoded in its charset, unless the
///    narrative already holds it. Other attachments (PDF, images) are listed in metadata and skipped.
///
/// No sections are given: FHIR marks none up (its narrative is free text with headers written in it), so the
/// text engine finds them exactly as in the report's free-text form. Given sections would replace the engine's
/// own header detection for the whole report (``ReportDocument/sections``), so partial ones would hurt.
/// The report id is the resource `id`; subject, status, dates and codes go to metadata.
struct FHIRXMLReportReader {
    let limits: XMLLimits
    let record: String

    func read(_ root: XMLNode) throws(SchmorlError) -> [ReportDocument] {
        if root.hasName("DiagnosticReport") {
            return [try readReport(root, fallbackID: record, inBundle: false)]
        }
        guard root.hasName("Bundle") else {
            throw SchmorlError(
                .unsupportedFormat,
                "FHIR resource \(root.localName) is not a DiagnosticReport or a Bundle of them", record: record)
        }
        let resources = root.children("entry").compactMap { entry in
            entry.child("resource")?.child("DiagnosticReport")
        }
        return try FHIRBundle.collect(resources, record: record, limits: limits) { (report, fallbackID) throws(SchmorlError) in
            try readReport(report, fallbackID: fallbackID, inBundle: true)
        }
    }

    private func readReport(_ report: XMLNode, fallbackID: String, inBundle: Bool) throws(SchmorlError)
        -> ReportDocument
    {
        let resourceID = report.child("id")?.attribute("value")
        let id = (resourceID?.isEmpty == false ? resourceID : nil) ?? fallbackID
        var metadata: [String: String] = [:]
        if let subject = report.descendant("subject", "reference")?.attribute("value") { metadata["subject"] = subject }
        if let status = report.child("status")?.attribute("value") { metadata["status"] = status }
        if let issued = report.child("issued")?.attribute("value") { metadata["issued"] = issued }
        if let effective = report.child("effectiveDateTime")?.attribute("value") { metadata["effective"] = effective }
        if let identifier = report.descendant("identifier", "value")?.attribute("value") {
            metadata["identifier"] = identifier
        }
        if let code = report.descendant("code", "text")?.attribute("value") { metadata["code"] = code }
        if inBundle { metadata["bundle"] = record }

        var builder = NarrativeBuilder(limit: limits.maximumNarrativeBytes)
        if let div = report.descendant("text", "div") {
            var renderer = MarkupRenderer(vocabulary: .xhtml)
            renderer.renderChildren(of: div, into: &builder)
            builder.breakLine()
        }
        if let conclusion = report.child("conclusion"), let value = conclusion.attribute("value"),
            !value.trimmed.isEmpty, !builder.containsIgnoringWhitespace(value)
        {
            builder.blankLine()
            builder.appendSynthetic("CONCLUSION:")
            builder.breakLine()
            // An attribute value: libxml2 keeps no position inside it, so all of it maps to its element.
            builder.positionOverride = conclusion.sourcePosition
            builder.appendText(value, at: conclusion.sourcePosition, mode: .preserveLines)
            builder.positionOverride = nil
            builder.breakLine()
        }
        var skipped: [String] = []
        for form in report.children("presentedForm") {
            let contentType = form.child("contentType")?.attribute("value") ?? ""
            guard let dataNode = form.child("data"), let data = dataNode.attribute("value") else { continue }
            guard contentType.isEmpty || AttachmentText.isPlainText(contentType) else {
                skipped.append(AttachmentText.mediaType(of: contentType))
                continue
            }
            let text = try AttachmentText.decode(
                base64: data, contentType: contentType, limits: limits, record: record,
                position: dataNode.sourcePosition, what: "presentedForm of DiagnosticReport \(id)")
            guard !text.trimmed.isEmpty, !builder.containsIgnoringWhitespace(text) else { continue }
            builder.blankLine()
            // Decoded base64: every byte maps to the `data` element.
            builder.positionOverride = dataNode.sourcePosition
            builder.appendText(text, at: dataNode.sourcePosition, mode: .preserveLines)
            builder.positionOverride = nil
            builder.breakLine()
        }
        if !skipped.isEmpty { metadata["skippedAttachments"] = skipped.joined(separator: ", ") }
        let (text, _, sourceMap) = try builder.finishReport(
            record: record, subject: "narrative of DiagnosticReport \(id)",
            emptyMessage: "DiagnosticReport \(id) holds no narrative, conclusion or text/plain presentedForm")
        return ReportDocument(
            id: id, sourceFormat: .fhirXML, text: text, sections: [], sourceMap: sourceMap, metadata: metadata)
    }
}
