import SchmorlModel
@_spi(Stages) @testable import SchmorlText
import Testing

/// A worker's workspace refills the arrays of its previous report in place: a report analysed with one that has
/// served other reports (longer, shorter, with clauses, with given sections) must come out as on its own.
@Suite struct WorkspaceTests {
    let reports = [
        """
        CLINICAL HISTORY: Back pain.
        FINDINGS:
        L4-5: Schmorl's node; no edema. At the L2-L3 level, disc bulge.
        Fourth lumbar vertebra: small endplate irregularity, however no fracture.
        """,
        "Tiny Schmorl node at T12.",
        "",
        """
        IMPRESSION:
        1. Acute L1 Schmorl's node with marrow edema; chronic nodes at T11 and T12.
        2. No metastasis.
        """,
    ]

    @Test func aReusedWorkspaceGivesTheSameExtractions() {
        let engine = TextEngine()
        let workspace = TextEngine.Workspace()
        for _ in 0..<2 {
            for text in reports {
                let bytes = Array(text.utf8)
                let alone = engine.extract(utf8: bytes)
                let reused = engine.extract(utf8: bytes, workspace: workspace)
                #expect(reused.sections == alone.sections)
                #expect(reused.nodes == alone.nodes)
                #expect(reused.differentials == alone.differentials)
            }
        }
    }

    @Test func aReusedWorkspaceGivesTheSameAnalysis() {
        let workspace = TextEngine.Workspace()
        let given = [ReportSection(kind: .findings, title: "Findings", range: TextSpan(start: 0, end: 20))]
        for sections in [[], given] {
            for text in reports {
                let bytes = Array(text.utf8)
                let alone = ReportAnalysis(text: bytes, givenSections: sections)
                let reused = ReportAnalysis(text: bytes, givenSections: sections, workspace: workspace)
                #expect(reused.folded == alone.folded)
                #expect(reused.tokens.map(\.range) == alone.tokens.map(\.range))
                #expect(reused.layout.sentences == alone.layout.sentences)
                #expect(reused.layout.tokenMaps == alone.layout.tokenMaps)
                #expect(reused.layout.sections.map(\.tokens) == alone.layout.sections.map(\.tokens))
                #expect((0..<alone.tokens.count).allSatisfy { reused.clause(of: $0) == alone.clause(of: $0) })
            }
        }
        // Stopped early, the later fields stay empty, whatever the workspace held.
        let tokensOnly = ReportAnalysis(
            text: Array(reports[0].utf8), givenSections: [], through: .folding, workspace: workspace)
        #expect(tokensOnly.tokens.isEmpty && tokensOnly.layout.sentences.isEmpty && tokensOnly.layout.tokenMaps.isEmpty)
    }
}
