import Foundation
@testable import Schmorl
import SchmorlModel
import Testing

@Suite("Bulk runner: order, back-pressure, nothing lost")
struct BulkRunnerTests {
    // issue 5: output strictly in input order, whatever the number of workers and the cost of each record.
    @Test("outputs come in input order", arguments: [1, 2, 8])
    func orderIsPreserved(jobs: Int) throws {
        let count = 5_000
        let records = (0..<count).map { InputRecord(id: "r\($0)", payload: .text("report \($0)")) }
        let runner = BulkRunner(jobs: jobs, batchSize: 16)
        let (lines, statistics) = try BulkTestSupport.collect(runner, ArrayRecordSource(records)) { record, output in
            // Random cost: up to ~20,000 rounds of busy work, deterministic per record.
            let index = Int(record.id.dropFirst()) ?? 0
            let work = BulkTestSupport.spin(index, scale: 20_000)
            return BulkTestSupport.echo(record, &output).withNodes(work == -1 ? 0 : 1)
        }
        #expect(lines == (0..<count).map { #"{"id":"r\#($0)"}"# })
        #expect(statistics.records == count)
        #expect(statistics.errors == 0)
        #expect(statistics.nodes == count)
        #expect(statistics.jobs == jobs)
        #expect(statistics.inputBytes == records.reduce(0) { $0 + $1.payloadByteCount })
    }

    // issue 5: memory flat whatever the input size. The reader never runs more than the window ahead of the
    // writer: checked from outside the runner, by the source counting what it hands out against what was
    // written, while a slow writer tempts the reader to run ahead.
    @Test("records in flight never exceed the window", arguments: [1, 2, 4])
    func backPressure(jobs: Int) throws {
        let runner = BulkRunner(jobs: jobs, batchSize: 8, windowBatches: 3)
        let window = runner.maximumRecordsInFlight
        let ledger = FlightLedger()
        let source = CountingSource(count: 3_000, ledger: ledger)
        let started = BulkLockedCounter()
        let statistics = try runner.run(
            source: source,
            process: { record, output in
                started.increment()
                _ = BulkTestSupport.spin(Int(record.id.dropFirst()) ?? 0, scale: 3_000)
                return BulkTestSupport.echo(record, &output)
            },
            emit: { bytes in
                ledger.written += bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                if ledger.written % 256 == 0 { usleep(2_000) }
            })
        #expect(statistics.records == 3_000)
        #expect(ledger.worstInFlight <= window, "the reader ran \(ledger.worstInFlight) records ahead")
        #expect(statistics.peakRecordsInFlight <= window)
        // Not vacuous: the reader did fill the window with more than one batch.
        #expect(jobs == 1 || ledger.worstInFlight > runner.batchSize)
        #expect(started.value == 3_000)
    }

    // STYLE.md, Errors: in bulk mode an error becomes an error record: one output per input, always.
    @Test("failed inputs and silent processors become error records in place")
    func failuresBecomeErrorRecords() throws {
        let records = [
            InputRecord(id: "a", payload: .text("fine")),
            .failure(id: "b", SchmorlError(.invalidJSON, "line 2: the line is not JSON")),
            InputRecord(id: "c", payload: .text("silent")),
            InputRecord(id: "d", payload: .text("fine")),
        ]
        for jobs in [1, 2] {
            let (lines, statistics) = try BulkTestSupport.collect(
                BulkRunner(jobs: jobs, batchSize: 2), ArrayRecordSource(records)
            ) { record, output in
                if case .text("silent") = record.payload { return RecordOutcome() }
                return BulkTestSupport.echo(record, &output)
            }
            #expect(lines.count == 4)
            #expect(lines[0] == #"{"id":"a"}"#)
            #expect(lines[1] == #"{"id":"b","error":{"code":"invalid-json","message":"line 2: the line is not JSON"}}"#)
            #expect(BulkTestSupport.errorCode(lines[2]) == "no-output")
            #expect(lines[3] == #"{"id":"d"}"#)
            #expect(statistics.errors == 2)
        }
    }

