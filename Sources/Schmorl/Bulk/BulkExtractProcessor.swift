public import SchmorlModel

/// The processor `schmorl extract` gives the bulk runner: the pipeline, then the JSON writer, per record.
///
/// Shared by the CLI, the tests and the benchmarks: one writer per worker thread, its buffer reused from record to
/// record; any failure becomes the record's error record, so every input gives at least one output line.
public enum BulkExtractProcessor {
    public static func make(pipeline: Pipeline, summary: Bool, format: SourceFormat? = nil)
        -> @Sendable () -> BulkRunner.RecordProcessor
    {
        {
            var writer = JSONWriter()
            return { record, output in
                do throws(SchmorlError) {
                    let extractions: [Extraction]
                    var inputBytes: Int? = nil
                    switch record.payload {
                    case .text(let text):
                        extractions = [pipeline.extract(ReportDocument(id: record.id, text: text))]
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
                        writer.reset()
                        if summary {
                            writer.write(summary: extraction.summary)
                        } else {
                            writer.write(extraction: extraction)
                        }
                        writer.newlineAfterRecord()
                        output.append(contentsOf: writer.bytes)
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
}
