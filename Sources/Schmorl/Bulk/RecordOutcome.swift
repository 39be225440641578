/// What a processor tells the runner about one record it wrote, for the run's statistics.
///
/// The output bytes themselves go straight into the batch's buffer (``BulkRunner/RecordProcessor``), so a
/// record costs no array of its own; this value only carries the counts.
public struct RecordOutcome: Sendable, Hashable {
    /// Nodes found in the record (for the summary's "nodes found").
    public var nodeCount: Int
    /// Whether the output written is an error record.
    public var isError: Bool
    /// Bytes of input read for the record when the runner cannot know them (a file the processor read);
    /// `nil` lets the runner count the in-memory payload.
    public var inputBytes: Int?

    public init(nodeCount: Int = 0, isError: Bool = false, inputBytes: Int? = nil) {
        self.nodeCount = nodeCount
        self.isError = isError
        self.inputBytes = inputBytes
    }

    /// A record whose output is an error record.
    public static let failure = RecordOutcome(isError: true)
}
