/// A fraction with its counts: the value a figure reports and the counts a reader checks it against.
///
/// Every figure of `schmorl eval` is a `Rate`, so a rate is never shown without the counts behind it
/// ("0.857 (6/7)"): a reviewer can tell a 100% over 2 cases from a 100% over 200.
///
/// Invariant: `0 <= numerator <= denominator`. A rate over nothing (`denominator == 0`) has no value; it is
/// shown as "n/a" and fails any gate set on it (there is nothing to vouch for).
public struct Rate: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The cases counted as right (for an F1, twice the true positives).
    public var numerator: Int
    /// The cases the rate is taken over (for an F1, 2·TP + FP + FN).
    public var denominator: Int

    /// A rate of `numerator` out of `denominator`.
    public init(_ numerator: Int, of denominator: Int) {
        precondition(numerator >= 0 && numerator <= denominator, "a rate counts at most its denominator")
        self.numerator = numerator
        self.denominator = denominator
    }

    /// `numerator / denominator`, or nil when there is nothing to measure.
    public var value: Double? {
        denominator == 0 ? nil : Double(numerator) / Double(denominator)
    }

    /// The value with three decimals, or "n/a".
    public var formattedValue: String {
        guard let value else { return "n/a" }
        return formatDecimal(value, places: 3)
    }

    /// The counts: "6/7".
    public var formattedCounts: String { "\(numerator)/\(denominator)" }

    /// "0.857 (6/7)", or "n/a (0/0)".
    public var description: String { "\(formattedValue) (\(formattedCounts))" }

    enum CodingKeys: String, CodingKey {
        case numerator, denominator, value
    }

    /// Reads the counts (the value is derived), refusing a numerator outside 0...denominator.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let numerator = try container.decode(Int.self, forKey: .numerator)
        let denominator = try container.decode(Int.self, forKey: .denominator)
        guard numerator >= 0, numerator <= denominator else {
            throw DecodingError.dataCorruptedError(
                forKey: .numerator, in: container, debugDescription: "numerator must lie in 0...denominator")
        }
        self.init(numerator, of: denominator)
    }

    /// Writes the counts and the value (`null` when there is nothing to measure), so machines need not divide.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(numerator, forKey: .numerator)
        try container.encode(denominator, forKey: .denominator)
        try container.encode(value, forKey: .value)
    }
}

/// `value` rounded half away from zero to `places` decimals, without Foundation's locale-dependent formatting.
func formatDecimal(_ value: Double, places: Int) -> String {
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
    guard scaled < 1e15 else { return "\(value)" }
    let integer = Int(scaled)
    let whole = integer / Int(scale)
    var fraction = String(integer % Int(scale))
    while fraction.count < places { fraction = "0" + fraction }
    let sign = value < 0 && integer != 0 ? "-" : ""
    return places == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
}
