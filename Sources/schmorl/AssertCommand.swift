import ArgumentParser
import Foundation
import Schmorl
import SchmorlModel

struct AssertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assert",
        abstract: "Say whether a finding is present, absent or possible in a sentence (ConText-style, any finding).",
        discussion: """
            Reads JSON Lines, one case a line: {"id", "text", "target"} where target is a phrase found \
            case-insensitively in the text (its first occurrence), or {"id", "text", "start", "end"} with UTF-8 \
            byte offsets. Writes JSON Lines: {"id", "assertion", "cue", "cueSpan", "scope"}; cue is the deciding \
            phrase (null when nothing modifies the target), cueSpan and scope are {"start", "end"} byte offsets.

            Example:
              echo '{"id":"1","text":"No fracture, but a small Schmorl node at L2.","target":"Schmorl node"}' \\
                | schmorl assert

            A line that cannot be read gives {"id", "error": {"code", "message"}} and the run goes on; the exit \
            status is then 1.
            """
    )

    @Argument(help: "JSON Lines file of cases; \"-\" or none for standard input.")
    var file: String?

    mutating func run() throws {
        let data: Data
        if let file, file != "-" {
            guard let read = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read \(file)")
            }
            data = read
        } else {
            data = FileHandle.standardInput.readDataToEndOfFile()
        }
        let pipeline = Pipeline()
        var writer = JSONWriter()
        var failed = false
        var lineNumber = 0
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            writer.reset()
            let fallbackID = "line-\(lineNumber)"
            do {
                let request = try AssertRequest.parse(Data(line), fallbackID: fallbackID)
                let result = pipeline.assert(text: request.text, target: request.target)
                writer.beginObject()
                writer.key("id"); writer.string(request.id)
                writer.key("assertion"); writer.string(result.assertion.rawValue)
                writer.key("cue"); writer.string(result.cue?.evidence.text)
                writer.key("cueSpan")
                if let cue = result.cue {
                    writer.beginObject()
                    writer.key("start"); writer.int(cue.evidence.span.start)
                    writer.key("end"); writer.int(cue.evidence.span.end)
                    writer.endObject()
                } else {
                    writer.null()
                }
                writer.key("scope")
                if let cue = result.cue {
                    writer.beginObject()
                    writer.key("start"); writer.int(cue.scope.start)
                    writer.key("end"); writer.int(cue.scope.end)
                    writer.endObject()
                } else {
                    writer.null()
                }
                writer.endObject()
            } catch {
                failed = true
                writer.reset()
                ErrorRecordWriter.append(id: error.record ?? fallbackID, error: error, to: &writer.bytes)
                FileHandle.standardOutput.write(Data(writer.bytes))
                continue
            }
            writer.newlineAfterRecord()
            FileHandle.standardOutput.write(Data(writer.bytes))
        }
        if failed { throw ExitCode(1) }
    }
}

/// One `assert` case as read from JSON Lines.
struct AssertRequest {
    var id: String
    var text: String
    var target: TextSpan

    static func parse(_ line: Data, fallbackID: String) throws(SchmorlError) -> AssertRequest {
        guard let object = (try? JSONSerialization.jsonObject(with: line)) as? [String: Any] else {
            throw SchmorlError(.invalidJSON, "the line is not a JSON object", record: fallbackID)
        }
        let id = (object["id"] as? String) ?? (object["id"].map { "\($0)" }) ?? fallbackID
        guard let text = object["text"] as? String else {
            throw SchmorlError(.invalidRecord, "the case has no \"text\" string", record: id)
        }
        if let start = object["start"] as? Int, let end = object["end"] as? Int {
            guard start >= 0, start <= end, end <= text.utf8.count else {
                throw SchmorlError(.invalidRecord, "start/end \(start)-\(end) are outside the text", record: id)
            }
            return AssertRequest(id: id, text: text, target: TextSpan(start: start, end: end))
        }
        guard let target = object["target"] as? String, !target.isEmpty else {
            throw SchmorlError(.invalidRecord, "the case has neither \"target\" nor \"start\"/\"end\"", record: id)
        }
        guard let span = TargetFinder.find(target, in: text) else {
            throw SchmorlError(.targetNotFound, "target \"\(target)\" does not occur in the text", record: id)
        }
        return AssertRequest(id: id, text: text, target: span)
    }
}
