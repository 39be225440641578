import ArgumentParser
import Foundation
import Schmorl
import SchmorlEval
import SchmorlModel

/// `schmorl eval`: runs the pipeline over hand-labelled gold and compares, field by field (issue 4).
///
/// The logic lives in SchmorlEval; this command only reads options, hands `Pipeline` to the `Evaluator`,
/// prints one rendering and sets the exit status.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Compare extraction with hand-labelled gold, field by field, and check release gates.",
        discussion: """
            GOLD is a Fixtures-format directory (every NAME.expected.json beside NAME.txt, .xml or .json, \
            searched recursively) or a JSON Lines file of summary-shaped objects \
            {"id", "file", "nodes", "differentials"} (the shape of `extract --output summary`), with "file" \
            relative to --reports. A gold line that does not parse or whose report is missing is an error row.

            Figures (each with its counts): node detection precision / recall / F1 (a node present or possible is \
            positive), location exactness, assertion, each feature's accuracy and F1 of true, acute, symptomatic, \
            differentials per condition and micro-averaged, report exact match; for --assert-cases, accuracy and \
            negation / hedging precision, recall, F1. Then every mismatch with the evidence the engine used.

            Gates: --min NAME=VALUE (0...1 or a percentage), repeated. Names: \
            \(Gate.knownNames.joined(separator: ", ")).

            Exit status: 0 when every gate passes; 1 when a gate fails (each failing gate is named on standard \
            error) or a case could not be evaluated (unless --allow-errors); 2 when the gold or cases file cannot \
            be read.

            Examples:
              schmorl eval --gold Fixtures
              schmorl eval --gold labels.jsonl --reports reports/ --markdown > eval.md
              schmorl eval --gold Fixtures --assert-cases Fixtures/assert/cases.jsonl \\
                  --min node-f1=0.95 --min report-exact=0.8 --min assert-accuracy=0.9
              schmorl eval --gold Fixtures --json | jq '.figures["node-f1"]'
            """
    )

    @Option(name: .long, help: "A Fixtures-format directory or a JSON Lines gold file.")
    var gold: String?

    @Option(name: .long, help: "Where a JSON Lines gold file's \"file\" paths start (default: the gold file's folder).")
    var reports: String?

    @Option(name: .customLong("assert-cases"), help: "JSON Lines of {\"id\", \"text\", \"target\", \"expected\"}.")
    var assertCases: String?

    @Flag(name: .long, help: "Print the outcome as JSON (stable keys) instead of a table.")
    var json = false

    @Flag(name: .long, help: "Print the outcome as Markdown, for a pull request.")
    var markdown = false

    @Option(
        name: .customLong("min"),
        parsing: .singleValue,
        help: ArgumentHelp("A gate: fail unless the figure reaches the threshold.", valueName: "name=value"),
        transform: { (text: String) throws -> Gate in
            do {
                return try Gate(parsing: text)
            } catch {
                throw ValidationError(String(describing: error))
            }
        })
    var gates: [Gate] = []

    @Flag(name: .customLong("allow-errors"), help: "Exit 0 despite error rows when every gate passes.")
    var allowErrors = false

    func validate() throws {
        guard gold != nil || assertCases != nil else {
            throw ValidationError("give --gold, --assert-cases, or both")
        }
        guard !(json && markdown) else { throw ValidationError("--json and --markdown exclude each other") }
        if reports != nil, gold == nil { throw ValidationError("--reports needs --gold") }
    }

    func run() throws {
        let pipeline = Pipeline()
        let evaluator = Evaluator()
        var report: EvaluationReport?
        var assertions: AssertionEvaluationReport?
        do {
            if let gold {
                let goldSet = try GoldSet(contentsOf: gold, reportsDirectory: reports)
                report = evaluator.evaluate(gold: goldSet) { (goldCase: GoldCase) throws(SchmorlError) -> Extraction in
                    let extractions = try pipeline.extract(
                        fileAt: goldCase.reportPath, id: goldCase.id, format: goldCase.format)
                    return try goldCase.selectExtraction(from: extractions)
                }
            }
            if let assertCases {
                let cases = try AssertionCaseSet(contentsOf: assertCases)
                assertions = evaluator.evaluateAssertions(cases: cases) { pipeline.assert(text: $0, target: $1) }
            }
        } catch {
            printError("schmorl eval: \(error)")
            throw ExitCode(2)
        }

        let outcome = EvaluationOutcome(report: report, assertions: assertions, gates: gates)
        let rendered = json ? outcome.renderJSON() + "\n" : markdown ? outcome.renderMarkdown() : outcome.renderTable()
        print(rendered, terminator: "")

        var failed = false
        for gate in outcome.failedGates {
            printError("schmorl eval: gate failed: \(gate.reason)")
            failed = true
        }
        if !outcome.errors.isEmpty, !allowErrors {
            printError(
                "schmorl eval: \(outcome.errors.count) case(s) could not be evaluated (see Errors); "
                    + "fix them or pass --allow-errors")
            failed = true
        }
        if failed { throw ExitCode(1) }
    }

    private func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
