import Foundation
import Schmorl
import SchmorlModel

/// XML documents of one format (CDA or FHIR XML) for the XML reading benchmarks, held as the bytes of their files
/// and loaded into memory before any measurement (STYLE.md, Benchmarks).
///
/// The documents are the shared synthetic corpus's reports (`../shared/bench/make_corpus.py`, seed 1) wrapped in
/// the format, generated on first use into `Benchmarks/.corpus/FORMAT-N-seed1/` (ignored by git), one file per
/// report. `SCHMORL_BENCH_REPORTS=N` sets N, as for the JSON Lines corpus (default 2,000, ~10 MB of CDA).
struct XMLBenchmarkCorpus: Sendable {
    /// One XML file: its name without extension (the record id) and its bytes, as `Pipeline.documents` takes them.
    struct Document: Sendable {
        let id: String
        let bytes: [UInt8]
    }

    let format: SourceFormat
    let documents: [Document]
    /// Total bytes of XML, markup included: what the XML reader reads.
    let xmlBytes: Int

    /// Reads (and on first use generates) the corpus of `format`, and checks that every document reads into at
    /// least one report, so that no benchmark ends up timing the error path.
    static func load(format: SourceFormat) -> XMLBenchmarkCorpus {
        let count = Int(ProcessInfo.processInfo.environment["SCHMORL_BENCH_REPORTS"] ?? "") ?? 2_000
        let directory = BenchmarkCorpus.packageDirectory + "/.corpus/\(format.rawValue)-\(count)-seed1"
        if !FileManager.default.fileExists(atPath: directory) { generate(count: count, format: format, at: directory) }

        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
                .filter { $0.hasSuffix(".xml") }.sorted()
        } catch {
            BenchmarkCorpus.fail("cannot list the \(format.rawValue) corpus at \(directory): \(error)")
        }
        let pipeline = Pipeline()
        var documents: [Document] = []
        documents.reserveCapacity(names.count)
        var xmlBytes = 0
        for name in names {
            let path = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else {
                BenchmarkCorpus.fail("cannot read \(path)")
            }
            let document = Document(id: String(name.dropLast(".xml".count)), bytes: [UInt8](data))
            do {
                let reports = try pipeline.documents(bytes: document.bytes, id: document.id, format: format)
                guard !reports.isEmpty else { BenchmarkCorpus.fail("\(path) holds no report") }
            } catch {
                BenchmarkCorpus.fail("\(path) does not read as \(format.rawValue): \(error)")
            }
            documents.append(document)
            xmlBytes += document.bytes.count
        }
        guard !documents.isEmpty else { BenchmarkCorpus.fail("the \(format.rawValue) corpus at \(directory) is empty") }
        return XMLBenchmarkCorpus(format: format, documents: documents, xmlBytes: xmlBytes)
    }

    /// Generates into a sibling folder and renames it when the generator has finished, so an interrupted run
    /// never leaves a half-written corpus that the next run would take as complete.
    private static func generate(count: Int, format: SourceFormat, at directory: String) {
        let partial = directory + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        BenchmarkCorpus.generate(count: count, format: format.rawValue, at: partial)
        do {
            try FileManager.default.moveItem(atPath: partial, toPath: directory)
        } catch {
            BenchmarkCorpus.fail("cannot move the generated corpus to \(directory): \(error)")
        }
    }
}
