/// Everything one `schmorl eval` run produced: the report over the gold set, the report over the assert cases,
/// and the gates checked against both. The unit the CLI renders and decides its exit status on.
public struct EvaluationOutcome: Sendable, Hashable, Codable {
    /// The gold-set evaluation, when a gold set was given.
    public var report: EvaluationReport?
    /// The assert-case evaluation, when assert cases were given.
    public var assertions: AssertionEvaluationReport?
    /// One result per gate, in the order given.
    public var gates: [GateResult]

    /// The outcome of a run, with `gates` checked against every figure of both reports.
    public init(report: EvaluationReport?, assertions: AssertionEvaluationReport?, gates: [Gate] = []) {
        self.report = report
        self.assertions = assertions
        self.gates = []
        let figures = self.figures
        self.gates = gates.map { $0.check(figures) }
    }

    /// The figures of both reports.
    public var figures: [Figure] { (report?.figures ?? []) + (assertions?.figures ?? []) }

    /// The gates that failed, each naming its figure and threshold.
    public var failedGates: [GateResult] { gates.filter { !$0.passed } }

    /// Error rows of both reports.
    public var errors: [ErrorRow] { (report?.errors ?? []) + (assertions?.errors ?? []) }

    /// Whether every gate passed.
    public var passed: Bool { failedGates.isEmpty }
}
