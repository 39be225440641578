import SchmorlEval
import SchmorlModel
import Testing

@Suite("Gates")
struct GateTests {
    @Test(arguments: [
        ("node-f1=0.95", "node-f1", 0.95),
        (" Report-Exact = 0.8 ", "report-exact", 0.8),
        ("assert-accuracy=90%", "assert-accuracy", 0.9),
        ("edema-accuracy=1", "edema-accuracy", 1.0),
    ])
    func parses(text: String, name: String, threshold: Double) throws {
        let gate = try Gate(parsing: text)
        #expect(gate.name == name)
        #expect(gate.threshold == threshold)
    }

    @Test(arguments: ["node-f1", "node-f2=0.9", "node-f1=1.5", "node-f1=high", "=0.5"])
    func refuses(text: String) {
        #expect(throws: SchmorlError.self) { try Gate(parsing: text) }
    }

    @Test func unknownNameListsTheKnownOnes() {
        do {
            _ = try Gate(parsing: "nod-f1=0.9")
            Issue.record("a misspelt gate parsed")
        } catch {
            #expect(error.code == .invalidGate)
            #expect(error.message.contains("node-f1"))
            #expect(error.message.contains("assert-hedging-f1"))
        }
    }

    @Test func everyFigureIsAGateName() {
        let names = Gate.knownNames
        #expect(Set(names).count == names.count)
        for name in [
            "node-f1", "node-precision", "node-recall", "report-exact", "assertion-accuracy",
            "edema-accuracy", "enhancement-f1", "endplate-disruption-accuracy", "posterior-extension-f1",
            "acute-accuracy", "symptomatic-accuracy", "differential-f1", "malignancy-recall", "assert-accuracy",
            "assert-negation-f1", "evaluated",
        ] {
            #expect(names.contains(name))
        }
    }

    @Test func passesAndFailsOnTheHandComputedSet() throws {
        let (report, _) = try EvaluatorTests.evaluate()
        let gates = try ["node-f1=0.75", "node-f1=0.8", "report-exact=0.2", "infection-f1=0.5", "assert-accuracy=0.9"]
            .map { text throws(SchmorlError) in try Gate(parsing: text) }
        let outcome = EvaluationOutcome(report: report, assertions: nil, gates: gates)
        #expect(outcome.gates.map(\.passed) == [true, false, true, false, false])
        #expect(!outcome.passed)
        // node-f1 is 10/13 = 0.769; report-exact 1/5 = 0.2 meets 0.2 exactly.
        #expect(
            outcome.gates.map(\.reason) == [
                "node-f1 0.769 (10/13) meets 0.750",
                "node-f1 0.769 (10/13) is below 0.800",
                "report-exact 0.200 (1/5) meets 0.200",
                "infection-f1: nothing to measure (0/0), needs 0.500",
                "assert-accuracy: not measured in this run",
            ])
        #expect(outcome.failedGates.map(\.gate.name) == ["node-f1", "infection-f1", "assert-accuracy"])
    }

    @Test func aWrongGoldFileFailsItsGateWithTheMismatchShown() throws {
        // The gold says the report lists infection; the engine (right, as it happens) lists none.
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("Schmorl's node at L2.", to: "r.txt")
        let path = try directory.write(
            goldJSON("r", [goldNodeJSON("L2", nil)], ["infection"]) + "\n", to: "gold.jsonl")
        let gold = try GoldSet(contentsOf: path)
        let report = Evaluator().evaluate(gold: gold) { (_: GoldCase) throws(SchmorlError) -> Extraction in
            extraction("r", [engineNode("L2", nil, mention: evidence(0, "Schmorl's node at L2"))])
        }
        let outcome = EvaluationOutcome(
            report: report, assertions: nil,
            gates: [try Gate(parsing: "report-exact=1"), try Gate(parsing: "node-f1=1")])
        #expect(outcome.failedGates.map(\.reason) == ["report-exact 0.000 (0/1) is below 1.000"])
        let table = outcome.renderTable()
        #expect(table.contains("FAIL: report-exact 0.000 (0/1) is below 1.000"))
        #expect(table.contains("  r   differential infection  listed    not listed  no evidence"))
    }
}
