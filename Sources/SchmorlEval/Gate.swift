public import SchmorlModel

/// A release gate: a figure that must reach a threshold (`--min node-f1=0.95`).
///
/// Names are the figure names of `EvaluationReport.figureNames` and `AssertionEvaluationReport.figureNames`;
/// a gate on a name that is not a figure is refused when parsed, so a typo cannot pass silently.
public struct Gate: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The figure name ("node-f1").
    public var name: String
    /// The lowest passing value, in 0...1.
    public var threshold: Double

    /// Every name a gate may take.
    public static var knownNames: [String] { EvaluationReport.figureNames + AssertionEvaluationReport.figureNames }

    /// A gate from its parts.
    public init(name: String, threshold: Double) {
        self.name = name
        self.threshold = threshold
    }

    /// Parses `name=value`: a known figure name and a threshold in 0...1, or a percentage ("95%").
    /// - Throws: `SchmorlError` `.invalidGate` naming what is wrong and listing the known names.
    public init(parsing text: String) throws(SchmorlError) {
        guard let equals = text.firstIndex(of: "=") else {
            throw SchmorlError(.invalidGate, "gate \"\(text)\" is not name=value, e.g. node-f1=0.95")
        }
        let name = text[..<equals].trimmingSpaces().lowercased()
        let valueText = text[text.index(after: equals)...].trimmingSpaces()
        guard Gate.knownNames.contains(name) else {
            throw SchmorlError(
                .invalidGate,
                "gate \"\(name)\" names no figure; known: " + Gate.knownNames.joined(separator: ", "))
        }
        var threshold: Double?
        if valueText.hasSuffix("%") {
            threshold = Double(valueText.dropLast()).map { $0 / 100 }
        } else {
            threshold = Double(valueText)
        }
        guard let threshold, threshold >= 0, threshold <= 1 else {
            throw SchmorlError(
                .invalidGate, "gate \(name): \"\(valueText)\" is not a threshold in 0...1 (or 0%...100%)")
        }
        self.init(name: name, threshold: threshold)
    }

    /// "node-f1=0.95".
    public var description: String { "\(name)=\(Spelling.of(threshold))" }

    /// Checks the gate against `figures`.
    ///
    /// It passes when the figure's value is at least the threshold. A figure with no value (nothing to measure)
    /// or missing from `figures` (no assert cases given for an `assert-` gate) fails: a gate vouches for a
    /// figure, and there is none.
    public func check(_ figures: [Figure]) -> GateResult {
        guard let figure = figures.first(where: { $0.name == name }) else {
            return GateResult(gate: self, rate: nil, passed: false, reason: "\(name): not measured in this run")
        }
        guard let value = figure.rate.value else {
            return GateResult(
                gate: self, rate: figure.rate, passed: false,
                reason: "\(name): nothing to measure (\(figure.rate.formattedCounts)), needs \(thresholdText)")
        }
        let passed = value >= threshold
        let verb = passed ? "meets" : "is below"
        return GateResult(
            gate: self, rate: figure.rate, passed: passed, reason: "\(name) \(figure.rate) \(verb) \(thresholdText)")
    }

    private var thresholdText: String { formatDecimal(threshold, places: 3) }
}

/// The outcome of one gate.
public struct GateResult: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The gate checked.
    public var gate: Gate
    /// The figure, when the run measured it.
    public var rate: Rate?
    /// Whether the figure reached the threshold.
    public var passed: Bool
    /// One line naming the figure, its value with counts and the threshold: "node-f1 0.900 (18/20) is below
    /// 0.950".
    public var reason: String

    /// A result from its parts.
    public init(gate: Gate, rate: Rate?, passed: Bool, reason: String) {
        self.gate = gate
        self.rate = rate
        self.passed = passed
        self.reason = reason
    }

    /// "pass: ..." or "FAIL: ...", then the reason.
    public var description: String { (passed ? "pass: " : "FAIL: ") + reason }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
