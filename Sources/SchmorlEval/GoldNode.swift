public import SchmorlModel

/// One hand-labelled node: the summary fields every gold line has, plus the optional fields a labeller may add.
///
/// The summary fields decide detection, the per-field figures and report-level exact match. The optional fields
/// (Fixtures/README.md) are compared only where the gold gives them, each in a figure of its own, so a gold set
/// that never labels size is not penalised for it.
public struct GoldNode: Sendable, Hashable {
    /// The fields of `extract --output summary`.
    public var summary: NodeSummary
    /// Largest dimension in millimetres; compared within `GoldNode.sizeTolerance`.
    public var sizeMm: Double?
    /// Called large or giant, or 10 mm or more (rules.md §4); compared with `NodeFinding.isLarge`.
    public var large: Bool?
    /// A sclerotic rim is stated; compared with `NodeFinding.scleroticRim.value == true`.
    public var scleroticRim: Bool?
    /// Comparison with a prior exam; compared with `NodeFinding.comparison`.
    public var comparison: Comparison?

    /// How far apart two sizes may be and still agree, in millimetres: reports give sizes to a tenth of a
    /// centimetre at best ("1.2 cm"), so anything finer is rounding.
    public static let sizeTolerance = 0.05

    /// A gold node with its summary fields and any optional fields.
    public init(
        _ summary: NodeSummary, sizeMm: Double? = nil, large: Bool? = nil, scleroticRim: Bool? = nil,
        comparison: Comparison? = nil
    ) {
        self.summary = summary
        self.sizeMm = sizeMm
        self.large = large
        self.scleroticRim = scleroticRim
        self.comparison = comparison
    }
}

extension GoldNode: Decodable {
    enum CodingKeys: String, CodingKey {
        case level, sizeMm, large, scleroticRim, comparison
    }

    /// Reads one node of the gold format: the summary keys (`level`, `endplate`, `assertion`, `multiple`, the
    /// four features, `acute`, `symptomatic`) and the optional ones. Keys it does not know are ignored.
    ///
    /// The level is normalised to the output spelling ("L4-5", "L4/5" and "l4–l5" become "L4-L5"; "D12" becomes
    /// "T12"), so a labeller's notation never counts as a location error; a level that is not a vertebra or a
    /// disc level is a decoding error, which becomes an error row.
    public init(from decoder: any Decoder) throws {
        var summary = try NodeSummary(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let level = summary.level {
            guard let normalised = GoldNode.normalisedLevel(level) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .level, in: container,
                    debugDescription: "\"\(level)\" is not a vertebra (\"L2\") or a disc level (\"L1-L2\")")
            }
            summary.level = normalised
        }
        self.init(
            summary,
            sizeMm: try container.decodeIfPresent(Double.self, forKey: .sizeMm),
            large: try container.decodeIfPresent(Bool.self, forKey: .large),
            scleroticRim: try container.decodeIfPresent(Bool.self, forKey: .scleroticRim),
            comparison: try container.decodeIfPresent(Comparison.self, forKey: .comparison))
    }

    /// The output spelling of a vertebra or disc level (rules.md §1), or nil when `label` is neither.
    static func normalisedLevel(_ label: String) -> String? {
        var text = ""
        for scalar in label.unicodeScalars where scalar != " " {
            switch scalar {
            case "/", "\u{2013}", "\u{2014}", "\u{2212}": text += "-"
            default: text.unicodeScalars.append(scalar)
            }
        }
        if let vertebra = VertebralLevel(label: text) { return vertebra.description }
        if let disc = DiscLevel(label: text) { return disc.description }
        return nil
    }
}
