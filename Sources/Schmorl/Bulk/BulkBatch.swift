import SchmorlModel

/// A run of consecutive records that travels as one unit from the reader to a worker and on to the writer.
///
/// Batching makes the hand-offs (lock, wake-up) and the writes cost once per batch, not per record; a batch's
/// output is one contiguous buffer of JSON lines, written with one call.
struct BulkBatch: Sendable {
    /// Position in the input: the writer emits batches in this order.
    var sequence: Int
    /// Dropped once processed, so a batch waiting for its turn to be written holds only its output.
    var records: [InputRecord]
    var recordCount: Int
    var output: [UInt8] = []
    var errors = 0
    var nodes = 0
    var inputBytes = 0
    /// The source's position after this batch was read.
    var sourceProgress: SourceProgress

    init(sequence: Int, records: [InputRecord], sourceProgress: SourceProgress) {
        self.sequence = sequence
        self.records = records
        self.recordCount = records.count
        self.sourceProgress = sourceProgress
    }

    /// Room beyond the expected output for the upper bound a writer reserves for one record.
    static let recordReservationRoom = 32 * 1024

    /// Runs every record through `processor` into `output`, or writes its error record when its input failed.
    ///
    /// Keeps the run's invariant, one output line per input record: a record whose processor wrote nothing
    /// gets an error record instead.
    mutating func process(with processor: BulkRunner.RecordProcessor, bytesPerRecordHint: Int) {
        // A quarter more than the last batch's average: records vary, and growing the buffer past its reservation
        // copies the whole batch written so far.
        // Plus room for one record's reservation, which is an upper bound several times its length (see
        // CompactExtractionWriter.byteBound(of:)): without it, the last records of a batch grow the buffer.
        let expected = recordCount * bytesPerRecordHint
        output.reserveCapacity(expected + expected / 4 + Self.recordReservationRoom)
        for record in records {
            let before = output.count
            switch record.payload {
            case .failure(let error):
                ErrorRecordWriter.append(id: record.id, error: error, to: &output)
                errors += 1
            case .text, .structured, .file:
                let outcome = processor(record, &output)
                if output.count == before {
                    ErrorRecordWriter.append(
                        id: record.id,
                        error: SchmorlError(
                            .noOutput, "the processor wrote no output for this record (a bug: please report it)",
                            record: record.id),
                        to: &output)
                    errors += 1
                } else if outcome.isError {
                    errors += 1
                }
                nodes += outcome.nodeCount
                inputBytes += outcome.inputBytes ?? record.payloadByteCount
            }
        }
        records = []
    }
}
