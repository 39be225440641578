import SchmorlModel
import SchmorlXML
import Testing

/// Format detection from the root element and namespace (issue 3, Formats), and routing of inputs.
@Suite("Format detection")
struct FormatDetectionTests {
    @Test(
        "detectFormat reads the root element and namespace",
        arguments: [
            ("<?xml version=\"1.0\"?>\n<!-- c -->\n<ClinicalDocument xmlns=\"urn:hl7-org:v3\"/>", SourceFormat.cda),
            ("<cda:ClinicalDocument xmlns:cda=\"urn:hl7-org:v3\"/>", .cda),
            ("<section xmlns=\"urn:hl7-org:v3\"><title>Findings</title><text/></section>", .cda),
            ("<section><templateId root=\"2.16.840.1.113883.10.20.6.1.2\"/></section>", .cda),
            ("<section><title>x</title></section>", .genericXML),
            ("<DiagnosticReport xmlns=\"http://hl7.org/fhir\"/>", .fhirXML),
            ("<Bundle xmlns=\"http://hl7.org/fhir\"/>", .fhirXML),
            ("<Bundle/>", .genericXML),
            ("<report type=\"Basic Text SR\"><document/></report>", .dicomSR),
            ("<report xmlns=\"http://dicom.offis.de/dcmsr\"/>", .dicomSR),
            ("<report><findings/></report>", .genericXML),
            ("<NativeDicomModel xml:space=\"preserve\"/>", .dicomNative),
            ("<!DOCTYPE eCitation [ <!ELEMENT eCitation ANY> ]><eCitation/>", .openI),
            ("<RadiologyReport/>", .genericXML),
            ("  {\"resourceType\": \"DiagnosticReport\"}", .fhirJSON),
        ])
    func detect(_ text: String, _ format: SourceFormat) {
        #expect(XMLReportReader.detectFormat(Array(text.utf8)) == format, "\(text)")
    }

    @Test("not XML or FHIR JSON: nil")
    func notDetected() {
        for text in ["FINDINGS: Schmorl's node.", "{\"id\": 1}", "", "   \n"] {
            #expect(XMLReportReader.detectFormat(Array(text.utf8)) == nil, "\(text)")
        }
    }

    @Test(
        "looksLikeXMLOrJSON: first significant byte is '<' or '{'",
        arguments: [
            ("<report/>", true), ("\n\t {\"a\": 1}", true), ("\u{FEFF}<r/>", true), ("FINDINGS: <none>", false),
            ("", false),
            ("   ", false), ("[1]", false),
        ])
    func looksLike(_ text: String, _ expected: Bool) {
        #expect(XMLReportReader.looksLikeXMLOrJSON(Array(text.utf8)) == expected)
    }

    @Test("looksLikeXMLOrJSON sees through a UTF-16 byte order mark")
    func utf16() {
        #expect(XMLReportReader.looksLikeXMLOrJSON([0xFF, 0xFE, 0x3C, 0x00, 0x72, 0x00]))
        #expect(XMLReportReader.looksLikeXMLOrJSON([0xFE, 0xFF, 0x00, 0x3C, 0x00, 0x72]))
    }

    @Test("a given format that contradicts the root is an error; xml reads anything as text")
    func explicitFormat() throws {
        let cda = Array("<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>MRI</title></ClinicalDocument>".utf8)
        let result = TestFiles.read(cda, id: "c", format: .fhirXML)
        guard case .failure(let error) = result else {
            Issue.record("read")
            return
        }
        #expect(error.code == .unsupportedFormat)
        #expect(error.message.contains("ClinicalDocument"))
        let generic = try XMLReportReader().read(bytes: cda, id: "c", format: .genericXML)
        #expect(generic.first?.sourceFormat == .genericXML)
        #expect(generic.first?.text == "MRI\n")
        #expect(throws: SchmorlError.self) {
            try XMLReportReader().read(bytes: Array("plain".utf8), id: "t", format: nil)
        }
        #expect(throws: SchmorlError.self) { try XMLReportReader().read(bytes: cda, id: "t", format: .text) }
    }
}
