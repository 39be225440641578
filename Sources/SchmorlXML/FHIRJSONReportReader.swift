import SchmorlModel

/// Reads FHIR R4 DiagnosticReport resources in JSON, with the same rules as ``FHIRXMLReportReader``.
///
/// `text.div` is an XHTML string: it is parsed by libxml2 under the same safety rules as any XML input and
/// rendered the same way. Source map: every piece of text maps to the start of the JSON string it came from
/// (`text.div`, `conclusion`, `presentedForm.data`); positions inside a string are not tracked, since JSON escapes
/// make byte-for-byte mapping meaningless.
struct FHIRJSONReportReader {
    let limits: XMLLimits
    let record: String

    func read(_ bytes: [UInt8]) throws(SchmorlError) -> [ReportDocument] {
        let root = try JSONValue.parse(bytes, record: record, maximumDepth: limits.maximumJSONDepth)
        guard let type = root["resourceType"]?.stringValue else {
            throw SchmorlError(
                .unsupportedFormat, "JSON has no \"resourceType\": not a FHIR resource", record: record)
        }
        if type == "DiagnosticReport" { return [try readReport(root, fallbackID: record, inBundle: false)] }
        guard type == "Bundle" else {
            throw SchmorlError(
                .unsupportedFormat, "FHIR resource \(type) is not a DiagnosticReport or a Bundle of them",
                record: record)
        }
        let resources = (root["entry"]?.arrayValue ?? []).compactMap { entry -> JSONValue? in
            guard let resource = entry["resource"], resource["resourceType"]?.stringValue == "DiagnosticReport" else {
                return nil
            }
            return resource
        }
        return try FHIRBundle.collect(resources, record: record, limits: limits) { (resource, fallbackID) throws(SchmorlError) in
            try readReport(resource, fallbackID: fallbackID, inBundle: true)
        }
    }

    private func readReport(_ report: JSONValue, fallbackID: String, inBundle: Bool) throws(SchmorlError)
        -> ReportDocument
    {
        let resourceID = report["id"]?.stringValue
        let id = (resourceID?.isEmpty == false ? resourceID : nil) ?? fallbackID
        var metadata: [String: String] = [:]
        if let subject = report["subject"]?["reference"]?.stringValue { metadata["subject"] = subject }
        if let status = report["status"]?.stringValue { metadata["status"] = status }
        if let issued = report["issued"]?.stringValue { metadata["issued"] = issued }
        if let effective = report["effectiveDateTime"]?.stringValue { metadata["effective"] = effective }
        if let identifier = report["identifier"]?.arrayValue.first?["value"]?.stringValue {
            metadata["identifier"] = identifier
        }
        if let code = report["code"]?["text"]?.stringValue { metadata["code"] = code }
        if inBundle { metadata["bundle"] = record }

        var builder = NarrativeBuilder(limit: limits.maximumNarrativeBytes)
        if let div = report["text"]?["div"], let markup = div.stringValue {
            let position = div.position
            builder.positionOverride = position
            let where_ = position.map { " (the string at line \($0.line), column \($0.column))" } ?? ""
            var bytes = Array(markup.utf8)
            try bytes.withUnsafeBufferPointer { buffer throws(SchmorlError) in
                try SafeXMLParser.withDocument(
                    buffer, record: record, context: "text.div of DiagnosticReport \(id)\(where_)"
                ) { root throws(SchmorlError) in
                    var renderer = MarkupRenderer(vocabulary: .xhtml)
                    renderer.renderChildren(of: root, into: &builder)
                }
            }
            bytes.removeAll()
            builder.breakLine()
        }
        if let conclusion = report["conclusion"], let value = conclusion.stringValue, !value.trimmed.isEmpty,
            !builder.containsIgnoringWhitespace(value)
        {
            builder.positionOverride = conclusion.position
            builder.blankLine()
            builder.appendSynthetic("CONCLUSION:")
            builder.breakLine()
            builder.appendText(value, at: conclusion.position, mode: .preserveLines)
            builder.breakLine()
        }
        var skipped: [String] = []
        for form in report["presentedForm"]?.arrayValue ?? [] {
            let contentType = form["contentType"]?.stringValue ?? ""
            guard let dataValue = form["data"], let data = dataValue.stringValue else { continue }
            guard contentType.isEmpty || AttachmentText.isPlainText(contentType) else {
                skipped.append(AttachmentText.mediaType(of: contentType))
                continue
            }
            let text = try AttachmentText.decode(
                base64: data, contentType: contentType, limits: limits, record: record, position: dataValue.position,
                what: "presentedForm of DiagnosticReport \(id)")
            guard !text.trimmed.isEmpty, !builder.containsIgnoringWhitespace(text) else { continue }
            builder.positionOverride = dataValue.position
            builder.blankLine()
            builder.appendText(text, at: dataValue.position, mode: .preserveLines)
            builder.breakLine()
        }
        if !skipped.isEmpty { metadata["skippedAttachments"] = skipped.joined(separator: ", ") }
        let (text, _, sourceMap) = try builder.finishReport(
            record: record, subject: "narrative of DiagnosticReport \(id)",
            emptyMessage: "DiagnosticReport \(id) holds no narrative, conclusion or text/plain presentedForm")
        return ReportDocument(
            id: id, sourceFormat: .fhirJSON, text: text, sections: [], sourceMap: sourceMap, metadata: metadata)
    }
}
