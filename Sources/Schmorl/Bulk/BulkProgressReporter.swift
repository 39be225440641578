#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A one-line progress bar on standard error while a bulk run goes, and the summary line at its end.
///
/// The bar is drawn only when standard error is a terminal, so logs and CI output never hold carriage
/// returns; it is redrawn at most ten times a second, so drawing costs nothing next to the run. Standard output
/// is never touched: it carries the JSON Lines.
///
/// ```swift
/// var reporter = BulkProgressReporter(quiet: options.quiet)
/// let statistics = try runner.run(..., progress: { reporter.update($0) })
/// reporter.finish(statistics)
/// ```
public struct BulkProgressReporter {
    /// Whether the bar is drawn (not quiet, and standard error is a terminal).
    public let drawsBar: Bool
    /// Whether ``finish(_:)`` prints the summary line (not quiet).
    public let printsSummary: Bool
    private let minimumInterval: Double
    private var lastDrawn = -Double.infinity
    private var barVisible = false
    private let write: (String) -> Void

    /// - Parameters:
    ///   - quiet: no bar and no summary (`--quiet`).
    ///   - isTerminal: whether standard error is a terminal; `nil` asks `isatty(2)`.
    public init(quiet: Bool = false, isTerminal: Bool? = nil) {
        self.init(
            quiet: quiet, isTerminal: isTerminal ?? (isatty(2) != 0), minimumInterval: 0.1,
            write: Self.writeToStandardError)
    }

    /// For tests: captures what would be written.
    init(quiet: Bool, isTerminal: Bool, minimumInterval: Double, write: @escaping (String) -> Void) {
        self.drawsBar = !quiet && isTerminal
        self.printsSummary = !quiet
        self.minimumInterval = minimumInterval
        self.write = write
    }

    /// Redraws the bar if due.
    public mutating func update(_ snapshot: BulkProgressSnapshot) {
        guard drawsBar, snapshot.elapsedSeconds - lastDrawn >= minimumInterval else { return }
        lastDrawn = snapshot.elapsedSeconds
        barVisible = true
        write("\r" + Self.render(snapshot) + "\u{1B}[K")
    }

    /// Clears the bar and prints the summary line.
    public mutating func finish(_ statistics: BulkStatistics) {
        if barVisible {
            write("\r\u{1B}[K")
            barVisible = false
        }
        if printsSummary { write(statistics.summaryLine + "\n") }
    }

    /// The bar's text, e.g. `[#########...........]  45%  9000 records  30125/s  2 errors  ETA 0:03`, or
    /// without bar, percentage and ETA when the total is unknown.
    static func render(_ snapshot: BulkProgressSnapshot, width: Int = 24) -> String {
        var parts: [String] = []
        if let fraction = snapshot.fractionDone {
            let filled = Int((fraction * Double(width)).rounded(.down))
            parts.append(
                "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
                    + pad(String(Int((fraction * 100).rounded(.down))), to: 3) + "%")
        }
        parts.append("\(snapshot.records) records")
        parts.append("\(Int(snapshot.reportsPerSecond.rounded()))/s")
        if snapshot.errors > 0 { parts.append("\(snapshot.errors) error\(snapshot.errors == 1 ? "" : "s")") }
        if let left = snapshot.estimatedSecondsLeft { parts.append("ETA " + duration(left)) }
        return parts.joined(separator: "  ")
    }

    /// `m:ss`, or `h:mm:ss` past an hour.
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        let hours = total / 3600
        let minutes = (total % 3600) / 60
        let secs = total % 60
        let twoDigits = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(twoDigits(minutes)):\(twoDigits(secs))" : "\(minutes):\(twoDigits(secs))"
    }

    private static func pad(_ text: String, to width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    /// Progress is best effort: a failed write to standard error must not stop the run.
    private static func writeToStandardError(_ text: String) {
        try? FileDescriptorOutput(descriptor: 2).write(Array(text.utf8))
    }
}