    @Test("a failing writer stops the run with its error", arguments: [1, 3])
    func emitFailureStops(jobs: Int) {
        let records = (0..<2_000).map { InputRecord(id: "r\($0)", payload: .text("x")) }
        var calls = 0
        #expect(throws: SchmorlError.self) {
            _ = try BulkRunner(jobs: jobs, batchSize: 10).run(
                source: ArrayRecordSource(records), process: BulkTestSupport.echo,
                emit: { (_: [UInt8]) throws(SchmorlError) in
                    calls += 1
                    if calls == 5 { throw SchmorlError(.outputFailed, "pipe closed") }
                })
        }
        #expect(calls == 5)
    }

    @Test("a source that fails mid-way keeps what it read and reports the interruption", arguments: [1, 2])
    func sourceFailureInterrupts(jobs: Int) throws {
        let (lines, statistics) = try BulkTestSupport.collect(
            BulkRunner(jobs: jobs, batchSize: 4), FailingSource(failAfter: 10))
        #expect(lines == (0..<10).map { #"{"id":"r\#($0)"}"# })
        #expect(statistics.records == 10)
        #expect(statistics.interruption?.code == .unreadableInput)
        #expect(statistics.summaryLine.contains("stopped early"))
    }

    @Test("an empty source gives no output and zero counts", arguments: [1, 2])
    func emptySource(jobs: Int) throws {
        let (lines, statistics) = try BulkTestSupport.collect(BulkRunner(jobs: jobs), ArrayRecordSource([]))
        #expect(lines.isEmpty)
        #expect(statistics.records == 0)
        #expect(statistics.interruption == nil)
    }

    @Test("each worker gets its own processor")
    func processorPerWorker() throws {
        let made = BulkLockedCounter()
        let records = (0..<500).map { InputRecord(id: "r\($0)", payload: .text("x")) }
        var output: [UInt8] = []
        let statistics = try BulkRunner(jobs: 3, batchSize: 5).run(
            source: ArrayRecordSource(records),
            makeProcessor: {
                made.increment()
                var seen = 0  // per-worker state, no lock
                return { record, output in
                    seen += 1
                    return BulkTestSupport.echo(record, &output).withNodes(seen > 0 ? 1 : 0)
                }
            },
            emit: { output += $0 })
        #expect(made.value == 3)
        #expect(statistics.nodes == 500)
        #expect(output.filter { $0 == 0x0A }.count == 500)
    }

    @Test("a batch closes early once its payloads reach the byte limit")
    func batchByteLimit() throws {
        let big = String(repeating: "x", count: 1_000)
        let records = (0..<50).map { InputRecord(id: "r\($0)", payload: .text(ReportText(big))) }
        var batches = 0
        _ = try BulkRunner(jobs: 1, batchSize: 64, maximumBatchBytes: 10_000).run(
            source: ArrayRecordSource(records), process: BulkTestSupport.echo, emit: { _ in batches += 1 })
        #expect(batches == 5)
    }
}

extension RecordOutcome {
    func withNodes(_ count: Int) -> RecordOutcome {
        var copy = self
        copy.nodeCount = count
        return copy
    }
}

/// Counts, on the calling thread, records handed out by the source and lines written.
final class FlightLedger {
    var read = 0
    var written = 0
    var worstInFlight = 0
}

/// A source that checks, each time it is asked for a record, how far the reader is ahead of the writer.
struct CountingSource: RecordSource {
    let count: Int
    let ledger: FlightLedger

    mutating func next() -> InputRecord? {
        guard ledger.read < count else { return nil }
        ledger.read += 1
        ledger.worstInFlight = max(ledger.worstInFlight, ledger.read - ledger.written)
        return InputRecord(id: "r\(ledger.read - 1)", payload: .text("report"))
    }
}

/// Gives `failAfter` records, then fails as an unreadable standard input would.
struct FailingSource: RecordSource {
    let failAfter: Int
    var index = 0

    mutating func next() throws(SchmorlError) -> InputRecord? {
        guard index < failAfter else { throw SchmorlError(.unreadableInput, "reading the input failed") }
        defer { index += 1 }
        return InputRecord(id: "r\(index)", payload: .text("report"))
    }
}

/// A counter shared by worker threads (tests only; no global state).
final class BulkLockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func increment() {
        lock.lock()
        count += 1
        lock.unlock()
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}
