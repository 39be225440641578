import SchmorlModel

/// Reads a DICOM Structured Report written as XML by dcmtk's `dsr2xml` (root `report`, namespace
/// `http://dicom.offis.de/dcmsr` when `+Xn` was given).
///
/// Both of dsr2xml's encodings are read: the default one (an element per value type, `<container>`, `<text>`,
/// with `<concept><value/><scheme/><meaning/></concept>`) and the attribute one (`+Ev +Ec`: `<item valType="TEXT">`
/// with `<concept codValue="121071" codScheme="DCM">Finding</concept>`). The content tree under
/// `document/content` becomes narrative as in ``SRContentItem``. The report id is the `id` passed in (a DICOM
/// SOP Instance UID is not a name people use); SOP Instance UID, study UID, accession and patient id go to
/// metadata, with the root container's concept name as `title`.
struct DICOMSRReportReader {
    let limits: XMLLimits
    let record: String

    /// Element names dsr2xml writes for content items in its default encoding (the value type in lower case).
    private static let valueTypeElements: Set<String> = [
        "container", "text", "code", "num", "pname", "date", "time", "datetime", "uidref", "scoord", "scoord3d",
        "tcoord", "composite", "image", "waveform", "item",
    ]

    func read(_ root: XMLNode) throws(SchmorlError) -> ReportDocument {
        var metadata: [String: String] = [:]
        if let patient = root.descendant("patient", "id")?.collapsedText, !patient.isEmpty {
            metadata["patientId"] = patient
        }
        if let accession = root.descendant("study", "accession", "number")?.collapsedText, !accession.isEmpty {
            metadata["accession"] = accession
        }
        if let uid = root.child("instance")?.attribute("uid") { metadata["sopInstanceUID"] = uid }
        if let uid = root.child("study")?.attribute("uid") { metadata["studyInstanceUID"] = uid }
        if let type = root.attribute("type") { metadata["srType"] = type }

        guard let content = root.descendant("document", "content") else {
            throw SchmorlError(
                .unsupportedFormat, "dsr2xml document has no document/content element", record: record)
        }
        var builder = NarrativeBuilder(limit: limits.maximumNarrativeBytes)
        for element in content.childElements where isItem(element) {
            let item = makeItem(element)
            if let title = item.meaning { metadata["title"] = title }
            if item.valueType == "CONTAINER" {
                // The root container: its concept name is the document title (coded, so metadata).
                SRContentItem.render(item.children, into: &builder, section: nil)
            } else {
                SRContentItem.render([item], into: &builder, section: nil)
            }
        }
        let (text, sections, sourceMap) = try builder.finishReport(
            record: record, emptyMessage: "DICOM SR holds no TEXT content item")
        return ReportDocument(
            id: record, sourceFormat: .dicomSR, text: text, sections: sections, sourceMap: sourceMap,
            metadata: metadata)
    }

    private func isItem(_ element: XMLNode) -> Bool {
        Self.valueTypeElements.contains(element.localName)
    }

    private func makeItem(_ element: XMLNode) -> SRContentItem {
        let valueType: String
        if element.hasName("item") {
            valueType = (element.attribute("valType") ?? "").uppercased()
        } else {
            valueType = element.localName.uppercased()
        }
        var code: String?
        var meaning: String?
        var meaningPosition: SourcePosition?
        if let concept = element.child("concept") {
            if let value = concept.attribute("codValue") {
                code = value
                meaning = concept.collapsedText
                meaningPosition = concept.firstChild?.sourcePosition
            } else {
                code = concept.child("value")?.collapsedText
                let meaningNode = concept.child("meaning")
                meaning = meaningNode?.collapsedText
                meaningPosition = meaningNode?.firstChild?.sourcePosition
            }
        }
        let children = element.childElements.filter { isItem($0) }.map { makeItem($0) }
        return SRContentItem(
            valueType: valueType, code: code, meaning: meaning, meaningPosition: meaningPosition,
            valueNode: valueType == "TEXT" ? element.child("value") : nil, children: children)
    }
}
