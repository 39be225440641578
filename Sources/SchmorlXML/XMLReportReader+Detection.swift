public import SchmorlModel

extension XMLReportReader {
    /// The wrapper format of `bytes`, from the root element and its namespace, or nil when the bytes are neither
    /// XML nor FHIR JSON.
    ///
    /// Looks only at the start of the input (the prolog and the root start tag, within the first 64 KiB) and,
    /// for JSON, for a `"resourceType"` key: it never parses the document. UTF-16 input (with a byte order mark,
    /// or starting `<` `0`) is recognised. Roots: `ClinicalDocument` (CDA), `DiagnosticReport` or a FHIR-namespace
    /// `Bundle` (FHIR XML), `report` with dsr2xml's namespace or `type="... SR"` (DICOM SR), `NativeDicomModel`
    /// (PS3.19), `eCitation` (OpenI), a `section` holding an HL7 OID (a C-CDA fragment); any other XML is
    /// `.genericXML`.
    ///
    /// - Complexity: O(1) for XML (a bounded prefix); O(n) for JSON (one scan for the key).
    public static func detectFormat(_ bytes: [UInt8]) -> SourceFormat? {
        RootElementSniffer.format(of: bytes)
    }

    /// Whether the input looks like XML or JSON rather than plain text: its first byte that is neither whitespace
    /// nor part of a byte order mark is `<` or `{`. The facade uses it to route a file to this reader.
    public static func looksLikeXMLOrJSON(_ bytes: [UInt8]) -> Bool {
        guard let first = RootElementSniffer.firstSignificantByte(bytes) else { return false }
        return first == UInt8(ascii: "<") || first == UInt8(ascii: "{")
    }
}
