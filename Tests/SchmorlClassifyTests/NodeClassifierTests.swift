import SchmorlClassify
import SchmorlModel
import Testing

/// rules.md §2, each rule with a case where it fires and one where it must not.
@Suite struct NodeClassifierTests {
    let evidence = Evidence(span: TextSpan(start: 0, end: 4), text: "word")

    func node(
        assertion: Assertion = .present, edema: Bool? = nil, enhancement: Bool? = nil, disruption: Bool? = nil,
        extension: Bool? = nil, size: Double? = nil, large: Bool = false, pain: Bool = false
    ) -> NodeFinding {
        var node = NodeFinding(location: NodeLocation(vertebra: VertebralLevel(label: "L2")), assertion: assertion)
        node.edema = Feature(value: edema, evidence: edema == nil ? [] : [evidence])
        node.enhancement = Feature(value: enhancement, evidence: enhancement == nil ? [] : [evidence])
        node.endplateDisruption = Feature(value: disruption, evidence: disruption == nil ? [] : [evidence])
        node.posteriorExtension = Feature(value: `extension`, evidence: `extension` == nil ? [] : [evidence])
        node.sizeMm = size
        node.calledLarge = large ? evidence : nil
        node.painLink = pain ? evidence : nil
        return node
    }

    // rules.md §2: acute = present/possible AND (edema OR enhancement).
    @Test(arguments: [
        (Assertion.present, true, nil, true), (.possible, true, nil, true), (.present, nil, true, true),
        (.absent, true, true, false), (.present, false, nil, false), (.present, nil, nil, false),
    ] as [(Assertion, Bool?, Bool?, Bool)])
    func acute(_ assertion: Assertion, _ edema: Bool?, _ enhancement: Bool?, _ expected: Bool) {
        let result = NodeClassifier().classify(node(assertion: assertion, edema: edema, enhancement: enhancement))
        #expect(result.acute == expected)
        if expected { #expect(result.reasons.contains { $0.code.hasPrefix("acute.") && !$0.evidence.isEmpty }) }
    }

    // rules.md §2: symptomatic likelihood tiers.
    @Test func symptomaticTiers() {
        let classifier = NodeClassifier()
        #expect(classifier.classify(node(edema: true)).symptomatic == .likely)
        #expect(classifier.classify(node(extension: true)).symptomatic == .likely)
        #expect(classifier.classify(node(disruption: true)).symptomatic == .possible)
        #expect(classifier.classify(node(large: true)).symptomatic == .possible)
        #expect(classifier.classify(node(size: 10)).symptomatic == .possible)
        #expect(classifier.classify(node(size: 9)).symptomatic == .unlikely)
        #expect(classifier.classify(node(pain: true)).symptomatic == .possible)
        #expect(classifier.classify(node()).symptomatic == .unlikely)
        #expect(classifier.classify(node(assertion: .absent, edema: true, extension: true)).symptomatic == .unlikely)
    }

    // rules.md §4: new without edema records a reason but is not acute.
    @Test func newWithoutEdemaIsAReasonNotAcuity() {
        var finding = node()
        finding.comparison = .new
        finding.comparisonEvidence = evidence
        let result = NodeClassifier().classify(finding)
        #expect(!result.acute)
        #expect(result.reasons.contains { $0.code == "comparison.new" })
    }
}
