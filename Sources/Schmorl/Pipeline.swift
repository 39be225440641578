public import SchmorlModel
import SchmorlClassify
public import SchmorlText
import SchmorlXML

/// Options for a pipeline run.
public struct PipelineOptions: Sendable, Hashable {
    /// Largest input accepted for one report, in bytes.
    public var maximumReportBytes: Int = 64 << 20
    public init() {}
}

/// Runs the whole pipeline on one report: read, extract, classify.
///
/// A value type with no shared mutable state: one pipeline can serve every task of a bulk run.
public struct Pipeline: Sendable {
    public var options: PipelineOptions
    private let engine = TextEngine()
    private let classifier = NodeClassifier()

    public init(options: PipelineOptions = PipelineOptions()) {
        self.options = options
    }

    /// Extracts and classifies every node of one report.
    /// - Parameter workspace: the calling worker's reusable engine arrays (one per thread, never shared).
    public func extract(_ document: ReportDocument, workspace: TextEngine.Workspace? = nil) -> Extraction {
        classify(engine.extract(document, workspace: workspace), id: document.id, sourceFormat: document.sourceFormat)
    }

    /// Extracts and classifies every node of one free-text report held as bytes, as a bulk record carries it;
    /// the same result as ``extract(_:)`` of a text document with that id and text.
    /// - Parameter workspace: the calling worker's reusable engine arrays (one per thread, never shared).
    public func extract(id: String, text: ReportText, workspace: TextEngine.Workspace? = nil) -> Extraction {
        classify(engine.extract(utf8: text.utf8, workspace: workspace), id: id, sourceFormat: .text)
    }

    /// Pairs each node with its classification.
    ///
    /// The findings are moved into their classified nodes, not copied: a copy retained every string and array of
    /// a finding (some two dozen) only for the extraction to release them all again a moment later.
    private func classify(_ text: consuming TextExtraction, id: String, sourceFormat: SourceFormat) -> Extraction {
        var text = text
        var findings: [NodeFinding] = []
        swap(&findings, &text.nodes)
        var nodes: [ClassifiedNode] = []
        nodes.reserveCapacity(findings.count)
        // Taken from the end (`popLast` moves a finding out of its array), then put back in order.
        while let finding = findings.popLast() {
            let classification = classifier.classify(finding)
            nodes.append(ClassifiedNode(finding: finding, classification: classification))
        }
        nodes.reverse()
        return Extraction(
            id: id, sourceFormat: sourceFormat, sections: text.sections, nodes: nodes,
            differentials: text.differentials, notes: text.notes)
    }

    /// Reads a file (text or any supported XML/JSON wrapper, detected unless `format` is given) and extracts
    /// every report it holds (a FHIR Bundle holds several).
    public func extract(fileAt path: String, id: String? = nil, format: SourceFormat? = nil) throws(SchmorlError)
        -> [Extraction]
    {
        let recordID = id ?? Self.recordID(forPath: path)
        let bytes = try FileReader.read(path: path, limit: options.maximumReportBytes, record: recordID)
        return try extract(bytes: bytes, id: recordID, format: format)
    }

    /// Extracts every report held in `bytes`: plain text, or an XML / FHIR JSON wrapper.
    /// - Parameter workspace: as in ``extract(id:text:workspace:)``.
    public func extract(bytes: [UInt8], id: String, format: SourceFormat? = nil, workspace: TextEngine.Workspace? = nil)
        throws(SchmorlError) -> [Extraction]
    {
        try documents(bytes: bytes, id: id, format: format).map { extract($0, workspace: workspace) }
    }

    /// `bytes` as a free-text report when ``documents(bytes:id:format:)`` would read them as one (no `format` or
    /// `.text`, and content that does not start like markup), checked as it checks them, with its errors; `nil`
    /// when they are markup.
    ///
    /// Why: a directory of text reports then takes the bulk path of a JSON Lines record (the bytes straight into
    /// the engine with the worker's workspace) instead of a `String` validated and copied, copied back into bytes,
    /// and the engine's arrays allocated afresh for every file.
    public func plainText(bytes: [UInt8], id: String, format: SourceFormat? = nil) throws(SchmorlError) -> ReportText? {
        guard bytes.count <= options.maximumReportBytes else { return nil }  // documents(...) gives the error
        if let format, format != .text { return nil }
        if format == nil, XMLReportReader.looksLikeXMLOrJSON(bytes) { return nil }
        try Self.checkPlainText(bytes, id: id)
        return ReportText(validatedUTF8: bytes)
    }

    /// Whether `bytes` are UTF-8 by the rules `String(validating:)` applies (the standard library's own validator,
    /// without the string it would make).
    private static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        do {
            _ = try UTF8Span(validating: bytes.span)
            return true
        } catch {
            return false
        }
    }

    /// The report documents held in `bytes`.
    public func documents(bytes: [UInt8], id: String, format: SourceFormat? = nil) throws(SchmorlError)
        -> [ReportDocument]
    {
        guard bytes.count <= options.maximumReportBytes else {
            throw SchmorlError(
                .inputTooLarge, "the report is \(bytes.count) bytes, over the limit of \(options.maximumReportBytes)",
                record: id)
        }
        // XML or FHIR JSON when asked, or when the content starts like markup (after a BOM and white space).
        if let format, format != .text {
            return try XMLReportReader(limits: xmlLimits).read(bytes: bytes, id: id, format: format)
        }
        if format == nil, XMLReportReader.looksLikeXMLOrJSON(bytes) {
            return try XMLReportReader(limits: xmlLimits).read(
                bytes: bytes, id: id, format: XMLReportReader.detectFormat(bytes))
        }
        return [try Self.textDocument(bytes: bytes, id: id)]
    }

    private var xmlLimits: XMLLimits {
        var limits = XMLLimits()
        limits.maximumInputBytes = options.maximumReportBytes
        return limits
    }

    /// A plain-text report: UTF-8 checked, CRLF kept as it is (offsets stay true to the input).
    public static func textDocument(bytes: [UInt8], id: String) throws(SchmorlError) -> ReportDocument {
        try checkPlainText(bytes, id: id)
        return ReportDocument(id: id, sourceFormat: .text, text: String(decoding: bytes, as: UTF8.self))
    }

    /// The checks every free-text report passes, in this order, with these errors: valid UTF-8, not blank.
    private static func checkPlainText(_ bytes: [UInt8], id: String) throws(SchmorlError) {
        guard isValidUTF8(bytes) else {
            throw SchmorlError(.invalidUTF8, "the report is not valid UTF-8; convert it to UTF-8 first", record: id)
        }
        guard bytes.contains(where: { $0 > 0x20 }) else {
            throw SchmorlError(.emptyReport, "the report is empty", record: id)
        }
    }

    /// The assertion engine on its own: present / absent / possible for `target` in `text`.
    public func assert(text: String, target: TextSpan) -> AssertionResult {
        AssertionEngine().assert(text: text, target: target)
    }

    /// The record id of a file: its name without the extension.
    public static func recordID(forPath path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { return String(name[..<dot]) }
        return name
    }
}
