public import SchmorlModel

/// Counts and timing of a bulk run, for the summary on standard error and for benchmarks.
public struct BulkStatistics: Sendable, Hashable {
    /// Input records read, and output records written: always the same number (one output per input).
    public var records = 0
    /// Records whose output is an error record.
    public var errors = 0
    /// Nodes found over all records.
    public var nodes = 0
    /// Bytes of report input: in-memory payloads, plus file sizes the processor reported.
    public var inputBytes = 0
    /// Bytes written.
    public var outputBytes = 0
    /// Wall-clock seconds from the first read to the last write.
    public var seconds = 0.0
    /// Worker threads used (1: the calling thread did everything).
    public var jobs = 1
    /// The most records read but not yet written at any moment: never above the runner's window
    /// (``BulkRunner/maximumRecordsInFlight``); the back-pressure invariant, observed.
    public var peakRecordsInFlight = 0
    /// Set when the source failed and could not go on (standard input unreadable): the records read before it
    /// were processed and written, the rest of the input was not. A caller must report it and exit non-zero.
    public var interruption: SchmorlError?

    public init() {}

    public var reportsPerSecond: Double { seconds > 0 ? Double(records) / seconds : 0 }
    public var megabytesPerSecond: Double { seconds > 0 ? Double(inputBytes) / 1e6 / seconds : 0 }

    /// One line for standard error, e.g.
    /// `schmorl: 20000 records, 3120 nodes, 12 errors, 0.65 s, 30769 reports/s, 56.2 MB/s`.
    public var summaryLine: String {
        "schmorl: \(records) records, \(nodes) nodes, \(errors) errors, \(Self.format(seconds, decimals: 2)) s, "
            + "\(Self.format(reportsPerSecond, decimals: 0)) reports/s, \(Self.format(megabytesPerSecond, decimals: 1)) MB/s"
            + (interruption.map { "; stopped early: \($0)" } ?? "")
    }

    /// Fixed-point rendering without Foundation's locale-dependent formatting.
    static func format(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "0" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((value * scale).rounded())
        guard decimals > 0 else { return String(scaled) }
        let whole = scaled / Int(scale)
        var fraction = String(abs(scaled % Int(scale)))
        while fraction.count < decimals { fraction = "0" + fraction }
        return "\(scaled < 0 && whole == 0 ? "-" : "")\(whole).\(fraction)"
    }
}
