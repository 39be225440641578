extension TextEngine {
    /// One worker's arrays, reused from report to report: token, match and level arrays are emptied keeping their
    /// capacity and filled again, instead of allocated and freed for every report.
    ///
    /// Why: an array allocation costs about 600 instructions (malloc, free and the runtime's generic metadata
    /// lookup), and a report made about seven of these; after a worker's first few reports its arrays are large
    /// enough for almost any report, and a report allocates none of them.
    ///
    /// Not `Sendable`, and not to be shared: one workspace per worker thread (the bulk runner makes one per
    /// processor, ``BulkRunner`` makes a processor per worker). The arrays it lends an analysis are shared with it
    /// until the report is done, so a workspace serves one report at a time; a caller that kept an analysis alive
    /// would only cost the next report a fresh allocation (copy on write), never a wrong result.
    public final class Workspace {
        private var stages = ReportAnalysis.Stages()

        public init() {}

        /// Swaps the arrays held here with `stages`: an analysis takes the previous report's arrays to fill, and
        /// gives back the filled ones for the next report. Swapping, not copying, so no array is retained or
        /// released on the way.
        func exchange(_ stages: inout ReportAnalysis.Stages) {
            swap(&stages, &self.stages)
        }
    }
}
