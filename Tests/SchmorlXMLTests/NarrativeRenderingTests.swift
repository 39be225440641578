import SchmorlModel
import SchmorlXML
import Testing

/// How markup becomes the narrative the text engine reads (issue 3; rules.md §4, last points).
@Suite("Narrative rendering")
struct NarrativeRenderingTests {
    /// A minimal CDA around section narratives.
    static func cda(_ sections: String, title: String = "") -> [UInt8] {
        Array(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <ClinicalDocument xmlns="urn:hl7-org:v3">
              <id root="2.16.840.1.113883.19.5" extension="doc-1"/>
              \(title.isEmpty ? "" : "<title>\(title)</title>")
              <recordTarget><patientRole><id root="2.16.840.1.113883.19.5" extension="P1"/></patientRole></recordTarget>
              <component><structuredBody>\(sections)</structuredBody></component>
            </ClinicalDocument>
            """.utf8)
    }

    static func section(code: String = "18782-3", title: String = "Findings", _ narrative: String) -> String {
        """
        <component><section>
          <code code="\(code)" codeSystem="2.16.840.1.113883.6.1"/>
          <title>\(title)</title>
          <text>\(narrative)</text>
        </section></component>
        """
    }

    static func read(_ bytes: [UInt8], format: SourceFormat? = nil) throws -> ReportDocument {
        let documents = try XMLReportReader().read(bytes: bytes, id: "rendering", format: format)
        try #require(documents.count == 1)
        return documents[0]
    }

    // rules.md §4: "Schmorl's <!-- x -->node" still reads as one mention.
    @Test(
        "a comment or processing instruction adds no space",
        arguments: [
            ("Schmorl's <!-- x -->node at L2.", "Schmorl's node at L2."),
            ("Schm<!-- dictation -->orl's node at L2.", "Schmorl's node at L2."),
            ("Schmorl's <?pi x?>node at L2.", "Schmorl's node at L2."),
            ("Schmorl's<!-- x --> node at L2.", "Schmorl's node at L2."),
        ])
    func commentsAddNothing(_ markup: String, _ expected: String) throws {
        for bytes in [
            Self.cda(Self.section("<paragraph>\(markup)</paragraph>")),
            Array("<report><findings>\(markup)</findings></report>".utf8),
            Array(
                "<DiagnosticReport xmlns=\"http://hl7.org/fhir\"><id value=\"x\"/><text><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>\(markup)</p></div></text></DiagnosticReport>"
                    .utf8),
        ] {
            let document = try Self.read(bytes)
            #expect(document.text.contains(expected), "\(document.sourceFormat): \(document.text)")
        }
    }

    // rules.md §4: a table row whose first cell is the level heads its row.
    @Test("a table row is one line: first cell, ': ', the others joined by '; '")
    func tableRows() throws {
        let document = try Self.read(
            Self.cda(
                Self.section(
                    """
                    <table>
                      <thead><tr><th>Level</th><th>Disc</th><th>Endplates</th></tr></thead>
                      <tbody>
                        <tr><td>L3-4</td><td>Normal.</td><td/></tr>
                        <tr><td>L4-5</td><td>Mild bulge.</td><td><content>Small Schmorl's node.</content></td></tr>
                        <tr><td>L5-S1:</td><td>Normal.</td></tr>
                        <tr><td/><td>Orphan cell.</td></tr>
                      </tbody>
                    </table>
                    """)))
        #expect(document.text.contains("Level: Disc; Endplates\n"))
        #expect(document.text.contains("\nL3-4: Normal.\n"))
        #expect(document.text.contains("\nL4-5: Mild bulge.; Small Schmorl's node.\n"))
        #expect(document.text.contains("\nL5-S1: Normal.\n"), "a first cell ending in ':' gets no second colon")
        #expect(document.text.contains("\nOrphan cell.\n"))
    }

    @Test("paragraphs, list items and br are lines; inline content flows; whitespace collapses")
    func blocksAndInline() throws {
        let document = try Self.read(
            Self.cda(
                Self.section(
                    """
                    <paragraph>There is a   Schmorl's
                        node <content styleCode="Bold">at</content> <content ID="c1">L2</content>.</paragraph>
                    <paragraph>Line one.<br/>Line two.</paragraph>
                    <list listType="ordered"><item>First.</item><item><paragraph>Second.</paragraph></item></list>
                    <list><item>Bullet.</item></list>
                    <paragraph><caption>Note</caption>Caption labels its paragraph.</paragraph>
                    """) + Self.section(code: "19005-8", title: "Impression", "Plain text &amp; a reference &#233;.")))
        let expected = """
            FINDINGS:
            There is a Schmorl's node at L2.
            Line one.
            Line two.
            1. First.
            2. Second.
            - Bullet.
            Note: Caption labels its paragraph.

            IMPRESSION:
            Plain text & a reference é.

            """
        #expect(document.text == expected)
        #expect(!document.text.contains("Bold") && !document.text.contains("c1"), "attributes are not narrative")
    }

    @Test("sections: header line included in the range, coded kind, source code, DICOM catalog skipped")
    func sections() throws {
        let document = try Self.read(
            Self.cda(
                Self.section(code: "121181", title: "DICOM Object Catalog", "<paragraph>catalog</paragraph>")
                    + Self.section(code: "55752-0", title: "Clinical history", "<paragraph>Back pain.</paragraph>")
                    + Self.section(code: "99999-9", title: "Impression", "<paragraph>Schmorl's node.</paragraph>")
                    + Self.section(code: "18782-3", title: "", "<paragraph>Untitled findings.</paragraph>"),
                title: "MRI LUMBAR SPINE"))
        #expect(!document.text.contains("catalog"))
        let bytes = Array(document.text.utf8)
        let summary = document.sections.map { section -> String in
            let text = String(decoding: bytes[section.range.start..<section.range.end], as: UTF8.self)
            return "\(section.kind.rawValue)|\(section.title)|\(section.sourceCode ?? "-")|\(text)"
        }
        #expect(
            summary == [
                "preamble||-|MRI LUMBAR SPINE\n",
                "history|CLINICAL HISTORY|55752-0|CLINICAL HISTORY:\nBack pain.\n",
                "impression|IMPRESSION|99999-9|IMPRESSION:\nSchmorl's node.\n",
                "findings||18782-3|Untitled findings.\n",
            ])
        #expect(document.id == "doc-1")
        #expect(document.metadata["patientId"] == "P1")
    }

    @Test("nested sections are header lines inside their parent")
    func nestedSections() throws {
        let nested = """
            <component><section>
              <code code="18782-3" codeSystem="2.16.840.1.113883.6.1"/>
              <title>Findings</title>
              <text><paragraph>General.</paragraph></text>
              <component><section><title>L4-5</title><text>Small Schmorl's node.</text></section></component>
            </section></component>
            """
        let document = try Self.read(Self.cda(nested))
        #expect(document.text == "FINDINGS:\nGeneral.\nL4-5:\nSmall Schmorl's node.\n")
        #expect(document.sections.count == 1)
    }

    @Test("the source map sends narrative offsets to the source line and column")
    func sourceMap() throws {
        let source = """
            <?xml version="1.0"?>
            <ClinicalDocument xmlns="urn:hl7-org:v3">
              <component><structuredBody><component><section>
                <title>Findings</title>
                <text>
                  <paragraph>Mild bulge.  Schmorl's node
                    at the superior endplate of L2.</paragraph>
                </text>
              </section></component></structuredBody></component>
            </ClinicalDocument>
            """
        let document = try Self.read(Array(source.utf8))
        let map = try #require(document.sourceMap)
        let text = Array(document.text.utf8)
        func offset(of word: String) -> Int {
            let pattern = Array(word.utf8)
            for index in 0...(text.count - pattern.count) where Array(text[index..<(index + pattern.count)]) == pattern
            {
                return index
            }
            return -1
        }
        // "FINDINGS" is the title text at line 4, column 12.
        #expect(map.position(of: 0) == SourcePosition(line: 4, column: 12))
        #expect(map.position(of: offset(of: "Mild")) == SourcePosition(line: 6, column: 18))
        #expect(map.position(of: offset(of: "Schmorl's")) == SourcePosition(line: 6, column: 31))
        #expect(map.position(of: offset(of: "node")) == SourcePosition(line: 6, column: 41))
        #expect(map.position(of: offset(of: "at the")) == SourcePosition(line: 7, column: 9))
        #expect(map.position(of: offset(of: "L2")) == SourcePosition(line: 7, column: 37))
    }

    @Test("generic XML: section-named elements, level leaves, identifiers to metadata, line breaks kept")
    func genericXML() throws {
        let source = """
            <?xml version="1.0"?>
            <RadiologyReport>
              <AccessionNumber>A123</AccessionNumber>
              <ExamTitle>MRI LUMBAR SPINE</ExamTitle>
              <ClinicalHistory>Back pain.</ClinicalHistory>
              <Findings>
                <Level><Label>L2-3</Label><Text>Small Schmorl's node.</Text></Level>
                <L4-5>Disc bulge.</L4-5>
                <Note>Line one
            Line two</Note>
              </Findings>
              <Section><Heading>Impression</Heading><Body>Incidental node.</Body></Section>
            </RadiologyReport>
            """
        let document = try Self.read(Array(source.utf8))
        #expect(document.sourceFormat == .genericXML)
        #expect(
            document.text == """
                MRI LUMBAR SPINE

                CLINICAL HISTORY:
                Back pain.

                FINDINGS:
                L2-3: Small Schmorl's node.
                L4-5: Disc bulge.
                Line one
                Line two

                Impression:
                Incidental node.

                """)
        #expect(document.metadata["AccessionNumber"] == "A123")
        #expect(document.sections.map(\.kind) == [.preamble, .history, .findings, .impression])
        #expect(document.sections.map(\.sourceCode) == [nil, "ClinicalHistory", "Findings", "Heading"])
    }

    @Test("generic XML with no section markup gives no sections: the text engine finds the headers")
    func genericWithoutSections() throws {
        let document = try Self.read(Array("<r><body>FINDINGS: Schmorl's node at L2.</body></r>".utf8))
        #expect(document.text == "FINDINGS: Schmorl's node at L2.\n")
        #expect(document.sections.isEmpty)
    }

    @Test("DICOM SR (dsr2xml): containers are sections, TEXT items lines, coded items skipped")
    func dicomSR() throws {
        let source = """
            <?xml version="1.0" encoding="UTF-8"?>
            <report type="Basic Text SR">
            <patient><id>P9</id></patient>
            <document><content>
            <container flag="SEPARATE">
            <concept><value>11528-7</value><scheme><designator>LN</designator></scheme><meaning>Radiology Report</meaning></concept>
            <text><relationship>CONTAINS</relationship>
            <concept><value>121060</value><scheme><designator>DCM</designator></scheme><meaning>History</meaning></concept>
            <value>Back pain.</value></text>
            <container flag="SEPARATE"><relationship>CONTAINS</relationship>
            <concept><value>121070</value><scheme><designator>DCM</designator></scheme><meaning>Findings</meaning></concept>
            <text><relationship>CONTAINS</relationship>
            <concept><value>121071</value><scheme><designator>DCM</designator></scheme><meaning>Finding</meaning></concept>
            <value>Schmorl&apos;s node at L2.
            Second line.</value></text>
            <text><relationship>CONTAINS</relationship>
            <concept><value>L45</value><scheme><designator>99LOCAL</designator></scheme><meaning>L4-5</meaning></concept>
            <value>Disc bulge.</value></text>
            <code><relationship>CONTAINS</relationship>
            <concept><value>121071</value><scheme><designator>DCM</designator></scheme><meaning>Finding</meaning></concept>
            <value>SCT-123</value><meaning>Coded Schmorl node</meaning></code>
            </container>
            </container>
            </content></document>
            </report>
            """
        let document = try Self.read(Array(source.utf8))
        #expect(document.sourceFormat == .dicomSR)
        #expect(
            document.text
                == "HISTORY:\nBack pain.\n\nFINDINGS:\nSchmorl's node at L2.\nSecond line.\nL4-5: Disc bulge.\n")
        #expect(document.sections.map(\.sourceCode) == ["121060", "121070"])
        #expect(document.metadata["patientId"] == "P9")
        #expect(document.metadata["title"] == "Radiology Report")
    }

    @Test("OpenI: each AbstractText is a section named by its Label")
    func openI() throws {
        let source = """
            <eCitation><uId id="CXR7"/><MedlineCitation><Article><Abstract>
            <AbstractText Label="COMPARISON">None.</AbstractText>
            <AbstractText Label="INDICATION">Back pain.</AbstractText>
            <AbstractText Label="FINDINGS">Schmorl's node at L2.</AbstractText>
            <AbstractText Label="IMPRESSION">Incidental node.</AbstractText>
            </Abstract></Article></MedlineCitation><MeSH><major>Spine</major></MeSH></eCitation>
            """
        let document = try Self.read(Array(source.utf8))
        #expect(document.sourceFormat == .openI)
        #expect(document.sections.map(\.kind) == [.comparison, .history, .findings, .impression])
        #expect(document.sections.map(\.sourceCode) == ["COMPARISON", "INDICATION", "FINDINGS", "IMPRESSION"])
        #expect(!document.text.contains("Spine"))
        #expect(document.metadata["uId"] == "CXR7")
    }
}
