public import SchmorlModel

/// One unit of work of a bulk run: a report to read, named by the id its output will carry.
///
/// Sources never stop a run over bad input: a line that is not JSON, a record without an id, text that is not
/// UTF-8 or is empty, all become a record whose payload is ``Payload/failure(_:)``, which the runner turns into
/// an error record in its place in the output (issue 5: one output per input, always).
public struct InputRecord: Sendable, Hashable {
    /// What the worker is given to read.
    public enum Payload: Sendable, Hashable {
        /// A free-text report, already checked to be valid, non-blank UTF-8, held as its bytes (the engine's input).
        case text(ReportText)
        /// A report wrapped in XML or JSON (CDA, FHIR, DICOM SR, ...), held in memory; the pipeline detects the
        /// format. From a JSON Lines `xml` field the text is Unicode (JSON is UTF-8), whatever its XML
        /// declaration says.
        case structured(String)
        /// A file for the worker to read, so reading happens in parallel and the producer never holds a whole
        /// file; the pipeline detects its format.
        case file(path: String)
        /// The input could not be turned into a report; the runner writes this error as the record's output.
        case failure(SchmorlError)
    }

    /// The id the output record carries: the JSON Lines `id`, the file name without extension, or `line-N`
    /// when a broken line has none.
    public var id: String
    public var payload: Payload
    /// The 1-based line of a JSON Lines input this record came from, for messages; `nil` for files.
    public var line: Int?

    public init(id: String, payload: Payload, line: Int? = nil) {
        self.id = id
        self.payload = payload
        self.line = line
    }

    /// A record that will produce an error record.
    public static func failure(id: String, _ error: SchmorlError, line: Int? = nil) -> InputRecord {
        var error = error
        if error.record == nil { error.record = id }
        return InputRecord(id: id, payload: .failure(error), line: line)
    }

    /// The payload's size in bytes when it is held in memory (0 for files, which the worker reads).
    ///
    /// Feeds the MB/s figure of ``BulkStatistics``.
    /// - Complexity: O(1) for native strings.
    public var payloadByteCount: Int {
        switch payload {
        case .text(let text): text.utf8.count
        case .structured(let text): text.utf8.count
        case .file, .failure: 0
        }
    }
}
