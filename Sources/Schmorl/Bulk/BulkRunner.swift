import Foundation
public import SchmorlModel

/// Runs every record of a source through a processor on all cores and writes the outputs in input order, with
/// memory bounded by a window of in-flight records whatever the input's size.
///
/// Shape: the calling thread reads the source into batches of ``batchSize`` records and writes finished
/// batches in order; ``jobs`` worker threads process batches. The calling thread stops reading while
/// ``windowBatches`` batches are read but not yet written (back-pressure): a slow writer or one slow record
/// holds the reader back instead of letting finished output pile up. So at most ``maximumRecordsInFlight``
/// records, and about ``windowBatches`` × ``maximumBatchBytes`` of input, are held at once.
///
/// Why the calling thread both reads and writes: the source and the `emit` closure stay on the thread that
/// made them, so neither needs to be `Sendable` (a file handle, a buffered writer); reading and writing are
/// cheap next to extraction, and the writer never waits while a finished batch is ready, because the reader
/// writes whatever is ready after each batch it reads.
///
/// With `jobs == 1` everything runs on the calling thread, no worker thread, no lock: a one-core figure is
/// exactly one core's work.
///
/// Nothing is lost: a record whose input failed (``InputRecord/Payload/failure(_:)``) is written as an error
/// record by the runner, in its place; a record the processor wrote nothing for gets an error record too.
///
/// ```swift
/// let runner = BulkRunner(jobs: 2)
/// let statistics = try runner.run(
///     source: try JSONLinesSource(path: "corpus.jsonl"),
///     process: { record, output in
///         output.append(contentsOf: "{\"id\":\"\(record.id)\"}\n".utf8)
///         return RecordOutcome()
///     },
///     emit: { bytes in try standardOutput.write(bytes) })
/// ```
public struct BulkRunner: Sendable {
    /// Turns one record into its output line(s), appended to the buffer, and says what it found.
    ///
    /// It must append at least one complete line (ending in `\n`) for the record: its output record, or an error
    /// record written with ``ErrorRecordWriter``.
    public typealias RecordProcessor = (InputRecord, inout [UInt8]) -> RecordOutcome

    /// Worker threads.
    public var jobs: Int
    /// Records per batch at most.
    public var batchSize: Int
    /// Batches read but not yet written, at most.
    public var windowBatches: Int
    /// A batch is closed early once its in-memory payloads reach this many bytes, so large reports do not
    /// multiply the window's memory by their size.
    public var maximumBatchBytes: Int

    /// All the processors the system lets this process use.
    public static var defaultJobs: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// - Parameters:
    ///   - jobs: worker threads; 1 runs everything on the calling thread.
    ///   - batchSize: records per batch: large enough that hand-offs cost nothing, small enough that the
    ///     window stays small.
    ///   - windowBatches: defaults to 8 × `jobs`, so every worker has work queued while the writer sleeps until a
    ///     quarter of the window is done (it wakes once per several batches, not at each one).
    ///   - maximumBatchBytes: defaults to 1 MiB.
    public init(jobs: Int = BulkRunner.defaultJobs, batchSize: Int = 64, windowBatches: Int? = nil,
        maximumBatchBytes: Int = 1 << 20)
    {
        precondition(jobs > 0 && batchSize > 0 && maximumBatchBytes > 0, "jobs and batch sizes must be positive")
        self.jobs = jobs
        self.batchSize = batchSize
        self.windowBatches = max(1, windowBatches ?? 8 * jobs)
        self.maximumBatchBytes = maximumBatchBytes
    }

    /// The most records read but not yet written at any time.
    public var maximumRecordsInFlight: Int { windowBatches * batchSize }

    /// Runs with one stateless processor shared by all workers.
    ///
    /// See ``run(source:makeProcessor:emit:progress:)``.
    public func run<Source: RecordSource>(
        source: Source,
        process: @escaping @Sendable (InputRecord, inout [UInt8]) -> RecordOutcome,
        emit: ([UInt8]) throws(SchmorlError) -> Void,
        progress: (BulkProgressSnapshot) -> Void = { _ in }
    ) throws(SchmorlError) -> BulkStatistics {
        try run(source: source, makeProcessor: { process }, emit: emit, progress: progress)
    }

    /// Reads `source` to its end, processes every record and passes the outputs to `emit` in input order.
    ///
    /// - Parameters:
    ///   - makeProcessor: called once on each worker thread, so each worker can keep its own buffers (a JSON
    ///     writer, the engine's scratch arrays) from record to record without locks.
    ///   - emit: receives each batch's output, consecutive JSON lines, on the calling thread, in input order.
    ///   - progress: called on the calling thread after each batch is written.
    /// - Returns: the run's counts. When the source failed and could not go on (standard input unreadable),
    ///   the records read before were written and ``BulkStatistics/interruption`` holds the error: check it.
    /// - Throws: the first error `emit` throws; the run stops at once (the output is broken).
    public func run<Source: RecordSource>(
        source: Source,
        makeProcessor: @escaping @Sendable () -> RecordProcessor,
        emit: ([UInt8]) throws(SchmorlError) -> Void,
        progress: (BulkProgressSnapshot) -> Void = { _ in }
    ) throws(SchmorlError) -> BulkStatistics {
        var run = Run(runner: self, source: source)
        if jobs == 1 {
            try run.runInline(processor: makeProcessor(), emit: emit, progress: progress)
        } else {
            try run.runParallel(makeProcessor: makeProcessor, emit: emit, progress: progress)
        }
        return run.finish()
    }

