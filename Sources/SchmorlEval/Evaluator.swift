public import SchmorlModel

/// Runs the engine over a gold set and compares what it read with the hand labels, field by field.
///
/// The engine arrives as a closure, so this module depends on the model only (../shared/STYLE.md §1): the
/// facade passes `Pipeline.extract(fileAt:id:format:)`, tests pass hand-built extractions. What counts in
/// which figure is defined on `EvaluationReport`.
public struct Evaluator: Sendable {
    /// An evaluator; it holds no state, so one serves any number of runs.
    public init() {}

    /// Evaluates every case of `gold`, running `run` once per case.
    ///
    /// A case whose `run` throws becomes an error row (with the gold set's own load errors) and the run goes on.
    /// - Complexity: O(cases × nodes²) comparisons, plus the engine's own time.
    public func evaluate(gold: GoldSet, run: (GoldCase) throws(SchmorlError) -> Extraction) -> EvaluationReport {
        var report = EvaluationReport(goldSource: gold.source)
        var tally = Tally()
        report.errors = gold.errors
        for goldCase in gold.cases {
            let extraction: Extraction
            do {
                extraction = try run(goldCase)
            } catch {
                report.errors.append(ErrorRow(id: goldCase.id, location: goldCase.file, error: error))
                continue
            }
            compare(goldCase, extraction, into: &report, tally: &tally)
        }
        report.caseCount = gold.cases.count + gold.errors.count
        report.evaluated = Rate(report.reports.count, of: report.caseCount)
        report.locationExact = tally.locationExact.rate
        report.multiple = tally.multiple.rate
        report.differentialMicro = report.differentials.map(\.scores).reduce(DetectionScores(), +)
        report.differentialCertainty = tally.differentialCertainty.rate
        report.sizeMm = tally.sizeMm.rate
        report.large = tally.large.rate
        report.scleroticRim = tally.scleroticRim.rate
        report.comparison = tally.comparison.rate
        report.reportExact = tally.reportExact.rate
        return report
    }

    /// Evaluates `schmorl assert` cases: each case's target is located in its text (`AssertionCase.targetSpan`)
    /// and `run` says present / absent / possible for it.
    ///
    /// A case whose target cannot be located becomes an error row. Negation is the class `absent`, hedging the
    /// class `possible`, each scored one against the rest.
    public func evaluateAssertions(
        cases: AssertionCaseSet, run: (String, TextSpan) -> AssertionResult
    ) -> AssertionEvaluationReport {
        var report = AssertionEvaluationReport(source: cases.source)
        report.errors = cases.errors
        var evaluated = 0
        for assertCase in cases.cases {
            let span: TextSpan
            do {
                span = try assertCase.targetSpan()
            } catch {
                report.errors.append(ErrorRow(id: assertCase.id, location: assertCase.location, error: error))
                continue
            }
            evaluated += 1
            let result = run(assertCase.text, span)
            let expected = assertCase.expected
            let got = result.assertion
            report.confusion.add(expected: expected.rawValue, predicted: got.rawValue)
            report.negation.add(expected: expected == .absent, predicted: got == .absent)
            report.hedging.add(expected: expected == .possible, predicted: got == .possible)
            if expected != got {
                report.mismatches.append(
                    Mismatch(
                        id: assertCase.id, field: "assertion of \"\(assertCase.target)\"",
                        expected: expected.rawValue, got: got.rawValue,
                        evidence: renderEvidence(result.cue.map { [$0.evidence] } ?? [])))
            }
        }
        report.caseCount = cases.cases.count + cases.errors.count
        report.evaluated = Rate(evaluated, of: report.caseCount)
        return report
    }

    // MARK: - One report

