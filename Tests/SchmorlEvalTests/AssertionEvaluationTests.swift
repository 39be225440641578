import SchmorlEval
import SchmorlModel
import Testing

@Suite("Assert cases")
struct AssertionEvaluationTests {
    static let hedgeCue = evidence(8, "possibly")

    /// Seven lines: five evaluated, one target not in its text, one that does not parse.
    static func writeCases(in directory: TemporaryDirectory) throws -> String {
        let lines = [
            #"{"id": "c1", "text": "No pneumothorax.", "target": "pneumothorax", "expected": "absent"}"#,
            #"{"id": "c2", "text": "Possible Schmorl's node at L2.", "target": "schmorl's node", "#
                + #""expected": "possible"}"#,
            #"{"id": "c3", "text": "There is possibly a Schmorl's node, no doubt.", "target": "Schmorl's node", "#
                + #""expected": "present", "note": "x"}"#,
            #"{"id": "c4", "text": "No fracture, but edema is seen.", "target": "edema", "expected": "present"}"#,
            #"{"id": "c5", "text": "Edema at L2. No edema at L3.", "target": "edema", "start": 16, "end": 21, "#
                + #""expected": "absent"}"#,
            #"{"id": "c6", "text": "Nothing here.", "target": "edema", "expected": "absent"}"#,
            #"{"id": "c7", "text": "Edema.", "target": "edema", "expected": "maybe"}"#,
        ]
        return try directory.write(lines.joined(separator: "\n"), to: "cases.jsonl")
    }

    /// The engine's answers, by text; it also checks the span it is handed.
    static func engine(_ text: String, _ span: TextSpan) -> AssertionResult {
        let target = Evidence(span: span, text: "")
        switch text {
        case "No pneumothorax.", "Edema at L2. No edema at L3.":
            return AssertionResult(assertion: .absent, cue: nil, target: target)
        case "There is possibly a Schmorl's node, no doubt.":
            return AssertionResult(
                assertion: .possible, cue: AssertionCue(kind: .hedge, evidence: hedgeCue, scope: span), target: target)
        default:
            return AssertionResult(assertion: .present, cue: nil, target: target)
        }
    }

    @Test func figuresByHand() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let cases = try AssertionCaseSet(contentsOf: try Self.writeCases(in: directory))
        #expect(cases.cases.map(\.id) == ["c1", "c2", "c3", "c4", "c5", "c6"])
        #expect(cases.errors.map(\.id) == ["c7"])
        var spans: [String: TextSpan] = [:]
        let report = Evaluator().evaluateAssertions(cases: cases) { text, span in
            spans[text] = span
            return Self.engine(text, span)
        }
        // Spans handed to the engine: c2 found case-insensitively ("Schmorl's node" at byte 9), c5 by offsets.
        #expect(spans["Possible Schmorl's node at L2."] == TextSpan(start: 9, end: 23))
        #expect(spans["Edema at L2. No edema at L3."] == TextSpan(start: 16, end: 21))
        // 7 cases: c6 (target not found) and c7 (bad label) are error rows; 5 evaluated.
        #expect(report.caseCount == 7)
        #expect(report.evaluated == Rate(5, of: 7))
        #expect(report.errors.map(\.id) == ["c7", "c6"])
        #expect(report.errors[1].code == "target-not-found")
        // absent→absent c1, c5; possible→present c2; present→possible c3; present→present c4. Accuracy 3/5.
        #expect(report.confusion.counts == [[1, 0, 1], [0, 2, 0], [1, 0, 0]])
        // Negation (absent): TP c1, c5; no FP, no FN. Hedging (possible): FN c2, FP c3.
        #expect(report.negation == DetectionScores(truePositives: 2, falsePositives: 0, falseNegatives: 0))
        #expect(report.hedging == DetectionScores(truePositives: 0, falsePositives: 1, falseNegatives: 1))
        #expect(
            report.figures.counts == [
                "assert-accuracy": [3, 5],
                "assert-negation-precision": [2, 2], "assert-negation-recall": [2, 2], "assert-negation-f1": [4, 4],
                "assert-hedging-precision": [0, 1], "assert-hedging-recall": [0, 1], "assert-hedging-f1": [0, 2],
                "assert-evaluated": [5, 7],
            ])
        #expect(
            report.mismatches == [
                Mismatch(
                    id: "c2", field: "assertion of \"schmorl's node\"", expected: "possible", got: "present",
                    evidence: "no evidence"),
                Mismatch(
                    id: "c3", field: "assertion of \"Schmorl's node\"", expected: "present", got: "possible",
                    evidence: "8-16 \"possibly\""),
            ])
    }

    @Test func targetSpansCountUTF8Bytes() throws {
        // "Café: no " is 10 bytes (é is two); the curly apostrophe is three.
        let found = AssertionCase(
            id: "u", text: "Café: no SCHMORL’S NODE", target: "schmorl’s node", expected: .absent)
        #expect(try found.targetSpan() == TextSpan(start: 10, end: 26))
        // Only ASCII letters fold (as `schmorl assert` finds targets): "É" is not "é".
        let accented = AssertionCase(id: "a", text: "ÉDEMA", target: "édema", expected: .present)
        #expect(throws: SchmorlError.self) { try accented.targetSpan() }
        let outside = AssertionCase(id: "o", text: "abc", target: "abc", expected: .present, start: 1, end: 9)
        #expect(throws: SchmorlError.self) { try outside.targetSpan() }
        let half = AssertionCase(id: "h", text: "abc", target: "abc", expected: .present, start: 1)
        #expect(throws: SchmorlError.self) { try half.targetSpan() }
    }
}
