public import SchmorlModel

/// One hand-labelled report: where its file is and what the engine should read out of it.
public struct GoldCase: Sendable, Hashable {
    /// The report id the gold gives; the engine is run with it and the mismatch list names it.
    public var id: String
    /// The path to open, as resolved at load (the gold directory or `--reports` joined with the file).
    public var reportPath: String
    /// The file as a reviewer finds it: relative to the gold directory or the reports directory.
    public var file: String
    /// The input format when the gold names it (`"format"`); nil lets the reader detect it.
    public var format: SourceFormat?
    /// The expected nodes, in the gold's order.
    public var nodes: [GoldNode]
    /// The listed conditions, canonical order (fracture, infection, malignancy), each once.
    public var differentials: [DifferentialCondition]
    /// Optional: whether each listed condition's evidence is affirmed or hedged, compared where given.
    public var differentialAssertions: [DifferentialCondition: DifferentialCertainty]
    /// Optional free text for reviewers (why the hard part reads the way it does).
    public var note: String?
    /// Optional: the id of the same report in another format (an XML fixture's free-text twin).
    public var twin: String?

    /// A gold case; `differentials` is put in canonical order without duplicates.
    public init(
        id: String, reportPath: String, file: String? = nil, format: SourceFormat? = nil, nodes: [GoldNode],
        differentials: [DifferentialCondition],
        differentialAssertions: [DifferentialCondition: DifferentialCertainty] = [:], note: String? = nil,
        twin: String? = nil
    ) {
        self.id = id
        self.reportPath = reportPath
        self.file = file ?? reportPath
        self.format = format
        self.nodes = nodes
        self.differentials = Array(Set(differentials)).sorted()
        self.differentialAssertions = differentialAssertions
        self.note = note
        self.twin = twin
    }

    /// The gold in the summary shape: what `extract --output summary` should print for this report.
    public var expected: ReportSummary {
        ReportSummary(id: id, nodes: nodes.map(\.summary), differentials: differentials)
    }

    /// The extraction this case is about, from everything the reader found in its file.
    ///
    /// A file usually holds one report; a FHIR Bundle may hold several, and then the one whose id is the gold's
    /// is taken.
    /// - Throws: `SchmorlError` `.invalidRecord` when the file holds no report, or several and none with this id.
    public func selectExtraction(from extractions: [Extraction]) throws(SchmorlError) -> Extraction {
        if let match = extractions.first(where: { $0.id == id }) { return match }
        if extractions.count == 1 { return extractions[0] }
        let message =
            extractions.isEmpty
            ? "the reader found no report in \(file); check that the file holds a report in a supported format"
            : "\(file) holds \(extractions.count) reports and none has the gold's id \"\(id)\"; "
                + "give the gold line the id of the report it labels"
        throw SchmorlError(.invalidRecord, message, record: id)
    }
}