    private func compare(
        _ goldCase: GoldCase, _ extraction: Extraction, into report: inout EvaluationReport, tally: inout Tally
    ) {
        let summary = extraction.summary
        let gold = goldCase.nodes
        let predicted = extraction.nodes
        let matching = NodeMatcher.match(expected: gold.map(\.summary), predicted: summary.nodes)
        var mismatches: [Mismatch] = []
        func note(_ field: String, _ expected: String, _ got: String, _ evidence: [Evidence]) {
            mismatches.append(
                Mismatch(
                    id: goldCase.id, file: goldCase.file, field: field, expected: expected, got: got,
                    evidence: renderEvidence(evidence)))
        }

        report.goldNodes += gold.count
        report.predictedNodes += predicted.count
        report.matching.add(matching)

        for pair in matching.pairs {
            let goldNode = gold[pair.expected]
            let expected = goldNode.summary
            let got = summary.nodes[pair.predicted]
            let node = predicted[pair.predicted]
            let finding = node.finding
            let name = "node " + Spelling.location(expected)

            // Detection: a pair is a hit only when both sides are positive (present or possible).
            report.detection.add(expected: expected.assertion != .absent, predicted: got.assertion != .absent)

            tally.locationExact.count(expected.level == got.level && expected.endplate == got.endplate)
            if expected.level != got.level {
                note(name + " level", Spelling.of(expected.level), Spelling.of(got.level), finding.mentions)
            }
            if expected.endplate != got.endplate {
                note(name + " endplate", Spelling.of(expected.endplate), Spelling.of(got.endplate), finding.mentions)
            }
            tally.multiple.count(expected.multiple == got.multiple)
            if expected.multiple != got.multiple {
                note(name + " multiple", Spelling.of(expected.multiple), Spelling.of(got.multiple), finding.mentions)
            }

            report.assertion.add(expected: expected.assertion.rawValue, predicted: got.assertion.rawValue)
            if expected.assertion != got.assertion {
                let evidence = finding.assertionCue.map { [$0.evidence] } ?? finding.mentions
                note(name + " assertion", expected.assertion.rawValue, got.assertion.rawValue, evidence)
            }

            let features: [(Bool?, Bool?, Feature)] = [
                (expected.edema, got.edema, finding.edema),
                (expected.enhancement, got.enhancement, finding.enhancement),
                (expected.endplateDisruption, got.endplateDisruption, finding.endplateDisruption),
                (expected.posteriorExtension, got.posteriorExtension, finding.posteriorExtension),
            ]
            for (index, (want, have, feature)) in features.enumerated() {
                report.features[index].add(expected: want, predicted: have)
                if want != have {
                    let key = EvaluationReport.featureNames[index].key
                    note(name + " " + key, Spelling.of(want), Spelling.of(have), feature.evidence)
                }
            }

            let reasons = node.classification.reasons
            report.acute.add(expected: Spelling.of(expected.acute), predicted: Spelling.of(got.acute))
            if expected.acute != got.acute {
                note(name + " acute", Spelling.of(expected.acute), Spelling.of(got.acute), evidence(reasons, "acute"))
            }
            report.symptomatic.add(expected: expected.symptomatic.rawValue, predicted: got.symptomatic.rawValue)
            if expected.symptomatic != got.symptomatic {
                note(
                    name + " symptomatic", expected.symptomatic.rawValue, got.symptomatic.rawValue,
                    evidence(reasons, "symptomatic"))
            }

            // Optional fields: only where the gold gives them.
            if let size = goldNode.sizeMm {
                let agrees = finding.sizeMm.map { abs($0 - size) <= GoldNode.sizeTolerance } ?? false
                tally.sizeMm.count(agrees)
                if !agrees {
                    note(
                        name + " sizeMm", Spelling.of(size), Spelling.of(finding.sizeMm),
                        finding.sizeEvidence.map { [$0] } ?? [])
                }
            }
            if let large = goldNode.large {
                tally.large.count(large == finding.isLarge)
                if large != finding.isLarge {
                    let evidence = [finding.calledLarge, finding.sizeEvidence].compactMap { $0 }
                    note(name + " large", Spelling.of(large), Spelling.of(finding.isLarge), evidence)
                }
            }
            if let rim = goldNode.scleroticRim {
                let has = finding.scleroticRim.value == true
                tally.scleroticRim.count(rim == has)
                if rim != has {
                    note(
                        name + " scleroticRim", Spelling.of(rim), Spelling.of(finding.scleroticRim.value),
                        finding.scleroticRim.evidence)
                }
            }
            if let comparison = goldNode.comparison {
                tally.comparison.count(comparison == finding.comparison)
                if comparison != finding.comparison {
                    note(
                        name + " comparison", comparison.rawValue, Spelling.of(finding.comparison),
                        finding.comparisonEvidence.map { [$0] } ?? [])
                }
            }
        }

        for index in matching.unmatchedExpected {
            let expected = gold[index].summary
            if expected.assertion != .absent { report.detection.add(expected: true, predicted: false) }
            note("node missing", Spelling.node(expected), "none", [])
        }
        for index in matching.unmatchedPredicted {
            let got = summary.nodes[index]
            if got.assertion != .absent { report.detection.add(expected: false, predicted: true) }
            note("node spurious", "none", Spelling.node(got), predicted[index].finding.mentions)
        }

        // Differentials (rules.md §3): listed or not, per condition; then certainty where the gold gives it.
        let goldConditions = Set(goldCase.differentials)
        let predictedConditions = Set(summary.differentials)
        for (index, name) in EvaluationReport.conditionNames.enumerated() {
            guard let condition = DifferentialCondition(rawValue: name) else { continue }
            let want = goldConditions.contains(condition)
            let have = predictedConditions.contains(condition)
            report.differentials[index].scores.add(expected: want, predicted: have)
            let differential = extraction.differentials.first { $0.condition == condition }
            if want != have {
                note(
                    "differential \(name)", want ? "listed" : "not listed", have ? "listed" : "not listed",
                    differential.map(mentionEvidence) ?? [])
            }
            if want, have, let certainty = goldCase.differentialAssertions[condition], let differential {
                tally.differentialCertainty.count(certainty == differential.certainty)
                if certainty != differential.certainty {
                    note(
                        "differential \(name) certainty", certainty.rawValue, differential.certainty.rawValue,
                        mentionEvidence(differential))
                }
            }
        }

        let exact = multiset(gold.map(\.summary)) == multiset(summary.nodes) && goldConditions == predictedConditions
        tally.reportExact.count(exact)
        report.reports.append(
            ReportOutcome(
                id: goldCase.id, file: goldCase.file, exact: exact, goldNodes: gold.count,
                predictedNodes: predicted.count, mismatches: mismatches.count))
        report.mismatches += mismatches
    }

    /// The evidence of the reasons whose code starts with `prefix` ("acute", "symptomatic"), else of them all.
    private func evidence(_ reasons: [ClassificationReason], _ prefix: String) -> [Evidence] {
        let own = reasons.filter { $0.code == prefix || $0.code.hasPrefix(prefix + ".") }
        return (own.isEmpty ? reasons : own).flatMap(\.evidence)
    }

    /// Each mention's words, and the cue that hedged it or made it history.
    private func mentionEvidence(_ differential: Differential) -> [Evidence] {
        differential.mentions.flatMap { [$0.evidence] + ($0.cue.map { [$0] } ?? []) }
    }

    private func multiset(_ nodes: [NodeSummary]) -> [NodeSummary: Int] {
        nodes.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }
}

/// Running counts for the rates that are plain "right over total".
private struct Tally {
    struct Count {
        var right = 0
        var total = 0
        mutating func count(_ agrees: Bool) {
            total += 1
            if agrees { right += 1 }
        }
        var rate: Rate { Rate(right, of: total) }
    }

    var locationExact = Count()
    var multiple = Count()
    var differentialCertainty = Count()
    var sizeMm = Count()
    var large = Count()
    var scleroticRim = Count()
    var comparison = Count()
    var reportExact = Count()
}
