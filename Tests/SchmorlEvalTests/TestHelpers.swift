import Foundation
import SchmorlEval
import SchmorlModel

/// A fresh directory under the system temporary directory; files are written with `write(_:to:)`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("schmorl-eval-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `text` at `relative` (creating folders) and returns the full path.
    @discardableResult
    func write(_ text: String, to relative: String) throws -> String {
        let full = path + "/" + relative
        let folder = (full as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        return full
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// One gold node as JSON, every summary key written (features default to null).
func goldNodeJSON(
    _ level: String?, _ endplate: String?, _ assertion: String = "present", multiple: Bool = false,
    edema: Bool? = nil, enhancement: Bool? = nil, disruption: Bool? = nil, posterior: Bool? = nil,
    acute: Bool = false, symptomatic: String = "unlikely", extra: String = ""
) -> String {
    func json(_ value: Bool?) -> String { value.map { $0 ? "true" : "false" } ?? "null" }
    func json(_ value: String?) -> String { value.map { "\"\($0)\"" } ?? "null" }
    return """
        {"level": \(json(level)), "endplate": \(json(endplate)), "assertion": "\(assertion)", \
        "multiple": \(multiple), "edema": \(json(edema)), "enhancement": \(json(enhancement)), \
        "endplateDisruption": \(json(disruption)), "posteriorExtension": \(json(posterior)), \
        "acute": \(acute), "symptomatic": "\(symptomatic)"\(extra)}
        """
}

/// A gold object: `{"id", "nodes", "differentials"}` plus `extra` keys.
func goldJSON(_ id: String, _ nodes: [String], _ differentials: [String] = [], extra: String = "") -> String {
    let conditions = differentials.map { "\"\($0)\"" }.joined(separator: ", ")
    return "{\"id\": \"\(id)\", \"nodes\": [\(nodes.joined(separator: ", "))], "
        + "\"differentials\": [\(conditions)]\(extra)}"
}

/// Evidence at `start` covering `text`'s UTF-8 bytes.
func evidence(_ start: Int, _ text: String) -> Evidence {
    Evidence(span: TextSpan(start: start, end: start + text.utf8.count), text: text)
}

/// A classified node as the engine would give it; `configure` sets features and optional fields.
func engineNode(
    _ level: String?, _ endplate: Endplate?, _ assertion: Assertion = .present, multiple: Bool = false,
    mention: Evidence, acute: Bool = false, symptomatic: SymptomaticLikelihood = .unlikely,
    reasons: [ClassificationReason] = [], configure: (inout NodeFinding) -> Void = { _ in }
) -> ClassifiedNode {
    var location = NodeLocation(endplate: endplate)
    if let level {
        if let vertebra = VertebralLevel(label: level) {
            location.vertebra = vertebra
        } else {
            location.disc = DiscLevel(label: level)
        }
    }
    var finding = NodeFinding(location: location, multiple: multiple, assertion: assertion, mentions: [mention])
    configure(&finding)
    return ClassifiedNode(
        finding: finding,
        classification: NodeClassification(acute: acute, symptomatic: symptomatic, reasons: reasons))
}

/// An extraction of hand-built nodes and differentials.
func extraction(_ id: String, _ nodes: [ClassifiedNode], _ differentials: [Differential] = []) -> Extraction {
    Extraction(id: id, sourceFormat: .text, sections: [], nodes: nodes, differentials: differentials)
}

/// A differential with one mention.
func differential(
    _ condition: DifferentialCondition, _ certainty: DifferentialCertainty, _ mention: Evidence
) -> Differential {
    Differential(
        condition: condition, certainty: certainty,
        mentions: [DifferentialMention(certainty: certainty, evidence: mention)])
}

/// A summary node for the matcher tests; features null.
func summaryNode(
    _ level: String?, _ endplate: Endplate?, _ assertion: Assertion = .present, multiple: Bool = false,
    edema: Bool? = nil
) -> NodeSummary {
    NodeSummary(
        level: level, endplate: endplate, assertion: assertion, multiple: multiple, edema: edema, enhancement: nil,
        endplateDisruption: nil, posteriorExtension: nil, acute: false, symptomatic: .unlikely)
}

extension Array where Element == Figure {
    /// The figures as name → (numerator, denominator), for exact comparison.
    var counts: [String: [Int]] {
        Dictionary(uniqueKeysWithValues: map { ($0.name, [$0.rate.numerator, $0.rate.denominator]) })
    }
}
