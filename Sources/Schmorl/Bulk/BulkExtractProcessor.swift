public import SchmorlModel

/// The processor `schmorl extract` gives the bulk runner: the pipeline, then the JSON writer, per record.
///
/// Shared by the CLI, the tests and the benchmarks: one writer per worker thread, writing each record straight onto
/// the batch's output; any failure becomes the record's error record, so every input gives at least one output
/// line.
public enum BulkExtractProcessor {
    public static func make(pipeline: Pipeline, summary: Bool, format: SourceFormat? = nil)
        -> @Sendable () -> BulkRunner.RecordProcessor
    {
        {
            var writer = JSONWriter()
            return { record, output in
                do throws(SchmorlError) {
                    var inputBytes: Int? = nil
                    let extractions: [Extraction]
                    switch record.payload {
                    case .text(let text):
                        // One report, the common case: written as it is, without an array around it.
                        let extraction = pipeline.extract(id: record.id, text: text)
                        append(extraction, summary: summary, writer: &writer, to: &output)
                        return RecordOutcome(nodeCount: extraction.nodes.count)
                    case .structured(let markup):
                        extractions = try pipeline.extract(bytes: Array(markup.utf8), id: record.id, format: format)
                    case .file(let path):
                        let bytes = try FileReader.read(
                            path: path, limit: pipeline.options.maximumReportBytes, record: record.id)
                        inputBytes = bytes.count
                        extractions = try pipeline.extract(bytes: bytes, id: record.id, format: format)
                    case .failure(let error):
                        throw error  // not reached: the runner writes these itself
                    }
                    guard !extractions.isEmpty else {
                        throw SchmorlError(.emptyReport, "the input holds no report", record: record.id)
                    }
                    var nodes = 0
                    for extraction in extractions {
                        append(extraction, summary: summary, writer: &writer, to: &output)
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
    /// The writer writes straight onto the end of the batch's output, lent to it for the call, so a record's bytes
    /// are written once and never copied from a buffer of the writer's own.
    private static func append(
        _ extraction: Extraction, summary: Bool, writer: inout JSONWriter, to output: inout [UInt8]
    ) {
        writer.reset()
        swap(&writer.bytes, &output)
        defer { swap(&writer.bytes, &output) }
        if summary {
            writer.write(summary: extraction.summary)
        } else {
            writer.write(extraction: extraction)
        }
        writer.newlineAfterRecord()
    }
}
