public import SchmorlModel

/// A stream of input records for a bulk run, read one at a time so a source never holds a whole input.
///
/// A source is driven by one thread (the runner's calling thread), so it need not be `Sendable`. Bad input is
/// never thrown: it comes back as a record with a ``InputRecord/Payload/failure(_:)`` payload. A source throws
/// only when it cannot go on at all (standard input failed to read), and the run then stops after writing the
/// records read before.
public protocol RecordSource {
    /// The next record, or `nil` at the end of the input.
    mutating func next() throws(SchmorlError) -> InputRecord?

    /// How far the source has read, for a progress bar's rate and ETA.
    var progress: SourceProgress { get }
}

extension RecordSource {
    public var progress: SourceProgress { SourceProgress() }
}

/// How far a source has read, and how much there is when that is known.
///
/// ETA comes from bytes when the source knows its size in bytes (a JSON Lines file), else from records when it
/// knows how many there are (a counted list of files); a pipe knows neither.
public struct SourceProgress: Sendable, Hashable {
    public var bytesRead: Int
    public var totalBytes: Int?
    public var totalRecords: Int?

    public init(bytesRead: Int = 0, totalBytes: Int? = nil, totalRecords: Int? = nil) {
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
        self.totalRecords = totalRecords
    }
}

/// Records held in memory: for tests, benchmarks and callers that already have their reports.
public struct ArrayRecordSource: RecordSource {
    private let records: [InputRecord]
    private var index = 0

    public init(_ records: [InputRecord]) { self.records = records }

    public mutating func next() -> InputRecord? {
        guard index < records.count else { return nil }
        defer { index += 1 }
        return records[index]
    }

    public var progress: SourceProgress { SourceProgress(totalRecords: records.count) }
}
