import Foundation
import SchmorlEval
import SchmorlModel
import Testing

/// The tiny gold set of issue 4, with every figure computed by hand.
///
/// Seven gold cases in a Fixtures-format directory (two folders, .txt and .xml reports):
///
/// - r1: gold L1/inferior present, edema, acute, likely (sizeMm 12, large) and L3 present (comparison stable);
///   malignancy (hedged). Engine: L1/inferior the same (12 mm), L3/**superior**, a **T12** node, **fracture**
///   and malignancy (**affirmed**). Exercises pass 2, a location error, a false positive node, a wrong
///   differential and differential certainty.
/// - r2: gold L2/superior present, enhancement true, acute, likely. Engine: L2/superior **possible**, enhancement
///   **false**, not acute, unlikely. A wrong assertion, a wrong feature, wrong classes.
/// - r3: gold L4/inferior present, posterior extension, likely (scleroticRim) and **L5/superior present**;
///   fracture. Engine: L4/inferior the same without a rim; no L5; no differential. A missed node, a missed
///   differential, an optional field.
/// - r4: gold (no level, multiple) present and L5/inferior **absent**. Engine: (no level) not multiple, and
///   L5/inferior **present**. Pass 3, a `multiple` error, a positive engine node paired with an absent gold one.
/// - r5 (cda/r5.xml): gold and engine one unlevelled absent node: the exact report, an absent pair.
/// - r6: gold with no report beside it: a load error row. r7: the engine throws: a run error row.
@Suite("Evaluator on a hand-computed gold set")
struct EvaluatorTests {
    static func writeGold(in directory: TemporaryDirectory) throws {
        try directory.write("Report r1.", to: "text/r1.txt")
        try directory.write(
            goldJSON(
                "r1",
                [
                    goldNodeJSON(
                        "L1", "inferior", edema: true, acute: true, symptomatic: "likely",
                        extra: ", \"sizeMm\": 12, \"large\": true"),
                    goldNodeJSON("L3", nil, extra: ", \"comparison\": \"stable\""),
                ], ["malignancy"],
                extra: ", \"differentialAssertions\": {\"malignancy\": \"hedged\"}, \"note\": \"hedged history\""),
            to: "text/r1.expected.json")
        try directory.write("Report r2.", to: "text/r2.txt")
        try directory.write(
            goldJSON("r2", [goldNodeJSON("L2", "superior", enhancement: true, acute: true, symptomatic: "likely")]),
            to: "text/r2.expected.json")
        try directory.write("Report r3.", to: "text/r3.txt")
        try directory.write(
            goldJSON(
                "r3",
                [
                    goldNodeJSON(
                        "L4", "inferior", posterior: true, symptomatic: "likely", extra: ", \"scleroticRim\": true"),
                    goldNodeJSON("L5", "superior"),
                ], ["fracture"]),
            to: "text/r3.expected.json")
        try directory.write("Report r4.", to: "text/r4.txt")
        try directory.write(
            goldJSON("r4", [goldNodeJSON(nil, nil, multiple: true), goldNodeJSON("L5", "inferior", "absent")]),
            to: "text/r4.expected.json")
        try directory.write("<ClinicalDocument/>", to: "cda/r5.xml")
        try directory.write(goldJSON("r5", [goldNodeJSON(nil, nil, "absent")]), to: "cda/r5.expected.json")
        try directory.write(goldJSON("r6", []), to: "text/r6.expected.json")
        try directory.write("Report r7.", to: "text/r7.txt")
        try directory.write(goldJSON("r7", []), to: "text/r7.expected.json")
    }

    // Engine evidence used below (offsets are into each report's text as the engine would give them).
    static let l3Mention = evidence(60, "Schmorl's node at L3")
    static let t12Mention = evidence(90, "T12 Schmorl's node")
    static let fractureMention = evidence(120, "compression deformity")
    static let metastasisMention = evidence(150, "metastatic disease")
    static let possibleCue = evidence(10, "possible")
    static let noEnhancement = evidence(45, "no enhancement")
    static let r4Multiple = evidence(5, "Schmorl's node")
    static let r4Resolved = evidence(30, "inferior endplate of L5")

