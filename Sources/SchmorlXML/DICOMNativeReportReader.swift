import SchmorlModel

/// Reads a DICOM Structured Report in the Native DICOM Model of PS3.19 (`NativeDicomModel`, one
/// `DicomAttribute` per data element, found by `tag`), as `dcm2xml --native-format` writes it.
///
/// The SR content tree is the Content Sequence (0040,A730) at the top level; each `Item` is a content item with
/// its Value Type (0040,A040), Concept Name Code Sequence (0040,A043: Code Value 0008,0100 and Code Meaning
/// 0008,0104), Text Value (0040,A160) and nested Content Sequence. The narrative is built as for dsr2xml
/// (``SRContentItem``). Patient ID (0010,0020), Accession Number (0008,0050), SOP Instance UID (0008,0018) and
/// Study Instance UID (0020,000D) go to metadata; the id is the one passed in.
struct DICOMNativeReportReader {
    let limits: XMLLimits
    let record: String

    private enum Tag {
        static let contentSequence = "0040A730"
        static let valueType = "0040A040"
        static let conceptName = "0040A043"
        static let codeValue = "00080100"
        static let codeMeaning = "00080104"
        static let textValue = "0040A160"
        static let patientID = "00100020"
        static let accession = "00080050"
        static let sopInstanceUID = "00080018"
        static let studyInstanceUID = "0020000D"
    }

    func read(_ root: XMLNode) throws(SchmorlError) -> ReportDocument {
        var metadata: [String: String] = [:]
        if let value = firstValue(root, Tag.patientID) { metadata["patientId"] = value }
        if let value = firstValue(root, Tag.accession) { metadata["accession"] = value }
        if let value = firstValue(root, Tag.sopInstanceUID) { metadata["sopInstanceUID"] = value }
        if let value = firstValue(root, Tag.studyInstanceUID) { metadata["studyInstanceUID"] = value }
        if let concept = attribute(root, Tag.conceptName)?.child("Item"),
            let meaning = firstValue(concept, Tag.codeMeaning)
        {
            metadata["title"] = meaning
        }
        guard let content = attribute(root, Tag.contentSequence) else {
            throw SchmorlError(
                .unsupportedFormat,
                "Native DICOM document has no Content Sequence (0040,A730): not a Structured Report", record: record)
        }
        let items = content.children("Item").map { makeItem($0) }
        var builder = NarrativeBuilder(limit: limits.maximumNarrativeBytes)
        SRContentItem.render(items, into: &builder, section: nil)
        let (text, sections, sourceMap) = try builder.finishReport(
            record: record, emptyMessage: "DICOM SR holds no TEXT content item")
        return ReportDocument(
            id: record, sourceFormat: .dicomNative, text: text, sections: sections, sourceMap: sourceMap,
            metadata: metadata)
    }

    /// The `DicomAttribute` child with this tag (hex digits compared case-insensitively).
    private func attribute(_ parent: XMLNode, _ tag: String) -> XMLNode? {
        for child in parent.children("DicomAttribute") where child.attribute("tag")?.uppercased() == tag {
            return child
        }
        return nil
    }

    private func firstValue(_ parent: XMLNode, _ tag: String) -> String? {
        guard let value = attribute(parent, tag)?.child("Value")?.collapsedText, !value.isEmpty else { return nil }
        return value
    }

    private func makeItem(_ item: XMLNode) -> SRContentItem {
        let valueType = firstValue(item, Tag.valueType)?.uppercased() ?? ""
        var code: String?
        var meaning: String?
        var meaningPosition: SourcePosition?
        if let concept = attribute(item, Tag.conceptName)?.child("Item") {
            code = firstValue(concept, Tag.codeValue)
            let meaningNode = attribute(concept, Tag.codeMeaning)?.child("Value")
            meaning = meaningNode?.collapsedText
            meaningPosition = meaningNode?.firstChild?.sourcePosition
        }
        let children = attribute(item, Tag.contentSequence)?.children("Item").map { makeItem($0) } ?? []
        return SRContentItem(
            valueType: valueType, code: code, meaning: meaning, meaningPosition: meaningPosition,
            valueNode: valueType == "TEXT" ? attribute(item, Tag.textValue)?.child("Value") : nil, children: children)
    }
}
