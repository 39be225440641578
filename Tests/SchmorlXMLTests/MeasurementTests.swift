import Foundation
import Schmorl
import SchmorlModel
import SchmorlXML
import Testing

/// Throughput and peak memory of XML ingest, run on demand in a release build (issue 3, closing note):
///
///     SCHMORL_MEASURE=1 swift test -c release --scratch-path .build-xml --filter SchmorlXMLTests.MeasurementTests
///
/// Figures are printed, never asserted (STYLE.md, Benchmarks: wall-clock time is not enforced in unit tests).
/// The corpus comes from `../shared/bench/make_corpus.py --reports 2000 --seed 1` (cda, fhir-xml and text, the
/// same reports), generated into the temporary directory on first use.
@Suite(
    "Measurements (SCHMORL_MEASURE=1)",
    .serialized,
    .enabled(
        if: ProcessInfo.processInfo.environment["SCHMORL_MEASURE"] == "1",
        "set SCHMORL_MEASURE=1 (and build with -c release) to measure XML throughput and peak memory"))
struct MeasurementTests {
    static let reports = Int(ProcessInfo.processInfo.environment["SCHMORL_MEASURE_REPORTS"] ?? "") ?? 2000
    static let workDirectory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
        "schmorl-xml-measure")

    /// The corpus of one format, generated once: the bytes of every file, sorted by name.
    static func corpus(_ format: String) throws -> [(String, [UInt8])] {
        let directory = workDirectory.appendingPathComponent("\(format)-\(reports)")
        if !FileManager.default.fileExists(atPath: directory.path) {
            let script = TestFiles.packageRoot.deletingLastPathComponent().appendingPathComponent(
                "shared/bench/make_corpus.py")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [
                "python3", script.path, "--reports", "\(reports)", "--seed", "1", "--format", format, "--out",
                directory.path,
            ]
            try process.run()
            process.waitUntilExit()
        }
        return TestFiles.files(in: directory, extension: format == "text" ? "txt" : "xml").map {
            ($0, TestFiles.bytes(directory.appendingPathComponent($0)))
        }
    }

    static func peakResidentMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return -1 }
        let kilobytes = Double(line.split(separator: " ").dropFirst().first.map(String.init) ?? "") ?? -1
        return kilobytes / 1024
    }

    /// Best of `rounds` timings of `body`, in seconds.
    static func best(rounds: Int = 3, _ body: () throws -> Void) rethrows -> Double {
        var bestTime = Double.infinity
        let clock = ContinuousClock()
        for _ in 0..<rounds {
            let start = clock.now
            try body()
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            bestTime = min(bestTime, seconds)
        }
        return bestTime
    }

    @Test("XML throughput on one core, next to the text path on the same reports")
    func throughput() throws {
        let reader = XMLReportReader()
        let pipeline = Pipeline()
        var lines: [String] = []
        for format in ["cda", "fhir-xml"] {
            let files = try Self.corpus(format)
            try #require(!files.isEmpty, "no corpus for \(format)")
            let bytes = files.reduce(0) { $0 + $1.1.count }
            var documents: [ReportDocument] = []
            let readSeconds = try Self.best {
                documents = []
                for (name, data) in files { documents += try reader.read(bytes: data, id: name, format: nil) }
            }
            var nodes = 0
            let extractSeconds = try Self.best {
                nodes = 0
                for (name, data) in files {
                    for document in try reader.read(bytes: data, id: name, format: nil) {
                        nodes += pipeline.extract(document).nodes.count
                    }
                }
            }
            let megabytes = Double(bytes) / 1_048_576
            lines.append(
                String(
                    format:
                        "%@: %d reports, %.1f MB | read only: %.1f MB/s, %.0f reports/s | read + extract: %.1f MB/s, %.0f reports/s (%d nodes)",
                    format, files.count, megabytes, megabytes / readSeconds, Double(files.count) / readSeconds,
                    megabytes / extractSeconds, Double(files.count) / extractSeconds, nodes))
        }
        let texts = try Self.corpus("text")
        let textBytes = texts.reduce(0) { $0 + $1.1.count }
        var textNodes = 0
        let textSeconds = try Self.best {
            textNodes = 0
            for (name, data) in texts {
                textNodes += pipeline.extract(try Pipeline.textDocument(bytes: data, id: name)).nodes.count
            }
        }
        let textMegabytes = Double(textBytes) / 1_048_576
        lines.append(
            String(
                format: "text: %d reports, %.1f MB | extract: %.1f MB/s, %.0f reports/s (%d nodes)", texts.count,
                textMegabytes, textMegabytes / textSeconds, Double(texts.count) / textSeconds, textNodes))
        for line in lines { print("MEASURE \(line)") }
    }

    /// A CDA of about 50 MB: the sections of a corpus report repeated. Peak resident memory is read from
    /// /proc/self/status (VmHWM) before and after; run this test on its own for a clean figure.
    @Test("peak memory reading a 50 MB CDA document")
    func fiftyMegabyteCDA() throws {
        let target = Int(ProcessInfo.processInfo.environment["SCHMORL_MEASURE_BIG_MB"] ?? "") ?? 50
        let template = try #require(try Self.corpus("cda").first?.1)
        let text = String(decoding: template, as: UTF8.self)
        let open = try #require(text.range(of: "<structuredBody>"))
        let close = try #require(text.range(of: "</structuredBody>"))
        let head = String(text[..<open.upperBound])
        let body = String(text[open.upperBound..<close.lowerBound])
        let tail = String(text[close.lowerBound...])
        var document = [UInt8]()
        document.reserveCapacity(target << 20 + template.count)
        document += Array(head.utf8)
        let bodyBytes = Array(body.utf8)
        while document.count < target << 20 { document += bodyBytes }
        document += Array(tail.utf8)
        let before = Self.peakResidentMegabytes()
        var narrativeBytes = 0
        var sections = 0
        let clock = ContinuousClock()
        let start = clock.now
        let reports = try XMLReportReader().read(bytes: document, id: "big-cda", format: nil)
        let elapsed = clock.now - start
        narrativeBytes = reports.first?.text.utf8.count ?? 0
        sections = reports.first?.sections.count ?? 0
        let after = Self.peakResidentMegabytes()
        print(
            String(
                format:
                    "MEASURE 50 MB CDA: input %.1f MB, narrative %.1f MB, %d sections, read in %@; peak RSS %.0f MB before reading (input built), %.0f MB after (+%.0f MB)",
                Double(document.count) / 1_048_576, Double(narrativeBytes) / 1_048_576, sections, "\(elapsed)", before,
                after, after - before))
    }
}
