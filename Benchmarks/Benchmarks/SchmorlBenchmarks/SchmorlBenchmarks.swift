import Benchmark
import Foundation
import Schmorl
import SchmorlModel

// Schmorl's benchmarks (issue 5). Run from Benchmarks/: `swift package benchmark`; one benchmark:
// `swift package benchmark --filter "End to end"`. Every benchmark reads a corpus loaded before measuring.
//
// One benchmark per stage of DESIGN.md plus end to end, so the per-stage profile falls out of one run. A stage
// is added with one `reportBenchmark` line below, once the engine exposes the stage's entry point.
let benchmarks: @Sendable () -> Void = {
    let corpus = BenchmarkCorpus.load()
    let pipeline = Pipeline()

    // MARK: End to end: one report through the whole pipeline (read, extract, classify).
    reportBenchmark("End to end: Pipeline.extract", corpus) { pipeline.extract($0) }

    // MARK: Stages (sectioning, sentences, matching, context, classification, JSON, XML).
    // Each is one line once its hook exists. A stage on the report text:
    //   reportBenchmark("Stage: sectioning", corpus) { SectionFinder.sections(in: $0.text) }
    // A stage on an earlier stage's output (made in setup, not measured):
    //   preparedReportBenchmark("Stage: classification", corpus, prepare: { nodes(of: $0) }) { classify($0) }
    var fullWriter = JSONWriter()
    preparedReportBenchmark("Stage: JSON encoding, full output", corpus, prepare: pipeline.extract) { extraction in
        fullWriter.reset()
        fullWriter.write(extraction: extraction)
        fullWriter.newlineAfterRecord()
        return fullWriter.bytes.count
    }
    var summaryWriter = JSONWriter()
    preparedReportBenchmark("Stage: JSON encoding, summary output", corpus, prepare: { pipeline.extract($0).summary }) {
        summary in
        summaryWriter.reset()
        summaryWriter.write(summary: summary)
        summaryWriter.newlineAfterRecord()
        return summaryWriter.bytes.count
    }

    // MARK: Bulk infrastructure.
    reportBenchmark("Bulk: JSON string escaping of report text", corpus) { report in
        var buffer: [UInt8] = []
        buffer.reserveCapacity(report.text.utf8.count + 64)
        JSONStringEscaper.append(report.text, to: &buffer)
        return buffer.count
    }
    jsonLinesReadingBenchmark(corpus)
    for jobs in [1, 2] {
        bulkBenchmark("Bulk: runner overhead, echo processor, \(jobs) job(s)", corpus, jobs: jobs) {
            { record, output in
                output.append(contentsOf: #"{"id":"#.utf8)
                JSONStringEscaper.append(record.id, to: &output)
                output.append(contentsOf: "}\n".utf8)
                return RecordOutcome()
            }
        }
    }
}

/// JSON Lines input: line splitting, the byte-level JSON reader and record building, 1,000 records an
/// iteration, from the corpus file (in the page cache after the first pass).
func jsonLinesReadingBenchmark(_ corpus: BenchmarkCorpus) {
    var source: JSONLinesSource? = nil
    Benchmark("Bulk: JSON Lines reading", configuration: ReportMetrics.configuration) { benchmark in
        var bytes = 0
        let start = ContinuousClock.now
        for _ in benchmark.scaledIterations {
            var record = try? source?.next()
            if record == nil {
                source = try? JSONLinesSource(path: corpus.path)
                record = try? source?.next()
            }
            bytes += record?.payloadByteCount ?? 0
            blackHole(record)
        }
        benchmark.measurement(ReportMetrics.inputKilobytesPerSecond, kilobytesPerSecond(bytes, since: start))
    }
}
