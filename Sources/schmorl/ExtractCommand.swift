import ArgumentParser
import Foundation
import Schmorl
import SchmorlModel

/// Output shapes of `schmorl extract`.
enum OutputShape: String, ExpressibleByArgument, CaseIterable {
    case full, summary
}

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract and classify every Schmorl's node of one or more reports.",
        discussion: """
            Reads plain-text reports (UTF-8, any line endings) and XML wrappers (HL7 CDA, FHIR, DICOM SR, OpenI, \
            generic XML; detected from the content unless --format is given). With no FILE, or with "-", reads one \
            report from standard input.

            One input gives one pretty JSON document; several inputs (or --jsonl) give JSON Lines, one record per \
            report, in input order. A file that cannot be read gives an error record in JSON Lines mode and a \
            non-zero exit status.

            Examples:
              schmorl extract Fixtures/text/001-acute-l1-inferior-edema-enhancement-full-report.txt
              schmorl extract --output summary report.txt
              cat report.txt | schmorl extract -
              schmorl extract --jsonl --output summary reports/*.txt > out.jsonl

            Exit status: 0 when every input was read; 1 when any input failed (its error record or message names \
            the file); 64 for a usage error.
            """
    )

    @Argument(help: "Report files to read; \"-\" or none for standard input.")
    var files: [String] = []

    @Option(name: .shortAndLong, help: "Output shape: full (every node with evidence and reasons) or summary (the flat QA shape).")
    var output: OutputShape = .full

    @Flag(help: "Write JSON Lines (one compact record a line) even for one input.")
    var jsonl = false

    @Option(help: "Input format instead of detecting it: \(SourceFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: String?

    mutating func run() throws {
        let chosenFormat: SourceFormat?
        if let format {
            guard let parsed = SourceFormat(rawValue: format) else {
                throw ValidationError("unknown format \"\(format)\"; use one of \(SourceFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            chosenFormat = parsed
        } else {
            chosenFormat = nil
        }
        let pipeline = Pipeline()
        let inputs = files.isEmpty ? ["-"] : files
        let lines = jsonl || inputs.count > 1
        var writer = JSONWriter(pretty: !lines)
        var failed = false
        for input in inputs {
            let id = input == "-" ? "stdin" : Pipeline.recordID(forPath: input)
            do {
                let extractions: [Extraction]
                if input == "-" {
                    let data = FileHandle.standardInput.readDataToEndOfFile()
                    extractions = try pipeline.extract(bytes: [UInt8](data), id: id, format: chosenFormat)
                } else {
                    extractions = try pipeline.extract(fileAt: input, id: id, format: chosenFormat)
                }
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
                failed = true
                if lines {
                    writer.reset()
                    writer.write(error: error, id: id)
                    writer.newlineAfterRecord()
                    FileHandle.standardOutput.write(Data(writer.bytes))
                }
                FileHandle.standardError.write(Data("schmorl: \(error.description)\n".utf8))
            }
        }
        if failed { throw ExitCode(1) }
    }
}
