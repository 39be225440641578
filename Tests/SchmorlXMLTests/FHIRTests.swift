import Foundation
import SchmorlModel
import SchmorlXML
import Testing

/// FHIR R4 DiagnosticReport, XML and JSON: narrative, conclusion, presentedForm, Bundles.
@Suite("FHIR DiagnosticReport")
struct FHIRTests {
    static func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }

    static func report(id: String?, div: String? = nil, conclusion: String? = nil, forms: [(String, String)] = [])
        -> String
    {
        var xml = "<DiagnosticReport xmlns=\"http://hl7.org/fhir\">"
        if let id { xml += "<id value=\"\(id)\"/>" }
        if let div {
            xml += "<text><status value=\"generated\"/><div xmlns=\"http://www.w3.org/1999/xhtml\">\(div)</div></text>"
        }
        xml += "<status value=\"final\"/><subject><reference value=\"Patient/p1\"/></subject>"
        if let conclusion { xml += "<conclusion value=\"\(conclusion)\"/>" }
        for (type, data) in forms {
            xml += "<presentedForm><contentType value=\"\(type)\"/><data value=\"\(data)\"/></presentedForm>"
        }
        return xml + "</DiagnosticReport>"
    }

    static func read(_ text: String, id: String = "fhir") throws -> [ReportDocument] {
        try XMLReportReader().read(bytes: Array(text.utf8), id: id, format: nil)
    }

    @Test("narrative XHTML with headings, conclusion appended only when the narrative lacks it")
    func narrativeAndConclusion() throws {
        let div = "<h2>Findings</h2><p>Schmorl's node at L2.</p><p><b>IMPRESSION:</b> Incidental node.</p>"
        let repeated = try #require(
            try Self.read(Self.report(id: "r1", div: div, conclusion: "Incidental   node.")).first)
        #expect(repeated.text == "Findings:\nSchmorl's node at L2.\nIMPRESSION: Incidental node.\n")
        #expect(repeated.sections.isEmpty, "FHIR marks no sections up: the text engine finds the headers")
        #expect(repeated.id == "r1")
        #expect(repeated.metadata["subject"] == "Patient/p1")
        let added = try #require(
            try Self.read(Self.report(id: "r2", div: div, conclusion: "Node at L2 is acute.")).first)
        #expect(added.text.hasSuffix("\n\nCONCLUSION:\nNode at L2 is acute.\n"))
        // A conclusion alone, with line breaks kept through a character reference.
        let alone = try #require(try Self.read(Self.report(id: nil, conclusion: "1. Node.&#10;2. No fracture.")).first)
        #expect(alone.text == "CONCLUSION:\n1. Node.\n2. No fracture.\n")
        #expect(alone.id == "fhir")
    }

    @Test("presentedForm: base64 text/plain in its charset; other media skipped and listed")
    func presentedForm() throws {
        let utf8 = Self.base64(Array("FINDINGS:\nSchmorl’s node at L2.\n".utf8))
        let latin1 = Self.base64(Array("IMPRESSION: Kn".utf8) + [0xF6] + Array("tchen.".utf8))
        let pdf = Self.base64([0x25, 0x50, 0x44, 0x46])
        let document = try #require(
            try Self.read(
                Self.report(
                    id: "pf",
                    forms: [("text/plain", utf8), ("text/plain; charset=ISO-8859-1", latin1), ("application/pdf", pdf)]
                )
            ).first)
        #expect(document.text == "FINDINGS:\nSchmorl’s node at L2.\n\nIMPRESSION: Knötchen.\n")
        #expect(document.metadata["skippedAttachments"] == "application/pdf")
        let map = try #require(document.sourceMap)
        #expect(map.anchors.allSatisfy { $0.position.line == 1 }, "decoded text maps to its data element")
    }

    @Test(
        "base64 that is not base64 gives a clear error",
        arguments: [
            ("QUJD*", "'*' is not a base64 character"),
            ("QUJDRA", "length is not a multiple of 4"),
            ("QU==QUJD", "data after the padding"),
            ("Q===", "padding"),
        ])
    func invalidBase64(_ data: String, _ reason: String) throws {
        let result = TestFiles.read(Array(Self.report(id: "b64", forms: [("text/plain", data)]).utf8), id: "b64.xml")
        guard case .failure(let error) = result else {
            Issue.record("read")
            return
        }
        #expect(error.code == .invalidBase64)
        #expect(error.message.contains(reason), "\(error.message)")
        #expect(error.message.contains("presentedForm"))
        #expect(error.record == "b64.xml")
        #expect(error.message.contains("DiagnosticReport b64"))
        #expect(error.position != nil)
    }

    @Test("a presentedForm that is not valid UTF-8 and declares no charset is an error")
    func undeclaredCharset() throws {
        let latin1 = Self.base64([0x4B, 0x6E, 0xF6, 0x74])
        #expect(throws: SchmorlError.self) { try Self.read(Self.report(id: "x", forms: [("text/plain", latin1)])) }
    }

    @Test("a Bundle yields one report per DiagnosticReport, ids from the resources")
    func bundleXML() throws {
        let bundle = """
            <Bundle xmlns="http://hl7.org/fhir"><id value="b1"/><type value="collection"/>
            <entry><resource>\(Self.report(id: "first", conclusion: "Schmorl's node at L2."))</resource></entry>
            <entry><resource><Patient xmlns="http://hl7.org/fhir"><id value="p1"/></Patient></resource></entry>
            <entry><resource>\(Self.report(id: nil, conclusion: "No node."))</resource></entry>
            <entry><resource>\(Self.report(id: "lab-panel"))</resource></entry>
            </Bundle>
            """
        #expect(XMLReportReader.detectFormat(Array(bundle.utf8)) == .fhirXML)
        let documents = try Self.read(bundle, id: "bundle")
        #expect(documents.map(\.id) == ["first", "bundle#2"])
        #expect(documents.allSatisfy { $0.metadata["bundle"] == "bundle" })
    }

    @Test("FHIR JSON: narrative, conclusion, presentedForm and Bundle")
    func json() throws {
        let div = "<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\"><p>FINDINGS: Schmorl's node at L2.</p></div>"
        let text = Self.base64(Array("IMPRESSION: Acute node.".utf8))
        let resource = """
            {"resourceType": "DiagnosticReport", "id": "j1", "text": {"status": "generated", "div": "\(div)"},
             "subject": {"reference": "Patient/p2"}, "conclusion": "Incidental \\u00e9 node.\\nSecond line.",
             "presentedForm": [{"contentType": "text/plain", "data": "\(text)"}]}
            """
        let bytes = Array(resource.utf8)
        #expect(XMLReportReader.detectFormat(bytes) == .fhirJSON)
        let document = try #require(try XMLReportReader().read(bytes: bytes, id: "j", format: nil).first)
        #expect(document.id == "j1")
        #expect(document.sourceFormat == .fhirJSON)
        #expect(
            document.text
                == "FINDINGS: Schmorl's node at L2.\n\nCONCLUSION:\nIncidental é node.\nSecond line.\n\nIMPRESSION: Acute node.\n"
        )
        #expect(document.sourceMap?.position(of: 0) == SourcePosition(line: 1, column: 89))
        let bundle =
            "{\"resourceType\": \"Bundle\", \"entry\": [{\"resource\": \(resource)}, {\"resource\": {\"resourceType\": \"DiagnosticReport\", \"conclusion\": \"No node.\"}}]}"
        let documents = try XMLReportReader().read(bytes: Array(bundle.utf8), id: "jb", format: nil)
        #expect(documents.map(\.id) == ["j1", "jb#2"])
    }

    @Test("JSON errors carry line and column; a resource that is not a report is refused")
    func jsonErrors() throws {
        let cases: [(String, SchmorlError.Code)] = [
            ("{\"resourceType\": \"DiagnosticReport\",\n \"id\": }", .invalidJSON),
            ("{\"resourceType\": \"Observation\", \"id\": \"o\"}", .unsupportedFormat),
            ("{\"id\": \"x\"}", .unsupportedFormat),
            ("{\"resourceType\": \"DiagnosticReport\", \"id\": \"e\"}", .emptyReport),
        ]
        for (json, code) in cases {
            let result = TestFiles.read(Array(json.utf8), id: "e.json", format: .fhirJSON)
            guard case .failure(let error) = result else {
                Issue.record("\(json) was read")
                continue
            }
            #expect(error.code == code, "\(json): \(error)")
            if code == .invalidJSON { #expect(error.position == SourcePosition(line: 2, column: 8)) }
        }
    }
}
