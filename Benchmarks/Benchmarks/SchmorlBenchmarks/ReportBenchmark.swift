import Benchmark
import Foundation
import Schmorl
import SchmorlModel

/// What every per-report benchmark records. With `scalingFactor: .kilo` one scaled iteration is one report, so
/// `throughput` reads as reports/s and `mallocCountTotal` as mallocs per report, straight from the table.
enum ReportMetrics {
    /// Input MB/s ×1000 (kB/s): the harness records integers. Wall-clock: report it as a ratio, never gate on it.
    static let inputKilobytesPerSecond = BenchmarkMetric.custom(
        "input kB/s", polarity: .prefersLarger, useScalingFactor: false)

    static let all: [BenchmarkMetric] = [
        .throughput, .wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident, inputKilobytesPerSecond,
    ]

    /// The tolerance of `swift package benchmark thresholds check` against the p90 values in `Thresholds/`: only
    /// mallocs are recorded there (`thresholds update --metric mallocCountTotal`), as they are the same on a busy
    /// machine; wall-clock and CPU time are not (STYLE.md, Benchmarks), and the instruction counter is not
    /// available on these virtual machines (perf_event_open fails). Recorded values are per iteration (1,000
    /// reports), so 500 is half a malloc per report: one more allocation per report fails the check, while the
    /// few allocations of the harness and of the bulk runner's threads that vary between runs do not.
    static let mallocTolerancePerIteration = 500

    /// Computed: the harness's configuration type is not `Sendable`, so it cannot be a stored static.
    static var configuration: Benchmark.Configuration {
        Benchmark.Configuration(
            metrics: all, warmupIterations: 2, scalingFactor: .kilo, maxDuration: .seconds(3), maxIterations: 30,
            thresholds: [.mallocCountTotal: BenchmarkThresholds(absolute: [.p90: mallocTolerancePerIteration])])
    }
}

/// Registers a benchmark that runs `body` once per report of the corpus, cycling through it, 1,000 reports per
/// iteration.
///
/// This is the one function a stage benchmark needs: give it a name and the stage's call on one report, e.g.
/// `reportBenchmark("Stage: sentences", corpus) { SentenceSplitter().split($0.text) }`. The result goes to
/// `blackHole` so the optimiser cannot drop the work; the report's text bytes feed the kB/s metric.
func reportBenchmark<Result>(
    _ name: String, _ corpus: BenchmarkCorpus, configuration: Benchmark.Configuration = ReportMetrics.configuration,
    _ body: @escaping (ReportDocument) -> Result
) {
    var next = 0
    Benchmark(name, configuration: configuration) { benchmark in
        var bytes = 0
        let start = ContinuousClock.now
        for _ in benchmark.scaledIterations {
            let report = corpus.reports[next]
            next = next + 1 == corpus.reports.count ? 0 : next + 1
            bytes += report.text.utf8.count
            blackHole(body(report))
        }
        benchmark.measurement(ReportMetrics.inputKilobytesPerSecond, kilobytesPerSecond(bytes, since: start))
    }
}

/// Registers a benchmark of a stage that reads an earlier stage's output: `prepare` turns every report into the
/// stage's input once, in the benchmark's setup (so a benchmark left out by `--filter` costs nothing), and only
/// `body` is measured, once per report, 1,000 reports per iteration.
///
/// E.g. `preparedReportBenchmark("Stage: classification", corpus, prepare: { extractNodes($0) }) { classify($0) }`.
func preparedReportBenchmark<Input, Result>(
    _ name: String, _ corpus: BenchmarkCorpus, prepare: @escaping (ReportDocument) -> Input,
    _ body: @escaping (Input) -> Result
) {
    let prepared = PreparedInputs<Input>()
    var next = 0
    var configuration = ReportMetrics.configuration
    configuration.setup = { prepared.inputs = corpus.reports.map(prepare) }
    configuration.teardown = { prepared.inputs = [] }
    Benchmark(name, configuration: configuration) { benchmark in
        var bytes = 0
        let start = ContinuousClock.now
        for _ in benchmark.scaledIterations {
            bytes += corpus.reports[next].text.utf8.count
            blackHole(body(prepared.inputs[next]))
            next = next + 1 == corpus.reports.count ? 0 : next + 1
        }
        benchmark.measurement(ReportMetrics.inputKilobytesPerSecond, kilobytesPerSecond(bytes, since: start))
    }
}

/// Inputs made in a benchmark's setup, read by its body (one thread: the harness runs them in turn).
final class PreparedInputs<Input> {
    var inputs: [Input] = []
}

/// Registers a benchmark that runs `body` once per XML document of `corpus`, cycling through it, 1,000 documents
/// per iteration: one scaled iteration is one document, which holds one report in the generated CDA and FHIR
/// corpora, so the table reads as reports/s and mallocs per report as for `reportBenchmark`.
///
/// The kB/s metric counts XML bytes (markup included), the reader's input, not the narrative text it yields.
func xmlDocumentBenchmark<Result>(
    _ name: String, _ corpus: XMLBenchmarkCorpus, _ body: @escaping (XMLBenchmarkCorpus.Document) -> Result
) {
    var next = 0
    Benchmark(name, configuration: ReportMetrics.configuration) { benchmark in
        var bytes = 0
        let start = ContinuousClock.now
        for _ in benchmark.scaledIterations {
            let document = corpus.documents[next]
            next = next + 1 == corpus.documents.count ? 0 : next + 1
            bytes += document.bytes.count
            blackHole(body(document))
        }
        benchmark.measurement(ReportMetrics.inputKilobytesPerSecond, kilobytesPerSecond(bytes, since: start))
    }
}

/// Registers a benchmark of a whole bulk run over 1,000 in-memory records per iteration: reading them, the
/// runner's hand-offs, `process` on `jobs` workers, ordered output into a discarded buffer.
///
/// `makeProcessor` is what the CLI gives ``BulkRunner``, so the same line measures the product's bulk path
/// once it is wired: `bulkBenchmark("Bulk: pipeline, 2 jobs", corpus, jobs: 2) { makeExtractProcessor() }`.
func bulkBenchmark(
    _ name: String, _ corpus: BenchmarkCorpus, jobs: Int,
    makeProcessor: @escaping @Sendable () -> BulkRunner.RecordProcessor
) {
    var next = 0
    let runner = BulkRunner(jobs: jobs)
    Benchmark(name, configuration: ReportMetrics.configuration) { benchmark in
        let count = benchmark.scaledIterations.count
        var records: [InputRecord] = []
        records.reserveCapacity(count)
        for _ in 0..<count {
            records.append(corpus.records[next])
            next = next + 1 == corpus.records.count ? 0 : next + 1
        }
        var written = 0
        let start = ContinuousClock.now
        benchmark.startMeasurement()
        let statistics = try? runner.run(
            source: ArrayRecordSource(records), makeProcessor: makeProcessor, emit: { written += $0.count })
        benchmark.stopMeasurement()
        blackHole(written)
        benchmark.measurement(
            ReportMetrics.inputKilobytesPerSecond, kilobytesPerSecond(statistics?.inputBytes ?? 0, since: start))
    }
}

func kilobytesPerSecond(_ bytes: Int, since start: ContinuousClock.Instant) -> Int {
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    return seconds > 0 ? Int(Double(bytes) / 1e3 / seconds) : 0
}
