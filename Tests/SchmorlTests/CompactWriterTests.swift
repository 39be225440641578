import Foundation
@testable import Schmorl
import SchmorlModel
import Testing

/// The compact record writer (a top-level full record) must write the same bytes as the general writer, which
/// writes the record when it is not at the top level (here: inside an array).
@Suite("Compact record writer")
struct CompactWriterTests {
    /// `record` written by the fast path and by the general one, which writes it as an array's member.
    private func bothPaths(_ record: Extraction) -> (fast: [UInt8], general: [UInt8]) {
        var fast = JSONWriter()
        fast.write(extraction: record)
        var general = JSONWriter()
        general.beginArray()
        general.write(extraction: record)
        general.endArray()
        return (fast.bytes, Array(general.bytes.dropFirst().dropLast()))
    }

    private func evidence(_ start: Int, _ text: String, line: Int? = nil) -> Evidence {
        Evidence(
            span: TextSpan(start: start, end: start + text.utf8.count), text: text,
            source: line.map { SourcePosition(line: $0, column: 123_456_789) })
    }

    /// Every enum value of the record, each optional both set and not, escapes, long integers, a fractional size.
    private func records() -> [Extraction] {
        let kinds: [AssertionCue.Kind] = [
            .negation, .hedge, .affirmation, .historical, .resolution, .indication, .hypothetical,
        ]
        var nodes: [ClassifiedNode] = []
        for (index, region) in ([nil] + SpinalRegion.allCases).enumerated() {
            let vertebra = region.flatMap { VertebralLevel(region: $0, number: 1) }
            let next = vertebra?.next
            let disc = index % 2 == 0 ? vertebra.flatMap { v in next.flatMap { DiscLevel(upper: v, lower: $0) } } : nil
            let endplates: [Endplate?] = [nil] + Endplate.allCases
            let comparisons: [Comparison?] = [nil] + Comparison.allCases
            var finding = NodeFinding(
                location: NodeLocation(
                    vertebra: index % 3 == 1 ? nil : vertebra, disc: disc, endplate: endplates[index % 3],
                    region: region),
                multiple: index % 2 == 1, assertion: Assertion.allCases[index % 3],
                assertionCue: index % 4 == 3
                    ? nil
                    : AssertionCue(
                        kind: kinds[index % kinds.count], evidence: evidence(10, "no \"quoted\"\tcue"),
                        scope: TextSpan(start: 0, end: 9_876_543_210)),
                mentions: Array(repeating: evidence(100 * index, "Schmorl's node", line: index), count: index % 3))
            finding.edema = Feature(value: true, evidence: [evidence(5, "edema-like signal")])
            finding.enhancement = Feature(value: false, evidence: [evidence(7, "no enhancement"), evidence(9, "é\\")])
            finding.scleroticRim = Feature(value: index % 2 == 0 ? nil : true)
            finding.sizeMm = [nil, 6, 12.5, 0.1, -3][index % 5]
            finding.comparison = comparisons[index % comparisons.count]
            let reasons = (0..<(index % 3)).map {
                ClassificationReason(
                    code: "code.\($0)", rule: "rules.md §2", statement: String(repeating: "long statement ", count: 9),
                    evidence: [evidence($0, "\u{1}control\u{1F}")])
            }
            nodes.append(
                ClassifiedNode(
                    finding: finding,
                    classification: NodeClassification(
                        acute: index % 2 == 0, symptomatic: SymptomaticLikelihood.allCases[index % 3],
                        reasons: reasons)))
        }
        let differentials = DifferentialCondition.allCases.enumerated().map { index, condition in
            Differential(
                condition: condition, certainty: index % 2 == 0 ? .affirmed : .hedged,
                mentions: (0...index).map {
                    DifferentialMention(
                        certainty: $0 % 2 == 0 ? .hedged : .affirmed, evidence: evidence($0, "cancer"),
                        cue: $0 % 2 == 0 ? nil : evidence(2, "History of", line: 3),
                        section: $0 == 1 ? nil : "history")
                })
        }
        let sections = SectionKind.allCases.enumerated().map { index, kind in
            ReportSection(
                kind: kind, title: "TITLE \(index) \"x\"", range: TextSpan(start: index * 10, end: index * 10 + 9),
                sourceCode: index % 2 == 0 ? nil : "code-\(index)")
        }
        return SourceFormat.allCases.enumerated().map { index, format in
            Extraction(
                id: "r\(index)\n\"id\"", sourceFormat: format, sections: index == 0 ? [] : sections,
                nodes: index == 1 ? [] : nodes, differentials: index == 2 ? [] : differentials,
                notes: index == 0 ? [] : ["a note", "another \\ note"])
        }
    }

    @Test("a top-level record has the same bytes as the general writer's")
    func sameBytes() {
        for record in records() {
            let (fast, general) = bothPaths(record)
            #expect(String(decoding: fast, as: UTF8.self) == String(decoding: general, as: UTF8.self))
        }
    }

    @Test("the compact summary has the same bytes as the general writer's summary, differentials sorted")
    func sameSummaryBytes() {
        for var record in records() {
            record.differentials += record.differentials.reversed()
            var general = JSONWriter()
            general.write(summary: record.summary)
            var fast: [UInt8] = []
            CompactSummaryWriter.append(record, to: &fast)
            #expect(String(decoding: fast, as: UTF8.self) == String(decoding: general.bytes, as: UTF8.self))
        }
    }

    @Test("the record is valid JSON and decodes to what was written")
    func roundTrip() throws {
        for record in records() {
            let (fast, _) = bothPaths(record)
            let object = try JSONSerialization.jsonObject(with: Data(fast)) as? [String: Any]
            #expect(object?["id"] as? String == record.id)
            #expect(object?["sourceFormat"] as? String == record.sourceFormat.rawValue)
        }
    }
}
