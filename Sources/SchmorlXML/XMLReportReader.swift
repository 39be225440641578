public import SchmorlModel

/// Reads radiology reports wrapped in XML (HL7 CDA R2 / C-CDA, FHIR R4 DiagnosticReport, DICOM SR as dsr2xml or
/// PS3.19 Native XML, OpenI, any other XML) or FHIR JSON into the report documents the text engine reads.
///
/// Why a narrative: extraction runs unchanged on XML because the reader hands over plain text laid out like a
/// free-text report ("FINDINGS:" header lines, one line per paragraph, list item and table row) with the sections
/// the markup named and a ``SourceMap`` from each narrative byte offset back to the source line and column
/// (``ReportDocument``). Evidence spans are UTF-8 byte offsets into `ReportDocument.text`.
///
/// What is report text: element text of the narrative parts of each format, FHIR's `conclusion` value and
/// decoded text/plain `presentedForm` data. What is not: comments, processing instructions (dropped without
/// adding a space, so "Schmorl's <!-- x -->node" reads "Schmorl's node"), attributes and coded data (rules.md §4,
/// last points). Identifiers from headers (patient id, accession) go to `metadata`.
///
/// Safety (issue 3): libxml2 with a fresh context per call, no network, no external DTD, no entity substitution,
/// libxml2's limits kept, and **documents declaring entities are refused** with `.unsafeXML` (so XXE, billion
/// laughs and quadratic blow-up fail at the declaration). Errors come back as ``SchmorlError`` with the record
/// and the line and column, never on standard error. Inputs above ``XMLLimits/maximumInputBytes`` are refused
/// before parsing.
///
/// A value type without shared state: one reader can serve every task of a bulk run concurrently.
public struct XMLReportReader: Sendable {
    public var limits: XMLLimits

    public init(limits: XMLLimits = XMLLimits()) {
        self.limits = limits
    }

    /// Reads every report `bytes` holds: one for most formats, one per DiagnosticReport for a FHIR Bundle.
    ///
    /// - Parameters:
    ///   - bytes: the whole file. XML in any encoding it declares (UTF-8, UTF-16 with BOM, ISO-8859-1, ...), or
    ///     FHIR JSON in UTF-8.
    ///   - id: the record's name (usually the file name without extension), used in errors and as the report id
    ///     when the document carries none. CDA uses `ClinicalDocument/id` (`extension`, else `root`) and FHIR the
    ///     resource `id`; DICOM SR, OpenI and generic XML always use `id` (their identifiers go to metadata).
    ///   - format: the format to read as (`--format`), or nil to detect it from the root element and namespace.
    ///     A given format that contradicts the root element is an error, except `.genericXML`, which reads any
    ///     XML as text.
    /// - Throws: `.inputTooLarge`, `.malformedXML` (with line and column), `.unsafeXML`, `.invalidJSON`,
    ///   `.invalidBase64`, `.invalidUTF8`, `.unsupportedFormat`, `.emptyReport`.
    /// - Complexity: O(n) in the input; memory is dominated by the parsed tree (``XMLTree``) and
    ///   libxml2's copy of the input, a small multiple of the input.
    public func read(bytes: [UInt8], id: String, format: SourceFormat?) throws(SchmorlError) -> [ReportDocument] {
        guard bytes.count <= limits.maximumInputBytes else {
            throw SchmorlError(
                .inputTooLarge,
                "input is \(bytes.count) bytes, over the limit of \(limits.maximumInputBytes) "
                    + "(XMLLimits.maximumInputBytes); split the file or raise the limit",
                record: id)
        }
        guard let resolved = format ?? Self.detectFormat(bytes) else {
            throw SchmorlError(
                .unsupportedFormat, "input is neither XML nor FHIR JSON (it does not start with '<' or '{')",
                record: id)
        }
        switch resolved {
        case .text:
            throw SchmorlError(
                .unsupportedFormat, "plain text is read by the text engine, not the XML reader", record: id)
        case .fhirJSON:
            return try FHIRJSONReportReader(limits: limits, record: id).read(bytes)
        case .cda, .fhirXML, .dicomSR, .dicomNative, .openI, .genericXML:
            let explicit = format
            let limits = self.limits
            return try bytes.withUnsafeBufferPointer { buffer throws(SchmorlError) -> [ReportDocument] in
                try SafeXMLParser.withDocument(buffer, record: id) { root throws(SchmorlError) -> [ReportDocument] in
                    try Self.readTree(root, id: id, format: explicit, limits: limits)
                }
            }
        }
    }

    /// Dispatches a parsed tree to its format's reader.
    private static func readTree(_ root: XMLNode, id: String, format explicit: SourceFormat?, limits: XMLLimits)
        throws(SchmorlError) -> [ReportDocument]
    {
        let detected = format(ofRoot: root)
        var format = detected
        if let explicit, explicit != detected {
            guard explicit == .genericXML else {
                throw SchmorlError(
                    .unsupportedFormat,
                    "--format \(explicit.rawValue) was given, but the root element <\(root.localName)> is read as "
                        + "\(detected.rawValue); drop --format to detect it, or use --format xml to read it as text",
                    record: id)
            }
            format = .genericXML
        }
        switch format {
        case .cda: return [try CDAReportReader(limits: limits, record: id).read(root)]
        case .fhirXML: return try FHIRXMLReportReader(limits: limits, record: id).read(root)
        case .dicomSR: return [try DICOMSRReportReader(limits: limits, record: id).read(root)]
        case .dicomNative: return [try DICOMNativeReportReader(limits: limits, record: id).read(root)]
        case .openI: return [try OpenIReportReader(limits: limits, record: id).read(root)]
        default: return [try GenericXMLReportReader(limits: limits, record: id).read(root)]
        }
    }

    /// The format a parsed root element stands for. Unlike ``detectFormat(_:)`` (which sees only bytes) it also
    /// recognises a bare C-CDA `section` fragment by its children.
    private static func format(ofRoot root: XMLNode) -> SourceFormat {
        // The names that decide alone come first: no String of the namespace for them.
        if root.hasName("ClinicalDocument") { return .cda }
        if root.hasName("DiagnosticReport") { return .fhirXML }
        let namespace = root.namespaceURI
        if root.hasName("Bundle"), namespace == RootElementSniffer.fhirNamespace { return .fhirXML }
        if root.hasName("NativeDicomModel") { return .dicomNative }
        if root.hasName("report"), namespace == RootElementSniffer.dcmtkNamespace || root.child("document") != nil,
            root.descendant("document", "content") != nil
        {
            return .dicomSR
        }
        if root.hasName("eCitation") { return .openI }
        if root.hasName("section"), namespace == nil || namespace == RootElementSniffer.hl7Namespace,
            root.child("text") != nil, root.child("code") != nil || root.child("title") != nil
        {
            return .cda
        }
        return .genericXML
    }
}
