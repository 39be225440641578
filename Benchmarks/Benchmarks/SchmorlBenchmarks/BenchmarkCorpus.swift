import Foundation
import Schmorl
import SchmorlModel

/// The reports every benchmark reads, loaded into memory before any measurement (STYLE.md, Benchmarks).
///
/// The corpus is the project's shared synthetic one (`../shared/bench/make_corpus.py`, seed 1), generated on first
/// use into `Benchmarks/.corpus/` (ignored by git) so every machine measures the same reports. Environment:
/// `SCHMORL_BENCH_CORPUS=FILE.jsonl` reads another JSON Lines corpus instead; `SCHMORL_BENCH_REPORTS=N` sets the
/// generated corpus's size (default 2,000, ~3.6 MB: large enough to defeat caches of one report, small enough
/// to load in a second).
struct BenchmarkCorpus: Sendable {
    /// The reports as the pipeline takes them.
    let reports: [ReportDocument]
    /// The same reports as bulk input records.
    let records: [InputRecord]
    /// Total UTF-8 bytes of report text.
    let textBytes: Int
    /// The JSON Lines file the corpus was read from.
    let path: String

    var averageReportBytes: Int { reports.isEmpty ? 0 : textBytes / reports.count }

    /// `Benchmarks/` (this file is `Benchmarks/Benchmarks/SchmorlBenchmarks/BenchmarkCorpus.swift`).
    static let packageDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static func load() -> BenchmarkCorpus {
        let environment = ProcessInfo.processInfo.environment
        let path: String
        if let given = environment["SCHMORL_BENCH_CORPUS"], !given.isEmpty {
            path = given
        } else {
            let count = Int(environment["SCHMORL_BENCH_REPORTS"] ?? "") ?? 2_000
            path = packageDirectory + "/.corpus/corpus-\(count)-seed1.jsonl"
            if !FileManager.default.fileExists(atPath: path) { generate(count: count, format: "jsonl", at: path) }
        }
        var source: JSONLinesSource
        do {
            source = try JSONLinesSource(path: path)
        } catch {
            fail("cannot read the corpus: \(error)")
        }
        var reports: [ReportDocument] = []
        var records: [InputRecord] = []
        var textBytes = 0
        do {
            while let record = try source.next() {
                guard case .text(let text) = record.payload else { continue }
                reports.append(ReportDocument(id: record.id, text: text.string))
                records.append(record)
                textBytes += text.utf8.count
            }
        } catch {
            fail("cannot read the corpus: \(error)")
        }
        guard !reports.isEmpty else { fail("the corpus at \(path) holds no text report") }
        return BenchmarkCorpus(reports: reports, records: records, textBytes: textBytes, path: path)
    }

    /// Runs the shared generator: `python3 ../../shared/bench/make_corpus.py --reports N --seed 1 --format FORMAT
    /// --out PATH` (a JSON Lines file for `jsonl`, a folder of files for the others). The XML corpora use it too,
    /// so every corpus comes from the same script with the same seed.
    static func generate(count: Int, format: String, at path: String) {
        let script = packageDirectory + "/../../shared/bench/make_corpus.py"
        try? FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", script, "--reports", String(count), "--seed", "1", "--format", format, "--out", path,
        ]
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            fail(
                "cannot run \(script): \(error); install python3, or for the JSON Lines corpus set SCHMORL_BENCH_CORPUS"
            )
        }
        guard process.terminationStatus == 0 else {
            fail("\(script) failed (status \(process.terminationStatus))")
        }
    }

    /// Stops the benchmark process with a message: a benchmark without its corpus measures nothing useful.
    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("SchmorlBenchmarks: \(message)\n".utf8))
        exit(1)
    }
}
