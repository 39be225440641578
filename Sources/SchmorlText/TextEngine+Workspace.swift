extension TextEngine {
    /// One worker's arrays, reused from report to report: the folded bytes, the tokens, the layout's maps and
    /// ranges, the level, match and clause arrays are emptied keeping their capacity and filled again, instead of
    /// allocated and freed for every report.
    ///
    /// Why: an array allocation costs about 600 instructions (malloc, free and the runtime's generic metadata
    /// lookup), and a report made about twenty of these; after a worker's first few reports its arrays are large
    /// enough for almost any report, and a report allocates none of them.
    ///
    /// Not `Sendable`, and not to be shared: one workspace per worker thread (the bulk runner makes one per
    /// processor, ``BulkRunner`` makes a processor per worker). The arrays it lends an analysis are shared with it
    /// until the report is done, so a workspace serves one report at a time; a caller that kept an analysis alive
    /// would only cost the next report a fresh allocation (copy on write), never a wrong result.
    public final class Workspace {
        /// Every stage's arrays, as the previous report left them (`ReportAnalysis.Stages.run` empties them).
        private var stages = ReportAnalysis.Stages()

        public init() {}

        /// Lends the arrays held here to an analysis's stages to fill (the workspace holds empty ones meanwhile).
        /// Swapped, not copied, so no array is retained or released on the way.
        func lend(to stages: inout ReportAnalysis.Stages) {
            swap(&stages, &self.stages)
        }

        /// Takes the filled arrays back for the next report. The analysis keeps its own references to them until
        /// it is gone, so `stages` is left with empty arrays.
        func takeBack(from stages: inout ReportAnalysis.Stages) {
            swap(&stages, &self.stages)
        }
    }
}
