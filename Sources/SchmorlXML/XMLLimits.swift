/// The bounds XML and FHIR JSON ingest keeps, so that no input can make the reader use unbounded memory or time.
///
/// These limits sit on top of libxml2's own, which stay in force because the reader never passes
/// `XML_PARSE_HUGE`: a text node or attribute value of at most 10 MB, a name of at most 50,000 bytes, an element
/// depth of at most 256, and libxml2's entity amplification checks. Entity declarations are refused outright
/// (see ``XMLReportReader``), so no limit on entity expansion is needed here.
///
/// A value type: pass it by value to every reader, share it across tasks freely.
public struct XMLLimits: Sendable, Hashable, Codable {
    /// Largest input accepted, in bytes. Checked before parsing, so an oversized input costs nothing.
    ///
    /// 64 MiB by default: the largest real report wrappers (a CDA with embedded attachments) are a few MB, and
    /// the parsed tree takes a small multiple of the input.
    public var maximumInputBytes: Int

    /// Largest narrative assembled for one report, in bytes (after base64 decoding of attachments).
    public var maximumNarrativeBytes: Int

    /// Largest decoded size of one `presentedForm` attachment or CDA `nonXMLBody`, in bytes.
    public var maximumAttachmentBytes: Int

    /// Most reports one document may yield (the DiagnosticReports of a FHIR Bundle).
    public var maximumReportsPerDocument: Int

    /// Deepest nesting of FHIR JSON arrays and objects. XML depth is bounded by libxml2 (256 levels).
    public var maximumJSONDepth: Int

    /// The defaults described on each property.
    public init(
        maximumInputBytes: Int = 64 << 20,
        maximumNarrativeBytes: Int = 64 << 20,
        maximumAttachmentBytes: Int = 16 << 20,
        maximumReportsPerDocument: Int = 10_000,
        maximumJSONDepth: Int = 128
    ) {
        self.maximumInputBytes = maximumInputBytes
        self.maximumNarrativeBytes = maximumNarrativeBytes
        self.maximumAttachmentBytes = maximumAttachmentBytes
        self.maximumReportsPerDocument = maximumReportsPerDocument
        self.maximumJSONDepth = maximumJSONDepth
    }
}
