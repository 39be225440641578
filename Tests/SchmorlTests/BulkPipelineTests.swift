import Foundation
import Schmorl
import SchmorlModel
import Testing

@Suite("Bulk runs through the pipeline")
struct BulkPipelineTests {
    @Test("JSON Lines and files through the real pipeline: one summary line per input, in order", arguments: [1, 2])
    func pipelineEndToEnd(jobs: Int) throws {
        let directory = try BulkTemporaryDirectory()
        try directory.write("reports/a.txt", "FINDINGS: Schmorl's node at the superior endplate of L2.\n")
        try directory.write("reports/b.txt", "")
        var lines: [String] = []
        for index in 0..<40 {
            switch index {
            case 7: lines.append(#"{"id": "broken", "text": "cut"#)
            case 9: lines.append(#"{"id": "fa", "path": "reports/a.txt"}"#)
            case 11: lines.append(#"{"id": "fb", "path": "reports/b.txt"}"#)
            case 13: lines.append(#"{"id": "gone", "path": "reports/missing.txt"}"#)
            default:
                lines.append(
                    #"{"id": "r\#(index)", "text": "IMPRESSION: Small Schmorl's node at L\#(index % 5 + 1)."}"#)
            }
        }
        let path = try directory.write("corpus.jsonl", lines.joined(separator: "\n") + "\n")
        var output: [UInt8] = []
        let statistics = try BulkRunner(jobs: jobs, batchSize: 4).run(
            source: try JSONLinesSource(path: path),
            makeProcessor: BulkExtractProcessor.make(pipeline: Pipeline(), summary: true),
            emit: { output += $0 })
        let outputLines = String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(outputLines.count == 40)
        #expect(statistics.records == 40)
        let ids = outputLines.compactMap { BulkTestSupport.object($0)?["id"] as? String }
        #expect(ids.count == 40)
        #expect(ids[7] == "broken" && ids[9] == "fa" && ids[11] == "fb" && ids[13] == "gone")
        #expect(BulkTestSupport.errorCode(outputLines[7]) == "invalid-json")
        #expect(BulkTestSupport.errorCode(outputLines[9]) == nil)
        #expect(BulkTestSupport.errorCode(outputLines[11]) == "empty-report")
        #expect(BulkTestSupport.errorCode(outputLines[13]) == "unreadable-input")
        #expect(statistics.errors == 3)
        for index in [0, 1, 20, 39] {
            let object = try #require(BulkTestSupport.object(outputLines[index]))
            #expect(object["id"] as? String == "r\(index)")
            #expect(object["nodes"] is [Any], "a summary line: \(outputLines[index])")
        }
    }
}
