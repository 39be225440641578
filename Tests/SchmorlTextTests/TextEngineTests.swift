import SchmorlModel
@testable import SchmorlText
import Testing

/// Unit tests of the text engine's stages, each citing the rule it checks.
@Suite struct TextEngineTests {
    func nodes(_ text: String) -> [NodeFinding] {
        TextEngine().extract(ReportDocument(id: "t", text: text)).nodes
    }

    func levels(_ text: String) -> [String] {
        nodes(text).map { node in
            [node.location.levelLabel ?? "-", node.location.endplate?.rawValue ?? "-"].joined(separator: "/")
        }
    }

    // rules.md §1 Location: every notation of a disc level normalises to "L4-L5".
    @Test(arguments: ["L4-5", "L4-L5", "L4/5", "L4/L5", "L4–5", "L4—L5", "L4 - 5"])
    func discLevelNotations(_ notation: String) {
        #expect(levels("Schmorl's node at \(notation).") == ["L4-L5/-"])
    }

    // rules.md §1: endplate named with the vertebra, or at a disc level (§4: inferior at X-Y is X, superior is Y).
    @Test(arguments: [
        ("Schmorl's node along the inferior endplate of L1.", "L1/inferior"),
        ("L3 superior endplate Schmorl's node.", "L3/superior"),
        ("Schmorl's node at L1-2 involving the superior endplate of L2.", "L2/superior"),
        ("Schmorl's node along the inferior endplate at the L3-4 level.", "L3/inferior"),
        ("Schmorl's node of the upper endplate of T12.", "T12/superior"),
        ("Schmorl's node at the caudal endplate of L2.", "L2/inferior"),
        ("Small Schmorl's node at the posteroinferior endplate of L4.", "L4/inferior"),
        ("Schmorl node in the twelfth thoracic vertebral body.", "T12/-"),
        ("Schmorl's node at D8.", "T8/-"),
    ])
    func endplates(_ text: String, _ expected: String) {
        #expect(levels(text) == [expected])
    }

    // rules.md §1: ranges and lists give one node per vertebra; domain.md §2.2 elliptical lists.
    @Test func rangesAndLists() {
        #expect(levels("Schmorl's nodes from T10 through L2.") == ["T10/-", "T11/-", "T12/-", "L1/-", "L2/-"])
        #expect(levels("Schmorl's nodes at T12, L1, 2, 5.") == ["T12/-", "L1/-", "L2/-", "L5/-"])
        #expect(levels("Schmorl's nodes at L2 and L3.") == ["L2/-", "L3/-"])
        #expect(levels("Kissing Schmorl's nodes at L1-2.") == ["L1/inferior", "L2/superior"])
    }

    // domain.md §2.2: T1/T2 as MR sequences are not vertebrae.
    @Test func sequencesAreNotLevels() {
        let found = nodes("Schmorl's node with T2 hyperintense and T1 hypointense marrow around it.")
        #expect(found.count == 1)
        #expect(found[0].location.levelLabel == nil)
    }

    // rules.md §1 Multiple, §4 negated generic mention.
    @Test func multipleAndNegatedGeneric() {
        let multiple = nodes("Scattered Schmorl's nodes in the thoracic spine.")
        #expect(multiple.count == 1)
        #expect(multiple[0].multiple)
        #expect(multiple[0].location.region == .thoracic)
        let negated = nodes("No Schmorl's nodes.")
        #expect(negated.count == 1)
        #expect(negated[0].assertion == .absent)
        #expect(!negated[0].multiple)
    }

    // domain.md §1.1: misspellings and ASR errors, apostrophe and umlaut variants.
    @Test(arguments: ["Schmorls node", "Shmorl node", "Schmoral's node", "Schmorl nodule", "Schmörl node",
                      "Schmorl’s node", "SCHMORL'S NODE", "Schmorrl node", "intravertebral disc herniation",
                      "cartilaginous node"])
    func nodeNames(_ name: String) {
        #expect(levels("\(name) at L2.") == ["L2/-"])
    }

    // domain.md §1.1: the mention scan reads tokens four at a time; a family word shares its block with other words
    // starting with "s" ("signal", "spot", "see", "spine", "stable", "so"), at any place in the block.
    @Test func familyWordAmongOtherSWords() {
        #expect(levels("Small signal spot see Schmorl node at L2. Spine stable, so Schmorls node at T4.") == ["T4/-", "L2/-"])
    }

    // rules.md §4: a feature that names its own level goes to a node at that level only; when no node has a level
    // ("scattered"), it goes to none, whether stated plainly or as an endplate phrase.
    @Test(arguments: [
        "Scattered Schmorl nodes are seen. There is edema at L3.",
        "Scattered Schmorl nodes. The L3 superior endplate shows edema.",
    ])
    func featureAtALevelNoNodeHas(_ text: String) {
        let found = nodes(text)
        #expect(found.count == 1)
        #expect(found.first?.multiple == true)
        #expect(found.first?.edema.value == nil)
    }

