import Foundation
@testable import Schmorl
import SchmorlModel

/// A temporary directory removed when the test's scope ends.
final class BulkTemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "schmorl-bulk-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `bytes` to `name` (subdirectories created) and returns the full path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let full = path + "/" + name
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
        return full
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }
}

enum BulkTestSupport {
    /// Every record of a source.
    static func drain<Source: RecordSource>(_ source: Source) throws -> [InputRecord] {
        var source = source
        var records: [InputRecord] = []
        while let record = try source.next() { records.append(record) }
        return records
    }

    /// Runs `runner` over `source` and returns the output lines (without newlines) and the statistics.
    static func collect<Source: RecordSource>(
        _ runner: BulkRunner, _ source: Source,
        process: @escaping @Sendable (InputRecord, inout [UInt8]) -> RecordOutcome = echo
    ) throws -> (lines: [String], statistics: BulkStatistics) {
        var output: [UInt8] = []
        let statistics = try runner.run(source: source, process: process, emit: { output += $0 })
        let text = String(decoding: output, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return (lines, statistics)
    }

    /// Writes `{"id":ID}` for each record.
    @Sendable static func echo(_ record: InputRecord, _ output: inout [UInt8]) -> RecordOutcome {
        output += #"{"id":"#.utf8
        JSONStringEscaper.append(record.id, to: &output)
        output += "}\n".utf8
        return RecordOutcome(nodeCount: 1)
    }

    /// Parses one output line with Foundation, to check it independently of the writer.
    static func object(_ line: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
    }

    /// The error code of an error record line, or `nil` for any other line.
    static func errorCode(_ line: String) -> String? {
        (object(line)?["error"] as? [String: Any])?["code"] as? String
    }

    /// A deterministic amount of busy work, different per index, so workers finish out of order.
    static func spin(_ index: Int, scale: Int) -> Int {
        var state = UInt64(truncatingIfNeeded: index &* 2_654_435_761 &+ 1)
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        let rounds = Int(state % UInt64(scale))
        var sum = 0
        for round in 0..<rounds { sum = sum &+ (round ^ index) }
        return sum
    }
}
