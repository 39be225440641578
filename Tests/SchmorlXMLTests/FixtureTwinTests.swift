import Foundation
import Schmorl
import SchmorlModel
import SchmorlXML
import Testing

/// The per-format fixtures (Fixtures/cda, fhir, dicom-sr, openi, generic): each is the XML twin of a text fixture,
/// holding the same report in a wrapper, so XML ingest must give the text engine the same report.
@Suite("XML fixtures and their text twins")
struct FixtureTwinTests {
    @Test("at least 6 fixtures per format, 2 of them FHIR JSON")
    func fixtureCounts() {
        let byFolder = Dictionary(grouping: XMLFixture.all, by: \.folder)
        for folder in ["cda", "fhir", "dicom-sr", "openi", "generic"] {
            #expect((byFolder[folder]?.count ?? 0) >= 6, "Fixtures/\(folder) has fewer than 6 fixtures")
        }
        let json = XMLFixture.all.filter { $0.reportFile.hasSuffix(".json") }
        #expect(json.count >= 2, "fewer than 2 FHIR JSON fixtures")
        let counts = byFolder.keys.sorted().map { "\($0): \(byFolder[$0]!.count)" }.joined(separator: ", ")
        print("XML fixtures per format: \(counts); FHIR JSON: \(json.count)")
    }

    @Test("reads as one report with the expected id and sections", arguments: XMLFixture.all)
    func readsWithSections(_ fixture: XMLFixture) throws {
        let documents = try XMLReportReader().read(bytes: fixture.bytes, id: fixture.stem, format: nil)
        try #require(documents.count == 1, "\(fixture) gave \(documents.count) reports")
        let document = documents[0]
        #expect(
            document.id == fixture.expectedID, "\(fixture): id \(document.id), expected \(fixture.expectedID ?? "-")")
        #expect(XMLReportReader.detectFormat(fixture.bytes) == document.sourceFormat)
        #expect(document.text.contains { $0.isLetter }, "\(fixture): empty narrative")
        // Given sections are sorted, do not overlap, lie inside the text and start with their header line.
        let bytes = Array(document.text.utf8)
        var previousEnd = 0
        for section in document.sections {
            #expect(section.range.start >= previousEnd && section.range.end <= bytes.count, "\(fixture): \(section)")
            previousEnd = section.range.end
            if !section.title.isEmpty {
                let head = String(decoding: bytes[section.range.start..<section.range.end], as: UTF8.self)
                #expect(
                    head.hasPrefix(section.title), "\(fixture): section '\(section.title)' starts '\(head.prefix(30))'")
            }
        }
        if ["cda", "dicom-sr", "openi"].contains(fixture.folder) {
            #expect(!document.sections.isEmpty, "\(fixture): a structured format gave no sections")
            #expect(document.sections.contains { $0.sourceCode != nil }, "\(fixture): no section carries its source")
        }
    }

    @Test("the expected file is the text twin's, with the XML id", arguments: XMLFixture.all)
    func expectedMatchesTwin(_ fixture: XMLFixture) throws {
        let twin = try #require(fixture.twin, "\(fixture) has no \"twin\" field")
        let twinExpected = try #require(fixture.twinExpected, "\(fixture): no Fixtures/\(twin).expected.json")
        for (key, value) in twinExpected where key != "id" {
            #expect(fixture.expected[key] == value, "\(fixture): '\(key)' differs from its twin \(twin)")
        }
        for key in fixture.expected.keys where !["id", "twin"].contains(key) {
            #expect(twinExpected[key] != nil, "\(fixture): '\(key)' is not in its twin \(twin)")
        }
    }

    /// Header labels ("Clinical details:", "IMPRESSION:") are structure: a wrapper names its sections its own way
    /// (a DICOM SR heading is a coded concept, "Impressions"), so they are left out of the comparison.
    @Test(
        "keeps the twin's words: every word of the text twin's body appears in the narrative", arguments: XMLFixture.all
    )
    func keepsTheWords(_ fixture: XMLFixture) throws {
        let twinBytes = try #require(fixture.twinText)
        let document = try #require(
            try XMLReportReader().read(bytes: fixture.bytes, id: fixture.stem, format: nil).first)
        func words(_ text: String) -> Set<String> {
            Set(
                text.lowercased().split { !$0.isLetter && !$0.isNumber && $0 != "'" && $0 != "’" }
                    .map(String.init).filter { $0.count > 1 })
        }
        let twinBody = String(decoding: twinBytes, as: UTF8.self).split(whereSeparator: \.isNewline).map { line in
            // Drop a leading "Label:" whose label is all letters and spaces (a section header).
            guard let colon = line.firstIndex(of: ":"), line[..<colon].allSatisfy({ $0.isLetter || $0 == " " }),
                line.distance(from: line.startIndex, to: colon) <= 24
            else { return String(line) }
            return String(line[line.index(after: colon)...])
        }.joined(separator: "\n")
        let missing = words(twinBody).subtracting(words(document.text))
        #expect(missing.isEmpty, "\(fixture): words of the text twin missing from the narrative: \(missing.sorted())")
    }

    @Test("gives the text engine the same nodes and differentials as the text twin", arguments: XMLFixture.all)
    func sameExtractionAsTwin(_ fixture: XMLFixture) throws {
        let twinBytes = try #require(fixture.twinText)
        let pipeline = Pipeline()
        let xmlDocument = try #require(
            try XMLReportReader().read(bytes: fixture.bytes, id: fixture.stem, format: nil).first)
        let textDocument = try Pipeline.textDocument(bytes: twinBytes, id: fixture.stem)
        let fromXML = pipeline.extract(xmlDocument).summary
        let fromText = pipeline.extract(textDocument).summary
        let xmlNodes = fromXML.nodes.map(Self.describe).sorted()
        let textNodes = fromText.nodes.map(Self.describe).sorted()
        #expect(
            xmlNodes == textNodes,
            "\(fixture): nodes differ from the text twin\nxml:  \(xmlNodes)\ntext: \(textNodes)\n\(xmlDocument.text)")
        #expect(fromXML.differentials == fromText.differentials, "\(fixture): differentials differ from the text twin")
    }

    private static func describe(_ node: NodeSummary) -> String {
        func show(_ value: Bool?) -> String { value.map { "\($0)" } ?? "null" }
        return
            "\(node.level ?? "-")/\(node.endplate?.rawValue ?? "-") \(node.assertion.rawValue) multiple=\(node.multiple) "
            + "edema=\(show(node.edema)) enhancement=\(show(node.enhancement)) "
            + "disruption=\(show(node.endplateDisruption)) posterior=\(show(node.posteriorExtension)) "
            + "acute=\(node.acute) symptomatic=\(node.symptomatic.rawValue)"
    }
}
