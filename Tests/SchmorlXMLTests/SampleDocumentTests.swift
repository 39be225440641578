import Foundation
import SchmorlModel
import SchmorlXML
import Testing

/// The real public documents in ../shared/external/samples (C-CDA and FHIR examples; see its README).
@Suite(
    "Public sample documents",
    .enabled(
        if: FileManager.default.fileExists(atPath: TestFiles.samples.path),
        "../shared/external/samples is absent on this machine: sample tests skipped"))
struct SampleDocumentTests {
    /// What each sample must give: its format, the id, and its sections as (kind, source code).
    struct Expectation: Sendable, CustomStringConvertible {
        var file: String
        var format: SourceFormat
        var id: String
        var sections: [String]
        var contains: [String]
        var excludes: [String]
        var description: String { file }
    }

    static let expectations: [Expectation] = [
        Expectation(
            file: "cda-ccda-diagnostic-imaging-report.xml", format: .cda, id: "20060828170821659",
            sections: [
                "preamble:-", "history:121109", "history:11329-0", "findings:121070", "impression:121072",
            ],
            contains: [
                "Chest X-Ray, PA and LAT View", "INDICATIONS FOR PROCEDURE:\nSuspected lung tumor",
                "History: Sore throat.", "There is a new round density at the left hilus",
                "IMPRESSIONS:\nImpression: No acute cardiopulmonary process.",
            ],
            // Header people, coded entries, the DICOM object catalog and comments are not report text.
            excludes: [
                "Christine", "Everyman", "WADO", "Computed Radiography", "Nodule size", "DICOM Object Catalog",
                "reference to image",
            ]
        ),
        Expectation(
            file: "cda-ccda-chest-xray-narrative-result.xml", format: .cda, id: "cda-ccda-chest-xray-narrative-result",
            sections: ["findings:30954-2"],
            contains: [
                "RESULTS:", "Chest X-Ray 2 Views: The lungs are clear.",
                "IMPRESSION: Cardiomegaly. No other acute abnormality.",
            ],
            excludes: ["Silver Spring", "6666 StreetName", "Chiropractor", "Results Organizer"]
        ),
        Expectation(
            file: "cda-ccda-dir-findings-section-fragment.xml", format: .cda,
            id: "cda-ccda-dir-findings-section-fragment", sections: ["findings:121070"],
            contains: ["FINDINGS:", "Finding: The cardiomediastinum is .", "Diameter: 45mm"], excludes: ["templateId"]
        ),
        Expectation(
            file: "cda-ccda-dir-participant-fragment.xml", format: .genericXML,
            id: "cda-ccda-dir-participant-fragment", sections: [], contains: ["Amanda", "Assigned"], excludes: ["NI"]
        ),
        Expectation(
            file: "fhir-diagnosticreport-f201-brainct.xml", format: .fhirXML, id: "f201", sections: [],
            contains: ["CONCLUSION:\nCT brains: large tumor sphenoid/clivus."],
            excludes: ["Roel", "Malignant tumor of craniopharyngeal duct", "Radiology", "entails"]
        ),
        Expectation(
            file: "fhir-diagnosticreport-ultrasound.xml", format: .fhirXML, id: "ultrasound", sections: [],
            contains: ["CONCLUSION:\nUnremarkable study"], excludes: ["A comment about the image", "WADO"]
        ),
    ]

    @Test("every sample in the folder is covered by this table")
    func everySampleListed() {
        let present = Set(TestFiles.files(in: TestFiles.samples, extension: "xml"))
        let listed = Set(Self.expectations.map(\.file))
        #expect(
            present.subtracting(listed).isEmpty,
            "samples without an expectation: \(present.subtracting(listed).sorted())")
    }

    @Test("reads without error, with the expected sections", arguments: expectations)
    func reads(_ sample: Expectation) throws {
        let url = TestFiles.samples.appendingPathComponent(sample.file)
        try #require(FileManager.default.fileExists(atPath: url.path), "\(sample.file) is missing from the samples")
        let stem = String(sample.file.dropLast(4))
        let documents = try XMLReportReader().read(bytes: TestFiles.bytes(url), id: stem, format: nil)
        try #require(documents.count == 1)
        let document = documents[0]
        #expect(document.sourceFormat == sample.format)
        #expect(document.id == sample.id)
        let sections = document.sections.map { "\($0.kind.rawValue):\($0.sourceCode ?? "-")" }
        #expect(sections == sample.sections, "\(sample.file): sections \(sections)")
        for text in sample.contains {
            #expect(document.text.contains(text), "\(sample.file): narrative lacks \"\(text)\"\n\(document.text)")
        }
        for text in sample.excludes {
            #expect(!document.text.contains(text), "\(sample.file): narrative holds non-report text \"\(text)\"")
        }
        print("\(sample.file): \(document.sourceFormat.rawValue), id \(document.id), sections \(sections)")
    }

    /// The samples README calls the findings-section fragment "not well-formed" because of its literal "..."
    /// placeholders; they are character data, so it parses (and reads as a findings section, above). The chest
    /// X-ray fragment uses the `xsi:` prefix without declaring it: a namespace error libxml2 reports without
    /// losing the tree, which the reader tolerates (the narrative is intact). A genuinely not well-formed sample,
    /// the diagnostic imaging report cut short, gives a clear error naming the file, line and column.
    @Test("a truncated copy of a sample gives a clear error naming the file and position")
    func truncatedSample() throws {
        let url = TestFiles.samples.appendingPathComponent("cda-ccda-diagnostic-imaging-report.xml")
        let bytes = TestFiles.bytes(url)
        try #require(bytes.count > 1000)
        let truncated = Array(bytes.prefix(bytes.count * 2 / 3))
        let result = TestFiles.read(truncated, id: "cda-ccda-diagnostic-imaging-report.xml")
        guard case .failure(let error) = result else {
            Issue.record("a truncated document was read")
            return
        }
        #expect(error.code == .malformedXML)
        #expect(error.record == "cda-ccda-diagnostic-imaging-report.xml")
        let position = try #require(error.position)
        #expect(position.line > 300)
        #expect(error.description.contains("cda-ccda-diagnostic-imaging-report.xml: "))
        #expect(error.description.contains("(line \(position.line), column \(position.column))"))
        print("truncated sample: \(error.description)")
    }
}
