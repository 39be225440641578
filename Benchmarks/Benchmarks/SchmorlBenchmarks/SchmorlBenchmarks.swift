import Benchmark
import Foundation
@_spi(Stages) import Schmorl
import SchmorlModel

// Schmorl's benchmarks (issue 5). Run from Benchmarks/: `swift package benchmark`; some of them:
// `swift package benchmark --filter "End to end.*"` (a regular expression matched against the whole name).
// Every benchmark reads a corpus loaded before measuring. Thresholds (mallocs only): `./thresholds.sh check`.
//
// One benchmark per pipeline stage plus end to end, so the per-stage profile falls out of one run. The stage
// benchmarks are cumulative: a stage's own cost is its time per report minus the previous stage's.
let benchmarks: @Sendable () -> Void = {
    let corpus = BenchmarkCorpus.load()
    let pipeline = Pipeline()

    // MARK: End to end: one report through the whole pipeline (read, extract, classify).
    reportBenchmark("End to end: Pipeline.extract", corpus) { pipeline.extract($0) }

    // MARK: Stages, cumulative: "Stage NN through X" runs each report from its text up to and including stage X.
    // The engine's stages share one analysis of the report and cannot be started from a saved one, so a stage is
    // measured as the difference between two runs (sectioning and sentence splitting are `layout`, matching is
    // `reportMatching` and `sentenceMatching`, ConText assertion is in `nodes`). The two-digit number keeps the
    // names in pipeline order in the harness's table and in Thresholds/.
    for stage in PipelineStage.allCases {
        let number = stage.rawValue + 1
        let name = "Stage \(number < 10 ? "0" : "")\(number) through \(stage.summary)"
        reportBenchmark(name, corpus) { pipeline.run($0, through: stage) }
    }

    // MARK: XML reading: CDA and FHIR XML files into report documents (libxml2, narrative text, offset map), and
    // CDA end to end. Their corpora are loaded here, before any measurement, like the JSON Lines one.
    let cda = XMLBenchmarkCorpus.load(format: .cda)
    let fhirXML = XMLBenchmarkCorpus.load(format: .fhirXML)
    for xml in [cda, fhirXML] {
        xmlDocumentBenchmark("XML parsing: \(xml.format.rawValue) to ReportDocument", xml) { document in
            (try? pipeline.documents(bytes: document.bytes, id: document.id, format: xml.format))?.count ?? 0
        }
    }
    xmlDocumentBenchmark("End to end: cda, Pipeline.extract(bytes:)", cda) { document in
        (try? pipeline.extract(bytes: document.bytes, id: document.id, format: .cda))?.count ?? 0
    }

    // MARK: JSON encoding of an extraction already made (in setup, not measured).
    var fullWriter = JSONWriter()
    preparedReportBenchmark("Stage: JSON encoding, full output", corpus, prepare: { pipeline.extract($0) }) { extraction in
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
