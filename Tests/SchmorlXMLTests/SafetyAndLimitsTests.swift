import SchmorlModel
import SchmorlXML
import Testing

/// XMLLimits and libxml2's own limits, and reads running concurrently (a parser context per task).
@Suite("Limits and concurrency")
struct SafetyAndLimitsTests {
    @Test("input over the size limit is refused before parsing")
    func inputTooLarge() {
        let limits = XMLLimits(maximumInputBytes: 100)
        let result = TestFiles.read(Array(repeating: UInt8(ascii: " "), count: 101), id: "big", limits: limits)
        guard case .failure(let error) = result else {
            Issue.record("read")
            return
        }
        #expect(error.code == .inputTooLarge)
        #expect(error.message.contains("XMLLimits.maximumInputBytes"))
        #expect(XMLLimits().maximumInputBytes == 64 << 20)
    }

    @Test("narrative, attachment, bundle and JSON depth limits")
    func otherLimits() {
        let text = "<r><findings>" + String(repeating: "Schmorl's node. ", count: 100) + "</findings></r>"
        if case .failure(let error) = TestFiles.read(Array(text.utf8), limits: XMLLimits(maximumNarrativeBytes: 200)) {
            #expect(error.code == .inputTooLarge)
        } else {
            Issue.record("narrative limit not applied")
        }
        let bundle = """
            {"resourceType": "Bundle", "entry": [
             {"resource": {"resourceType": "DiagnosticReport", "conclusion": "a"}},
             {"resource": {"resourceType": "DiagnosticReport", "conclusion": "b"}}]}
            """
        if case .failure(let error) = TestFiles.read(
            Array(bundle.utf8), limits: XMLLimits(maximumReportsPerDocument: 1))
        {
            #expect(error.code == .inputTooLarge)
        } else {
            Issue.record("bundle limit not applied")
        }
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        let json = "{\"resourceType\": \"DiagnosticReport\", \"x\": \(deep)}"
        if case .failure(let error) = TestFiles.read(Array(json.utf8)) {
            #expect(error.code == .invalidJSON)
            #expect(error.message.contains("maximumJSONDepth"))
        } else {
            Issue.record("JSON depth limit not applied")
        }
        let data = String(repeating: "QUJD", count: 100)
        let form = """
            <DiagnosticReport xmlns="http://hl7.org/fhir"><presentedForm><contentType value="text/plain"/>\
            <data value="\(data)"/></presentedForm></DiagnosticReport>
            """
        if case .failure(let error) = TestFiles.read(Array(form.utf8), limits: XMLLimits(maximumAttachmentBytes: 100)) {
            #expect(error.code == .inputTooLarge)
        } else {
            Issue.record("attachment limit not applied")
        }
    }

    @Test("libxml2's attribute value limit is kept (no XML_PARSE_HUGE)")
    func hugeAttribute() {
        let text = "<r><findings note=\"" + String(repeating: "a", count: 10_000_001) + "\">x</findings></r>"
        guard case .failure(let error) = TestFiles.read(Array(text.utf8), id: "huge.xml") else {
            Issue.record("an attribute value over 10 MB was read")
            return
        }
        #expect(error.code == .malformedXML)
        print("huge attribute: \(error.description)")
    }

    @Test("an empty document or one without text is a clear error")
    func empty() {
        for (bytes, code) in [
            ([UInt8](), SchmorlError.Code.unsupportedFormat), (Array("<r/>".utf8), .emptyReport),
            (Array("<r><!-- only a comment --></r>".utf8), .emptyReport),
        ] {
            guard case .failure(let error) = TestFiles.read(bytes, id: "empty") else {
                Issue.record("read")
                continue
            }
            #expect(error.code == code)
        }
    }

    /// Each read has its own parser context and error collector: errors never cross between concurrent reads.
    @Test("concurrent reads give the results of sequential reads, errors included")
    func concurrentReads() async throws {
        var inputs: [(String, [UInt8])] = []
        for fixture in XMLFixture.all { inputs.append((fixture.stem, fixture.bytes)) }
        for name in ["truncated.xml", "mismatched-tags.xml", "billion-laughs.xml", "misdeclared-encoding.xml"] {
            inputs.append((name, TestFiles.fixture("hostile", name)))
        }
        func outcome(_ input: (String, [UInt8])) -> String {
            switch TestFiles.read(input.1, id: input.0) {
            case .success(let documents): return documents.map { "\($0.id)|\($0.text)|\($0.sections.count)" }.joined()
            case .failure(let error): return error.description
            }
        }
        let sequential = inputs.map(outcome)
        let all = inputs
        let rounds = 8
        let concurrent = await withTaskGroup(of: (Int, String).self) { group in
            for round in 0..<rounds {
                for (index, input) in all.enumerated() {
                    group.addTask { (index + round * all.count, outcome(input)) }
                }
            }
            var results: [(Int, String)] = []
            for await result in group { results.append(result) }
            return results
        }
        #expect(concurrent.count == inputs.count * rounds)
        for (slot, result) in concurrent {
            #expect(
                result == sequential[slot % inputs.count],
                "read \(inputs[slot % inputs.count].0) differed under concurrency")
        }
    }
}