    /// What the engine "read" in each report.
    static func engine(_ goldCase: GoldCase) throws(SchmorlError) -> Extraction {
        switch goldCase.id {
        case "r1":
            return extraction(
                "r1",
                [
                    engineNode(
                        "L1", .inferior, mention: evidence(0, "Schmorl's node, inferior endplate of L1"), acute: true,
                        symptomatic: .likely
                    ) {
                        $0.edema = Feature(value: true, evidence: [evidence(40, "surrounding marrow edema")])
                        $0.sizeMm = 12
                    },
                    engineNode("L3", .superior, mention: l3Mention) { $0.comparison = .stable },
                    engineNode("T12", nil, mention: t12Mention),
                ],
                [
                    differential(.fracture, .affirmed, fractureMention),
                    differential(.malignancy, .affirmed, metastasisMention),
                ])
        case "r2":
            let cue = AssertionCue(kind: .hedge, evidence: possibleCue, scope: TextSpan(start: 10, end: 40))
            var node = engineNode("L2", .superior, .possible, mention: evidence(19, "Schmorl's node at L2")) {
                $0.enhancement = Feature(value: false, evidence: [noEnhancement])
            }
            node.finding.assertionCue = cue
            return extraction("r2", [node])
        case "r3":
            return extraction(
                "r3",
                [
                    engineNode("L4", .inferior, mention: evidence(0, "L4 node"), symptomatic: .likely) {
                        $0.posteriorExtension = Feature(value: true, evidence: [evidence(20, "extends posteriorly")])
                    }
                ])
        case "r4":
            return extraction(
                "r4",
                [
                    engineNode(nil, nil, mention: r4Multiple),
                    engineNode("L5", .inferior, mention: r4Resolved),
                ])
        case "r5":
            return extraction("r5", [engineNode(nil, nil, .absent, mention: evidence(0, "No Schmorl's nodes"))])
        default:
            throw SchmorlError(.unreadableInput, "cannot read \(goldCase.file)", record: goldCase.id)
        }
    }

    static func evaluate() throws -> (EvaluationReport, [String]) {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try writeGold(in: directory)
        let gold = try GoldSet(contentsOf: directory.path)
        var opened: [String] = []
        let report = Evaluator().evaluate(gold: gold) { (goldCase: GoldCase) throws(SchmorlError) -> Extraction in
            if FileManager.default.fileExists(atPath: goldCase.reportPath) { opened.append(goldCase.file) }
            return try engine(goldCase)
        }
        return (report, opened)
    }

