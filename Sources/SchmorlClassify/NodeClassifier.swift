public import SchmorlModel

/// Classifies one node by rules.md §2, as a pure function of the typed node, every decision with its reasons.
public struct NodeClassifier: Sendable {
    public init() {}

    public func classify(_ node: NodeFinding) -> NodeClassification {
        var reasons: [ClassificationReason] = []
        // At most four reasons are given for a node: one allocation, never a second as they are appended.
        reasons.reserveCapacity(4)
        let positive = node.assertion != .absent
        // rules.md §2: acute = present/possible AND (edema OR enhancement).
        var acute = false
        if positive {
            if node.edema.value == true {
                acute = true
                reasons.append(
                    ClassificationReason(
                        code: "acute.edema", rule: "rules.md §2",
                        statement: "Acute: marrow edema around the node suggests an acute node.",
                        evidence: node.edema.evidence))
            }
            if node.enhancement.value == true {
                acute = true
                reasons.append(
                    ClassificationReason(
                        code: "acute.enhancement", rule: "rules.md §2",
                        statement: "Acute: contrast enhancement of or around the node suggests an acute node.",
                        evidence: node.enhancement.evidence))
            }
            // rules.md §4: new or enlarging without edema or enhancement is a reason, not acuity.
            if !acute, let comparison = node.comparison, comparison == .new || comparison == .enlarged {
                reasons.append(
                    ClassificationReason(
                        code: "comparison.\(comparison.rawValue)", rule: "rules.md §4",
                        statement: "The node is \(comparison.rawValue) since the prior exam; without edema or "
                            + "enhancement this supports recency but does not make it acute.",
                        evidence: node.comparisonEvidence.map { [$0] } ?? []))
            }
        }
        // rules.md §2: symptomatic likelihood.
        var symptomatic = SymptomaticLikelihood.unlikely
        if !positive {
            reasons.append(
                ClassificationReason(
                    code: "symptomatic.absent", rule: "rules.md §2",
                    statement: "Unlikely symptomatic: the report does not affirm the node on this exam.",
                    evidence: node.assertionCue.map { [$0.evidence] } ?? []))
        } else {
            if acute {
                symptomatic = .likely
                reasons.append(
                    ClassificationReason(
                        code: "symptomatic.acute", rule: "rules.md §2",
                        statement: "Likely symptomatic: the node is acute.",
                        evidence: Self.joined(node.edema.evidence, node.enhancement.evidence)))
            }
            if node.posteriorExtension.value == true {
                symptomatic = .likely
                reasons.append(
                    ClassificationReason(
                        code: "symptomatic.posteriorExtension", rule: "rules.md §2",
                        statement: "Likely symptomatic: the node extends posteriorly towards the canal or nerve roots.",
                        evidence: node.posteriorExtension.evidence))
            }
            if symptomatic != .likely {
                if node.endplateDisruption.value == true {
                    symptomatic = .possible
                    reasons.append(
                        ClassificationReason(
                            code: "symptomatic.endplateDisruption", rule: "rules.md §2",
                            statement: "Possibly symptomatic: the endplate is disrupted at the node.",
                            evidence: node.endplateDisruption.evidence))
                }
                if node.isLarge {
                    symptomatic = .possible
                    let evidence = [node.calledLarge, node.sizeEvidence].compactMap { $0 }
                    reasons.append(
                        ClassificationReason(
                            code: "symptomatic.large", rule: "rules.md §2, §4",
                            statement: "Possibly symptomatic: the node is large (called large or giant, or 10 mm or more).",
                            evidence: evidence))
                }
                if let link = node.painLink {
                    symptomatic = .possible
                    reasons.append(
                        ClassificationReason(
                            code: "symptomatic.painLink", rule: "rules.md §2, §4",
                            statement: "Possibly symptomatic: the report ties the patient's pain or the clinical "
                                + "question to this node.",
                            evidence: [link]))
                }
            }
            if symptomatic == .unlikely {
                let evidence = Self.joined(
                    node.scleroticRim.value == true ? node.scleroticRim.evidence : [],
                    node.edema.value == false ? node.edema.evidence : [])
                reasons.append(
                    ClassificationReason(
                        code: "symptomatic.incidental", rule: "rules.md §2",
                        statement: "Unlikely symptomatic: no edema, enhancement, posterior extension, endplate "
                            + "disruption, large size or pain link is reported for this node.",
                        evidence: evidence))
            }
        }
        return NodeClassification(acute: acute, symptomatic: symptomatic, reasons: reasons)
    }

    /// `first + second`, sharing the storage of the one that is not empty when the other is (the sum allocates a
    /// new array even then).
    private static func joined(_ first: [Evidence], _ second: [Evidence]) -> [Evidence] {
        if second.isEmpty { return first }
        if first.isEmpty { return second }
        return first + second
    }
}
