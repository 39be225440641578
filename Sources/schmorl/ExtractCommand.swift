import ArgumentParser
import Foundation
import Schmorl
import SchmorlModel

#if canImport(Glibc)
    import Glibc
#endif

/// Output shapes of `schmorl extract`.
enum OutputShape: String, ExpressibleByArgument, CaseIterable {
    case full, summary
}

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract and classify every Schmorl's node of one or more reports.",
        discussion: """
            Reads plain-text reports (UTF-8, any line endings) and XML or JSON wrappers (HL7 CDA, FHIR \
            DiagnosticReport in XML or JSON, DICOM SR, OpenI, generic XML; detected from the content unless \
            --format is given). FILE may be a directory: it is walked recursively for .txt, .xml and .json files \
            (and .jsonl streams). With no FILE, or with "-", reads one report from standard input.

            Bulk runs: --input-jsonl reads a JSON Lines stream ("-" for standard input) of {"id", "text"}, \
            {"id", "xml"} or {"id", "path"} a line. Every input record gives one output record, in input order, \
            each carrying its id; an input that fails gives {"id", "error": {"code", "message"}} and the run goes \
            on. All cores by default (--jobs), memory flat whatever the input size. A summary (records, nodes, \
            errors, seconds, reports/s) goes to standard error at the end, with a progress bar when standard \
            error is a terminal; --quiet silences both.

            One input gives one pretty JSON document; several inputs, a directory, --input-jsonl or --jsonl give \
            JSON Lines.

            Examples:
              schmorl extract Fixtures/text/001-acute-l1-inferior-edema-enhancement-full-report.txt
              schmorl extract --output summary report.txt
              cat report.txt | schmorl extract -
              schmorl extract --output summary reports/ > out.jsonl
              schmorl extract --input-jsonl corpus.jsonl --jobs 2 --quiet > out.jsonl

            Exit status: 0 when every input was read; 1 when any input failed (its error record or message names \
            it); 2 when the input stream itself stopped early (what was read is written); 64 for a usage error.
            """
    )

    @Argument(help: "Report files or directories; \"-\" or none for one report on standard input.")
    var files: [String] = []

    @Option(name: .shortAndLong, help: "Output shape: full (every node with evidence and reasons) or summary (the flat QA shape).")
    var output: OutputShape = .full

    @Flag(help: "Write JSON Lines (one compact record a line) even for one input.")
    var jsonl = false

    @Option(help: "Input format instead of detecting it: \(SourceFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: String?

    @Option(name: .customLong("input-jsonl"), help: "A JSON Lines stream of {\"id\", \"text\" | \"xml\" | \"path\"} records (\"-\" for standard input).")
    var inputJSONL: String?

    @Option(help: "Worker threads for bulk runs (default: every core).")
    var jobs: Int?

    @Flag(help: "No progress bar and no summary on standard error.")
    var quiet = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if inputJSONL != nil, !files.isEmpty { throw ValidationError("give report files or --input-jsonl, not both") }
        if let format, SourceFormat(rawValue: format) == nil {
            throw ValidationError(
                "unknown format \"\(format)\"; use one of \(SourceFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    mutating func run() throws {
        let chosenFormat = format.flatMap(SourceFormat.init(rawValue:))
        let isSingleFile = files.count == 1 && files[0] != "-" && !Self.isDirectory(files[0])
        if inputJSONL == nil, !jsonl, files.isEmpty || files == ["-"] || isSingleFile {
            try runSingle(format: chosenFormat)
        } else {
            try runBulk(format: chosenFormat)
        }
    }

    /// One report: a pretty document, or a one-line error naming the input.
    private func runSingle(format: SourceFormat?) throws {
        let pipeline = Pipeline()
        let input = files.first ?? "-"
        let id = input == "-" ? "stdin" : Pipeline.recordID(forPath: input)
        do {
            let extractions: [Extraction]
            if input == "-" {
                let data = FileHandle.standardInput.readDataToEndOfFile()
                extractions = try pipeline.extract(bytes: [UInt8](data), id: id, format: format)
            } else {
                extractions = try pipeline.extract(fileAt: input, id: id, format: format)
            }
            var writer = JSONWriter(pretty: extractions.count == 1)
            for extraction in extractions {
                writer.reset()
                switch output {
                case .full: writer.write(extraction: extraction)
                case .summary: writer.write(summary: extraction.summary)
                }
                writer.newlineAfterRecord()
                FileHandle.standardOutput.write(Data(writer.bytes))
            }
        } catch {
            FileHandle.standardError.write(Data("schmorl: \(error.description)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// Many records: streamed through the bulk runner, in order, one output record each (issue 5).
    private func runBulk(format: SourceFormat?) throws {
        let isTerminal = isatty(2) != 0
        let source: any RecordSource
        do {
            if let inputJSONL {
                source = inputJSONL == "-" ? JSONLinesSource.standardInput() : try JSONLinesSource(path: inputJSONL)
            } else {
                var options = FileRecordSource.Options()
                options.countsRecords = !quiet && isTerminal
                source = FileRecordSource(paths: files, options: options)
            }
        } catch {
            FileHandle.standardError.write(Data("schmorl: \(error.description)\n".utf8))
            throw ExitCode(1)
        }
        let out = FileDescriptorOutput()
        var reporter = BulkProgressReporter(quiet: quiet)
        let runner = BulkRunner(jobs: jobs ?? BulkRunner.defaultJobs)
        let statistics: BulkStatistics
        do {
            statistics = try runner.run(
                source: source,
                makeProcessor: BulkExtractProcessor.make(
                    pipeline: Pipeline(), summary: output == .summary, format: format),
                emit: { bytes throws(SchmorlError) in try out.write(bytes) },
                progress: { reporter.update($0) })
        } catch {
            FileHandle.standardError.write(Data("schmorl: \(error.description)\n".utf8))
            throw ExitCode(1)
        }
        reporter.finish(statistics)
        if let interruption = statistics.interruption {
            FileHandle.standardError.write(Data("schmorl: input stopped early: \(interruption.description)\n".utf8))
            throw ExitCode(2)
        }
        if statistics.errors > 0 { throw ExitCode(1) }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
