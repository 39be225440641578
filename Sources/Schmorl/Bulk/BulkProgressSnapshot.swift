/// Where a run stands after a batch was written: what a progress bar shows.
public struct BulkProgressSnapshot: Sendable, Hashable {
    /// Records written so far.
    public var records: Int
    public var errors: Int
    public var nodes: Int
    public var inputBytes: Int
    public var elapsedSeconds: Double
    /// The source's position when the last written batch was read (slightly ahead of `records` by the
    /// records still in flight).
    public var source: SourceProgress

    public init(
        records: Int, errors: Int, nodes: Int, inputBytes: Int, elapsedSeconds: Double, source: SourceProgress
    ) {
        self.records = records
        self.errors = errors
        self.nodes = nodes
        self.inputBytes = inputBytes
        self.elapsedSeconds = elapsedSeconds
        self.source = source
    }

    public var reportsPerSecond: Double { elapsedSeconds > 0 ? Double(records) / elapsedSeconds : 0 }

    /// Fraction done, from bytes when the source knows its size, else from records when it knows their
    /// number; `nil` when neither is known (a pipe).
    public var fractionDone: Double? {
        if let totalBytes = source.totalBytes, totalBytes > 0 {
            return min(1, Double(source.bytesRead) / Double(totalBytes))
        }
        if let totalRecords = source.totalRecords, totalRecords > 0 {
            return min(1, Double(records) / Double(totalRecords))
        }
        return nil
    }

    /// Seconds left at the rate so far, when the total is known.
    public var estimatedSecondsLeft: Double? {
        guard let fraction = fractionDone, fraction > 0, elapsedSeconds > 0 else { return nil }
        return elapsedSeconds * (1 - fraction) / fraction
    }
}
