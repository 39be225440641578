public import SchmorlModel
import SchmorlText

/// The processor `schmorl extract` gives the bulk runner: the pipeline, then the compact record writer, per record.
///
/// Shared by the CLI, the tests and the benchmarks: each record is written straight onto the batch's output; any failure becomes the record's error record, so every input gives at least one output
/// line.
public enum BulkExtractProcessor {
    public static func make(pipeline: Pipeline, summary: Bool, format: SourceFormat? = nil)
        -> @Sendable () -> BulkRunner.RecordProcessor
    {
        {
            // Made once per worker (the runner calls this factory on each worker thread): the engine's arrays are
            // refilled from report to report on this worker, never shared with another.
            let workspace = TextEngine.Workspace()
            return { record, output in
                do throws(SchmorlError) {
                    var inputBytes: Int? = nil
                    let extractions: [Extraction]
                    switch record.payload {
                    case .text(let text):
                        // One report, the common case: written as it is, without an array around it.
                        let extraction = pipeline.extract(id: record.id, text: text, workspace: workspace)
                        append(extraction, summary: summary, to: &output)
                        return RecordOutcome(nodeCount: extraction.nodes.count)
                    case .structured(let markup):
                        extractions = try pipeline.extract(
                            bytes: Array(markup.utf8), id: record.id, format: format, workspace: workspace)
                    case .file(let path):
                        let bytes = try FileReader.read(
                            path: path, limit: pipeline.options.maximumReportBytes, record: record.id)
                        // A text file goes the way of a JSON Lines text record: its bytes straight into the engine.
                        if let text = try pipeline.plainText(bytes: bytes, id: record.id, format: format) {
                            let extraction = pipeline.extract(id: record.id, text: text, workspace: workspace)
                            append(extraction, summary: summary, to: &output)
                            return RecordOutcome(nodeCount: extraction.nodes.count, inputBytes: bytes.count)
                        }
                        inputBytes = bytes.count
                        extractions = try pipeline.extract(
                            bytes: bytes, id: record.id, format: format, workspace: workspace)
                    case .failure(let error):
                        throw error  // not reached: the runner writes these itself
                    }
                    guard !extractions.isEmpty else {
                        throw SchmorlError(.emptyReport, "the input holds no report", record: record.id)
                    }
                    var nodes = 0
                    for extraction in extractions {
                        append(extraction, summary: summary, to: &output)
                        nodes += extraction.nodes.count
                    }
                    return RecordOutcome(nodeCount: nodes, inputBytes: inputBytes)
                } catch {
                    ErrorRecordWriter.append(id: record.id, error: error, to: &output)
                    return .failure
                }
            }
        }
    }

    /// Appends one extraction's line to `output`.
    ///
    /// The compact writers write straight onto the end of the batch's output, so a record's bytes are written once
    /// and never copied from a buffer of their own; they keep no state between records, so the processor holds no
    /// writer (a captured `var` would cost an exclusivity check per record).
    @inline(__always)
    private static func append(_ extraction: Extraction, summary: Bool, to output: inout [UInt8]) {
        if summary {
            CompactSummaryWriter.append(extraction, to: &output, lineBreak: true)
        } else {
            CompactExtractionWriter.append(extraction, to: &output, lineBreak: true)
        }
    }
}
