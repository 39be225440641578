import Foundation

extension EvaluationOutcome {
    /// The outcome as one pretty JSON document with sorted keys (stable for diffs and machines).
    ///
    /// Top level: `report`, `assertions` (each omitted when not run), `gates`, `passed`, and `figures`, an object
    /// from figure name to `{"numerator", "denominator", "value"}` so a script reads `figures["node-f1"].value`
    /// without knowing the nesting.
    public func renderJSON() -> String {
        struct Document: Encodable {
            var outcome: EvaluationOutcome
            enum CodingKeys: String, CodingKey { case report, assertions, gates, passed, figures }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encodeIfPresent(outcome.report, forKey: .report)
                try container.encodeIfPresent(outcome.assertions, forKey: .assertions)
                try container.encode(outcome.gates, forKey: .gates)
                try container.encode(outcome.passed, forKey: .passed)
                var figures: [String: Rate] = [:]
                for figure in outcome.figures { figures[figure.name] = figure.rate }
                try container.encode(figures, forKey: .figures)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(Document(outcome: self)), as: UTF8.self)
        } catch {
            // Only a non-finite number can fail here, and every value is a ratio of counts.
            return "{\"error\": \"cannot encode the outcome: \(error)\"}"
        }
    }
}
