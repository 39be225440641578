public import SchmorlModel

/// Options for a pipeline run.
public struct PipelineOptions: Sendable, Hashable {
    /// Largest input accepted for one report, in bytes.
    public var maximumReportBytes: Int = 64 << 20
    public init() {}
}

/// Runs the whole pipeline on one report: read, extract, classify.
///
/// A value type with no shared mutable state: one pipeline can serve every task of a bulk run.
public struct Pipeline: Sendable {
    public var options: PipelineOptions

    public init(options: PipelineOptions = PipelineOptions()) {
        self.options = options
    }

    /// Extracts and classifies every node of one report.
    public func extract(_ document: ReportDocument) -> Extraction {
        // Engine lands in the next commits.
        Extraction(id: document.id, sourceFormat: document.sourceFormat, sections: [], nodes: [], differentials: [])
    }

    /// Reads a file (text or any supported XML/JSON wrapper, detected unless `format` is given) and extracts
    /// every report it holds (a FHIR Bundle holds several).
    public func extract(fileAt path: String, id: String? = nil, format: SourceFormat? = nil) throws(SchmorlError)
        -> [Extraction]
    {
        []
    }

    /// The assertion engine on its own: present / absent / possible for `target` in `text`.
    public func assert(text: String, target: TextSpan) -> AssertionResult {
        AssertionResult(assertion: .present, cue: nil, target: Evidence(span: target, text: ""))
    }
}