    @Test func loadsTheFixtureDirectoryRecursively() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try Self.writeGold(in: directory)
        let gold = try GoldSet(contentsOf: directory.path)
        // Sorted relative paths: cda/ before text/; r6 has no report beside it.
        #expect(gold.cases.map(\.id) == ["r5", "r1", "r2", "r3", "r4", "r7"])
        #expect(
            gold.cases.map(\.file) == [
                "cda/r5.xml", "text/r1.txt", "text/r2.txt", "text/r3.txt", "text/r4.txt",
                "text/r7.txt",
            ])
        #expect(gold.errors.map(\.id) == ["r6"])
        #expect(gold.errors[0].location == "text/r6.expected.json")
        #expect(gold.errors[0].message.contains("no report beside text/r6.expected.json"))
        let r1 = try #require(gold.cases.first { $0.id == "r1" })
        #expect(r1.nodes[0].sizeMm == 12)
        #expect(r1.nodes[0].large == true)
        #expect(r1.nodes[1].comparison == .stable)
        #expect(r1.differentialAssertions == [.malignancy: .hedged])
        #expect(r1.note == "hedged history")
        #expect(r1.expected.nodes.map(\.matchKey) == ["L1|inferior|false", "L3|-|false"])
    }

    @Test func countsAndMatching() throws {
        let (report, opened) = try Self.evaluate()
        // Every evaluated case was run on a report file that exists (r6 never reaches the engine).
        #expect(opened == ["cda/r5.xml", "text/r1.txt", "text/r2.txt", "text/r3.txt", "text/r4.txt", "text/r7.txt"])
        // 6 loaded + 1 load error = 7 cases; r7 throws, so 5 evaluated.
        #expect(report.caseCount == 7)
        #expect(report.evaluated == Rate(5, of: 7))
        // Gold nodes: r1 2 + r2 1 + r3 2 + r4 2 + r5 1 = 8. Engine: 3 + 1 + 1 + 2 + 1 = 8.
        #expect(report.goldNodes == 8)
        #expect(report.predictedNodes == 8)
        // Pass 1: L1/inf (r1), L2/sup (r2), L4/inf (r3), L5/inf (r4), no-level absent (r5) = 5.
        // Pass 2: L3 vs L3/superior (r1) = 1. Pass 3: (no level, multiple) vs (no level) (r4) = 1.
        // Left: gold L5/sup (r3); engine T12 (r1).
        #expect(report.matching.levelEndplateMultiple == 5)
        #expect(report.matching.level == 1)
        #expect(report.matching.levelless == 1)
        #expect(report.matching.unmatchedExpected == 1)
        #expect(report.matching.unmatchedPredicted == 1)
        #expect(report.errors.map(\.id) == ["r6", "r7"])
        #expect(report.errors[1].code == "unreadable-input")
        #expect(report.errors[1].location == "text/r7.txt")
        #expect(report.reports.map(\.id) == ["r5", "r1", "r2", "r3", "r4"])
        #expect(report.reports.map(\.exact) == [true, false, false, false, false])
        #expect(report.reports.map(\.mismatches) == [0, 4, 4, 3, 2])
    }

    @Test func everyFigureExactly() throws {
        let (report, _) = try Self.evaluate()
        // Detection. Pairs: L1 (pos/pos TP), L3 (TP), L2 present/possible (TP), L4 (TP), r4 multiple (TP),
        // r4 L5 gold absent vs engine present (FP), r5 absent/absent (counts nowhere).
        // Unpaired: gold L5/sup positive (FN); engine T12 positive (FP).
        // TP 5, FP 2, FN 1: precision 5/7, recall 5/6, F1 2·5/(2·5+2+1) = 10/13.
        #expect(report.detection == DetectionScores(truePositives: 5, falsePositives: 2, falseNegatives: 1))
        #expect(report.detection.f1.value == 10.0 / 13.0)
        let expected: [String: [Int]] = [
            "evaluated": [5, 7],
            "node-precision": [5, 7], "node-recall": [5, 6], "node-f1": [10, 13],
            // 7 pairs; only L3 vs L3/superior differs in endplate; only r4's multiple differs.
            "location-exact": [6, 7], "multiple-accuracy": [6, 7],
            // present→present 4 (L1, L3, L4, r4 multiple), present→possible 1 (L2), absent→present 1 (r4 L5),
            // absent→absent 1 (r5): 5 of 7.
            "assertion-accuracy": [5, 7],
            // edema: L1 true/true, six null/null: 7/7; F1 of true: TP 1 → 2/2.
            "edema-accuracy": [7, 7], "edema-f1": [2, 2],
            // enhancement: L2 true/false, six null/null: 6/7; F1: TP 0, FN 1 → 0/1.
            "enhancement-accuracy": [6, 7], "enhancement-f1": [0, 1],
            // endplate disruption: all null: 7/7; no true anywhere: F1 0/0 (n/a).
            "endplate-disruption-accuracy": [7, 7], "endplate-disruption-f1": [0, 0],
            // posterior extension: L4 true/true: 7/7; F1 2/2.
            "posterior-extension-accuracy": [7, 7], "posterior-extension-f1": [2, 2],
            // acute: L1 true/true, L2 true/false, five false/false: 6/7.
            "acute-accuracy": [6, 7],
            // symptomatic: L1 and L4 likely/likely, L2 likely/unlikely, four unlikely/unlikely: 6/7.
            "symptomatic-accuracy": [6, 7],
            // fracture: r1 engine only (FP), r3 gold only (FN): P 0/1, R 0/1, F1 0/2.
            "fracture-precision": [0, 1], "fracture-recall": [0, 1], "fracture-f1": [0, 2],
            // infection: nowhere.
            "infection-precision": [0, 0], "infection-recall": [0, 0], "infection-f1": [0, 0],
            // malignancy: r1 both: TP 1.
            "malignancy-precision": [1, 1], "malignancy-recall": [1, 1], "malignancy-f1": [2, 2],
            // micro: TP 1, FP 1, FN 1.
            "differential-precision": [1, 2], "differential-recall": [1, 2], "differential-f1": [2, 4],
            // r1 malignancy: gold hedged, engine affirmed.
            "differential-certainty-accuracy": [0, 1],
            // r1 L1: 12 mm both; large by size (12 ≥ 10) both. r3 L4 rim: gold true, engine not mentioned.
            // r1 L3: stable both.
            "size-accuracy": [1, 1], "large-accuracy": [1, 1], "sclerotic-rim-accuracy": [0, 1],
            "comparison-accuracy": [1, 1],
            // Only r5 matches exactly, of 5 evaluated.
            "report-exact": [1, 5],
        ]
        #expect(report.figures.counts == expected)
        #expect(report.figures.count == expected.count)
        #expect(Set(EvaluationReport.figureNames) == Set(expected.keys))
    }

    @Test func confusionMatrices() throws {
        let (report, _) = try Self.evaluate()
        // Rows gold, columns engine: present, absent, possible.
        #expect(report.assertion.labels == ["present", "absent", "possible"])
        #expect(report.assertion.counts == [[4, 0, 1], [1, 1, 0], [0, 0, 0]])
        // Rows true, false, null.
        #expect(report.features.map(\.feature) == ["edema", "enhancement", "endplateDisruption", "posteriorExtension"])
        #expect(report.features[0].confusion.counts == [[1, 0, 0], [0, 0, 0], [0, 0, 6]])
        #expect(report.features[1].confusion.counts == [[0, 1, 0], [0, 0, 0], [0, 0, 6]])
        #expect(report.features[2].confusion.counts == [[0, 0, 0], [0, 0, 0], [0, 0, 7]])
        #expect(report.features[3].confusion.counts == [[1, 0, 0], [0, 0, 0], [0, 0, 6]])
        #expect(report.features[1].affirmed == DetectionScores(truePositives: 0, falsePositives: 0, falseNegatives: 1))
        // Rows true, false.
        #expect(report.acute.counts == [[1, 1], [0, 5]])
        // Rows likely, possible, unlikely.
        #expect(report.symptomatic.counts == [[2, 0, 1], [0, 0, 0], [0, 0, 4]])
        #expect(report.differentials.map(\.condition) == ["fracture", "infection", "malignancy"])
        #expect(report.differentialMicro == DetectionScores(truePositives: 1, falsePositives: 1, falseNegatives: 1))
    }

    @Test func mismatchListCarriesTheEngineEvidence() throws {
        let (report, _) = try Self.evaluate()
        let expected: [Mismatch] = [
            Mismatch(
                id: "r1", file: "text/r1.txt", field: "node L3 endplate", expected: "null", got: "superior",
                evidence: "60-80 \"Schmorl's node at L3\""),
            Mismatch(
                id: "r1", file: "text/r1.txt", field: "node spurious", expected: "none", got: "T12 present",
                evidence: "90-108 \"T12 Schmorl's node\""),
            Mismatch(
                id: "r1", file: "text/r1.txt", field: "differential fracture", expected: "not listed", got: "listed",
                evidence: "120-141 \"compression deformity\""),
            Mismatch(
                id: "r1", file: "text/r1.txt", field: "differential malignancy certainty", expected: "hedged",
                got: "affirmed", evidence: "150-168 \"metastatic disease\""),
            Mismatch(
                id: "r2", file: "text/r2.txt", field: "node L2/superior assertion", expected: "present",
                got: "possible", evidence: "10-18 \"possible\""),
            Mismatch(
                id: "r2", file: "text/r2.txt", field: "node L2/superior enhancement", expected: "true", got: "false",
                evidence: "45-59 \"no enhancement\""),
            Mismatch(
                id: "r2", file: "text/r2.txt", field: "node L2/superior acute", expected: "true", got: "false",
                evidence: "no evidence"),
            Mismatch(
                id: "r2", file: "text/r2.txt", field: "node L2/superior symptomatic", expected: "likely",
                got: "unlikely", evidence: "no evidence"),
            Mismatch(
                id: "r3", file: "text/r3.txt", field: "node L4/inferior scleroticRim", expected: "true", got: "null",
                evidence: "no evidence"),
            Mismatch(
                id: "r3", file: "text/r3.txt", field: "node missing", expected: "L5/superior present", got: "none",
                evidence: "no evidence"),
            Mismatch(
                id: "r3", file: "text/r3.txt", field: "differential fracture", expected: "listed", got: "not listed",
                evidence: "no evidence"),
            // r4: pass 1 pairs L5/inferior before pass 3 pairs the unlevelled nodes.
            Mismatch(
                id: "r4", file: "text/r4.txt", field: "node L5/inferior assertion", expected: "absent",
                got: "present", evidence: "30-53 \"inferior endplate of L5\""),
            Mismatch(
                id: "r4", file: "text/r4.txt", field: "node (no level, multiple) multiple", expected: "true",
                got: "false", evidence: "5-19 \"Schmorl's node\""),
        ]
        #expect(report.mismatches == expected)
    }

    @Test func classificationMismatchUsesTheReasonsEvidence() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("x", to: "a.txt")
        try directory.write(goldJSON("a", [goldNodeJSON("L2", nil)]), to: "a.expected.json")
        let gold = try GoldSet(contentsOf: directory.path)
        let edema = evidence(12, "edema")
        let reasons = [
            ClassificationReason(code: "acute.edema", rule: "rules.md §2", statement: "edema", evidence: [edema]),
            ClassificationReason(
                code: "symptomatic.acute", rule: "rules.md §2", statement: "acute", evidence: [evidence(0, "L2")]),
        ]
        let report = Evaluator().evaluate(gold: gold) { (_: GoldCase) throws(SchmorlError) -> Extraction in
            extraction("a", [engineNode("L2", nil, mention: evidence(0, "L2"), acute: true, reasons: reasons)])
        }
        // acute: only the acute.* reason's evidence; symptomatic agrees (unlikely), so no row.
        #expect(report.mismatches.map(\.field) == ["node L2 acute"])
        #expect(report.mismatches[0].evidence == "12-17 \"edema\"")
    }
}
