import SchmorlModel
@_spi(Stages) @testable import SchmorlText
import Testing

/// The per-stage hook of the benchmarks: running a report through a stage must do that stage's work and give the
/// same answer the engine gives, or the per-stage figures measure something else.
@Suite struct TextStageTests {
    let report = ReportDocument(
        id: "stages",
        text: """
            FINDINGS:
            Acute Schmorl's node at the inferior endplate of L1 with surrounding marrow edema.
            Small chronic Schmorl's nodes at T11 and T12. No fracture. Metastasis cannot be excluded.

            IMPRESSION:
            1. Acute L1 Schmorl's node.
            """)

    @Test func earlyStagesStopWhereTheySay() {
        let engine = TextEngine()
        let bytes = Array(report.text.utf8)
        let full = ReportAnalysis(text: bytes, givenSections: [])
        #expect(engine.run(report, through: .folding) == bytes.count)
        #expect(engine.run(report, through: .tokenizing) == full.tokens.count)
        #expect(engine.run(report, through: .levels) == full.levels.count)
        #expect(engine.run(report, through: .layout) == full.layout.sentences.count)
        #expect(engine.run(report, through: .endplates) == full.endplates.count)
        // Stopping early leaves the later fields empty: the stage really was not run.
        let tokensOnly = ReportAnalysis(text: bytes, givenSections: [], through: .tokenizing)
        #expect(tokensOnly.tokens.count == full.tokens.count)
        #expect(tokensOnly.layout.sentences.isEmpty && tokensOnly.levels.isEmpty && tokensOnly.context.isEmpty)
    }

    @Test func lastStagesAgreeWithTheEngine() {
        let extraction = TextEngine().extract(report)
        #expect(extraction.nodes.count == 3)
        #expect(TextEngine().run(report, through: .nodes) == extraction.nodes.count)
        #expect(
            TextEngine().run(report, through: .differentials) == extraction.nodes.count + extraction.differentials.count)
    }
}