    @Test func limbusAndLymphNodesAreNotNodes() {
        #expect(nodes("Limbus vertebra at L4. Enlarged lymph node in the retroperitoneum.").isEmpty)
    }

    // rules.md §1 Assertion, scope ends at "but".
    @Test(arguments: [
        ("No fracture, but a small Schmorl's node at L2.", Assertion.present),
        ("Possible Schmorl's node at L2.", .possible),
        ("Schmorl's node at L2, possibly acute.", .present),
        ("Findings consistent with a Schmorl's node at L2.", .present),
        ("Irregularity at L2, unlikely to represent a Schmorl's node.", .absent),
        ("The previously noted Schmorl's node at L2 has resolved.", .absent),
        ("Schmorl's node at L2 cannot be excluded.", .possible),
        ("No interval change in the Schmorl's node at L2.", .present),
    ])
    func assertions(_ text: String, _ expected: Assertion) {
        #expect(nodes(text).first?.assertion == expected)
    }

    // rules.md §1 Features: next sentence refers back; another level does not.
    @Test func featureAttribution() {
        let next = nodes("Schmorl's node at the inferior endplate of L1. There is surrounding marrow edema.")
        #expect(next.first?.edema.value == true)
        let other = nodes("Schmorl's node at L1. Modic type 1 changes at L4-5.")
        #expect(other.first?.edema.value == nil)
        let negated = nodes("Schmorl's node at L1 without associated marrow edema.")
        #expect(negated.first?.edema.value == false)
        let bulge = nodes("L4-5: Schmorl's node. Broad-based disc bulge contacts the traversing L5 nerve root.")
        #expect(bulge.first?.posteriorExtension.value == nil)
    }

    // rules.md §1: the same node in findings and impression is one node.
    @Test func mergeAcrossSections() {
        let text = """
            FINDINGS: Schmorl's node at the inferior endplate of L1 with surrounding edema.
            IMPRESSION: Acute Schmorl's node at L1.
            """
        let found = nodes(text)
        #expect(found.count == 1)
        #expect(found.first?.mentions.count == 2)
    }

    // rules.md §3, §4 differentials.
    @Test(arguments: [
        ("No fracture. Schmorl's node at L2.", [DifferentialCondition]()),
        ("Mild compression deformity of T12.", [.fracture]),
        ("Healing fracture of the left 7th rib.", []),
        ("HISTORY: back pain, r/o discitis.\nFINDINGS: No findings to suggest discitis.", []),
        ("HISTORY: history of prostate cancer.\nFINDINGS: Normal.", [.malignancy]),
        ("Metastasis is less likely.", []),
        ("Cannot exclude an acute endplate fracture.", [.fracture]),
        ("Mass effect on the thecal sac.", []),
        // Spelling variants reach the word the lexicon writes, through a chain too: tumours → tumors → tumor.
        ("HISTORY: resected brain tumours.\nFINDINGS: Normal.", [.malignancy]),
        ("HISTORY: resected brain tumors.\nFINDINGS: Normal.", [.malignancy]),
    ])
    func differentials(_ text: String, _ expected: [DifferentialCondition]) {
        let found = TextEngine().extract(ReportDocument(id: "t", text: text)).differentials.map(\.condition)
        #expect(found == expected)
    }

    // DESIGN.md step 2: folding keeps every offset; evidence spans slice the original text.
    @Test func evidenceSpansPointIntoTheOriginalBytes() throws {
        let text = "Schmörl’s node at L4–5 with surrounding oedema."
        let node = try #require(nodes(text).first)
        let bytes = Array(text.utf8)
        for evidence in node.mentions + node.edema.evidence {
            #expect(String(decoding: bytes[evidence.span.start..<evidence.span.end], as: UTF8.self) == evidence.text)
        }
        #expect(node.edema.value == true)
        #expect(node.location.levelLabel == "L4-L5")
    }

    // Sentence splitting survives "L4-5.", "1.2 cm", "Dr." and numbered lists.
    @Test func sentencesSurviveAbbreviationsAndNumbers() {
        let analysis = ReportAnalysis(text: Array("Node at L4-5. Size 1.2 cm per Dr. Smith.\n1. First item\n2. Second".utf8), givenSections: [])
        #expect(analysis.layout.sentences.count == 4)
    }

    @Test func sizesAndLarge() throws {
        let node = try #require(nodes("Schmorl's node at L3 measuring 1.2 x 0.8 cm.").first)
        #expect(node.sizeMm == 12)
        #expect(node.isLarge)
        let moderate = try #require(nodes("Moderate Schmorl's node at L3 measuring 6 mm.").first)
        #expect(!moderate.isLarge)
    }
}