    /// The state of one run, on the calling thread.
    private struct Run<Source: RecordSource> {
        let runner: BulkRunner
        var source: Source
        var statistics = BulkStatistics()
        var sourceFinished = false
        var nextSequence = 0
        var recordsInFlight = 0
        let clock = ContinuousClock()
        let start: ContinuousClock.Instant

        init(runner: BulkRunner, source: Source) {
            self.runner = runner
            self.source = source
            self.start = clock.now
            statistics.jobs = runner.jobs
        }

        /// Reads up to one batch. A source error ends the input: the records read before it still form a batch,
        /// and the error is kept as the run's interruption.
        mutating func readBatch() -> BulkBatch? {
            guard !sourceFinished else { return nil }
            var records: [InputRecord] = []
            records.reserveCapacity(runner.batchSize)
            var bytes = 0
            do {
                while records.count < runner.batchSize && bytes < runner.maximumBatchBytes {
                    guard let record = try source.next() else {
                        sourceFinished = true
                        break
                    }
                    bytes += record.payloadByteCount
                    records.append(record)
                }
            } catch {
                sourceFinished = true
                statistics.interruption = error
            }
            guard !records.isEmpty else { return nil }
            defer { nextSequence += 1 }
            recordsInFlight += records.count
            statistics.peakRecordsInFlight = max(statistics.peakRecordsInFlight, recordsInFlight)
            return BulkBatch(sequence: nextSequence, records: records, sourceProgress: source.progress)
        }

        mutating func write(
            _ batch: BulkBatch, emit: ([UInt8]) throws(SchmorlError) -> Void,
            progress: (BulkProgressSnapshot) -> Void
        ) throws(SchmorlError) {
            try emit(batch.output)
            recordsInFlight -= batch.recordCount
            statistics.records += batch.recordCount
            statistics.errors += batch.errors
            statistics.nodes += batch.nodes
            statistics.inputBytes += batch.inputBytes
            statistics.outputBytes += batch.output.count
            progress(
                BulkProgressSnapshot(
                    records: statistics.records, errors: statistics.errors, nodes: statistics.nodes,
                    inputBytes: statistics.inputBytes, elapsedSeconds: elapsedSeconds,
                    source: batch.sourceProgress))
        }

        var elapsedSeconds: Double {
            let elapsed = clock.now - start
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        }

        mutating func finish() -> BulkStatistics {
            statistics.seconds = elapsedSeconds
            return statistics
        }

        mutating func runInline(
            processor: RecordProcessor, emit: ([UInt8]) throws(SchmorlError) -> Void,
            progress: (BulkProgressSnapshot) -> Void
        ) throws(SchmorlError) {
            var hint = 1024
            // One output buffer, emptied and refilled batch after batch, as the parallel run recycles its buffers.
            var spare: [UInt8] = []
            while var batch = readBatch() {
                swap(&batch.output, &spare)
                batch.process(with: processor, bytesPerRecordHint: hint)
                hint = max(64, batch.output.count / max(1, batch.recordCount))
                try write(batch, emit: emit, progress: progress)
                swap(&batch.output, &spare)
                spare.removeAll(keepingCapacity: spare.capacity <= 4 * runner.maximumBatchBytes)
            }
        }

        mutating func runParallel(
            makeProcessor: @escaping @Sendable () -> RecordProcessor,
            emit: ([UInt8]) throws(SchmorlError) -> Void,
            progress: (BulkProgressSnapshot) -> Void
        ) throws(SchmorlError) {
            let queue = BulkWorkQueue(windowBatches: runner.windowBatches)
            let spareOutputLimit = 4 * runner.maximumBatchBytes
            let gatherBatches = max(1, runner.windowBatches / 4)
            let workers = DispatchGroup()
            for index in 0..<runner.jobs {
                workers.enter()
                let thread = Thread {
                    defer { workers.leave() }
                    let processor = makeProcessor()
                    var hint = 1024
                    while var batch = queue.takeWork() {
                        batch.process(with: processor, bytesPerRecordHint: hint)
                        hint = max(64, batch.output.count / max(1, batch.recordCount))
                        queue.complete(batch)
                    }
                }
                thread.name = "schmorl-worker-\(index + 1)"
                // The engine's worst-case recursion is small, but a worker should not have less stack than
                // the main thread.
                thread.stackSize = 8 << 20
                thread.start()
            }
            var nextToWrite = 0
            do {
                while true {
                    while nextSequence - nextToWrite < runner.windowBatches, let batch = readBatch() {
                        queue.submit(batch)
                        // Write what is ready without waiting, so output flows while input is read.
                        while var done = queue.takeCompleted(sequence: nextToWrite, waiting: false) {
                            try write(done, emit: emit, progress: progress)
                            queue.recycle(&done.output, limit: spareOutputLimit)
                            nextToWrite += 1
                        }
                    }
                    guard nextToWrite < nextSequence else { break }
                    // The window is full (or the input read): sleep until a quarter of the window is done, not just
                    // the oldest batch, so this thread wakes once per several batches instead of taking a core from
                    // a worker at each one; the rest of the window keeps the workers busy meanwhile.
                    let target = min(nextToWrite + gatherBatches, nextSequence) - 1
                    queue.waitUntilCompleted(target)
                    // Every batch up to `target` (done in order, nearly always), then whatever else is ready.
                    while nextToWrite < nextSequence,
                        var done = queue.takeCompleted(sequence: nextToWrite, waiting: nextToWrite <= target)
                    {
                        try write(done, emit: emit, progress: progress)
                        queue.recycle(&done.output, limit: spareOutputLimit)
                        nextToWrite += 1
                    }
                }
            } catch {
                queue.close(discardingPending: true)
                workers.wait()
                throw error
            }
            queue.close()
            workers.wait()
        }
    }
}
