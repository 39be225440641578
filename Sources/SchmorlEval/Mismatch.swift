public import SchmorlModel

/// One disagreement between the gold and the engine, with where the engine found what it said.
///
/// `field` names the node by its gold location and the field ("node L2/inferior edema", "node missing",
/// "node spurious", "differential malignancy"); `evidence` is the span the engine used, rendered as
/// `start-end "snippet"` (UTF-8 byte offsets into the text the engine read, `TextSpan`), several joined by "; ",
/// or "no evidence" when the engine had none (typically when it said nothing), so a reviewer opens the report
/// at the right place.
public struct Mismatch: Sendable, Hashable, Codable {
    /// The gold case (report or assert case) id.
    public var id: String
    /// The report file, relative to the gold directory or the reports directory; nil for assert cases.
    public var file: String?
    /// What disagrees.
    public var field: String
    /// The gold value, in the summary's JSON spelling ("true", "null", "present", "listed").
    public var expected: String
    /// The engine's value, same spelling.
    public var got: String
    /// The engine's evidence, or "no evidence".
    public var evidence: String

    /// The text `evidence` holds when the engine gave none.
    public static let noEvidence = "no evidence"

    /// A mismatch from its parts.
    public init(id: String, file: String? = nil, field: String, expected: String, got: String, evidence: String) {
        self.id = id
        self.file = file
        self.field = field
        self.expected = expected
        self.got = got
        self.evidence = evidence
    }
}

extension Evidence {
    /// `start-end "snippet"`, with the source line and column when the text was assembled from XML.
    ///
    /// The snippet is escaped like a JSON string (quotes, backslashes, line breaks, tabs), so a mismatch stays on
    /// one line of the table.
    public var rendered: String {
        var text = "\(span.start)-\(span.end) \"\(escapedSnippet(self.text))\""
        if let source { text += " (line \(source.line), column \(source.column))" }
        return text
    }
}

/// The rendering of several pieces of evidence, each once in text order, or "no evidence".
func renderEvidence(_ evidence: [Evidence]) -> String {
    var seen = Set<Evidence>()
    let unique = evidence.sorted { ($0.span, $0.text) < ($1.span, $1.text) }.filter { seen.insert($0).inserted }
    return unique.isEmpty ? Mismatch.noEvidence : unique.map(\.rendered).joined(separator: "; ")
}

private func escapedSnippet(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result
}

/// Spellings of values in mismatches: the summary's JSON spelling.
enum Spelling {
    static func of(_ value: Bool?) -> String { value.map { $0 ? "true" : "false" } ?? "null" }
    static func of(_ value: String?) -> String { value ?? "null" }
    static func of(_ value: Endplate?) -> String { value?.rawValue ?? "null" }
    static func of(_ value: Comparison?) -> String { value?.rawValue ?? "null" }
    static func of(_ value: Double?) -> String {
        guard let value else { return "null" }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// A node's location as a reviewer reads it: "L2/inferior", "L1-L2", "(no level)", "(no level, multiple)".
    static func location(_ node: NodeSummary) -> String {
        var text = node.level ?? "(no level"
        if let endplate = node.endplate { text += "/" + endplate.rawValue }
        if node.level == nil {
            text += node.multiple ? ", multiple)" : ")"
        } else if node.multiple {
            text += " (multiple)"
        }
        return text
    }

    /// A whole node in one phrase, for a missing or spurious node: "L2/inferior present".
    static func node(_ node: NodeSummary) -> String {
        "\(location(node)) \(node.assertion.rawValue)"
    }
}
