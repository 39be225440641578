/// The regions of the spine, in cranio-caudal order.
public enum SpinalRegion: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case cervical, thoracic, lumbar, sacral, coccygeal

    /// The letter reports use for a vertebra of this region ("T" also stands for the older "D", dorsal).
    public var letter: String {
        switch self {
        case .cervical: "C"
        case .thoracic: "T"
        case .lumbar: "L"
        case .sacral: "S"
        case .coccygeal: "Co"
        }
    }

    /// Highest vertebra number the engine accepts: L6 and S5 exist in transitional anatomy (domain.md §2.1),
    /// so the report's labels are kept rather than renumbered.
    public var maximumNumber: Int {
        switch self {
        case .cervical: 7
        case .thoracic: 12
        case .lumbar: 6
        case .sacral: 5
        case .coccygeal: 4
        }
    }

    public static func < (lhs: SpinalRegion, rhs: SpinalRegion) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One vertebra, as the report labels it ("L4", "T12", "S1").
public struct VertebralLevel: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var region: SpinalRegion
    public var number: Int

    public init?(region: SpinalRegion, number: Int) {
        guard number >= 1, number <= region.maximumNumber else { return nil }
        self.region = region
        self.number = number
    }

    /// "L4", "T12", "S1".
    public var description: String { "\(region.letter)\(number)" }

    /// The vertebra below, crossing regions (C7 to T1, T12 to L1, L5 to S1). L6 is followed by S1 too, and L5
    /// by L6 only when a report names an L6; `next` gives the standard count (domain.md §2.2, adjacency).
    public var next: VertebralLevel? {
        if number < standardCount { return VertebralLevel(region: region, number: number + 1) }
        switch region {
        case .cervical: return VertebralLevel(region: .thoracic, number: 1)
        case .thoracic: return VertebralLevel(region: .lumbar, number: 1)
        case .lumbar: return VertebralLevel(region: .sacral, number: 1)
        case .sacral: return number < 5 ? VertebralLevel(region: .sacral, number: number + 1) : nil
        case .coccygeal: return nil
        }
    }

    private var standardCount: Int {
        switch region {
        case .cervical: 7
        case .thoracic: 12
        case .lumbar: 5
        case .sacral: 5
        case .coccygeal: 4
        }
    }

    /// Whether `lower` is the vertebra directly below this one (an L6 counts as below L5 and above S1).
    public func isDirectlyAbove(_ lower: VertebralLevel) -> Bool {
        if next == lower { return true }
        if region == .lumbar, number == 5, lower.region == .lumbar, lower.number == 6 { return true }
        if region == .lumbar, number == 6, lower.region == .sacral, lower.number == 1 { return true }
        return false
    }

    /// Position from the skull down, for ordering output and expanding ranges.
    public var ordinal: Int {
        switch region {
        case .cervical: number
        case .thoracic: 7 + number
        case .lumbar: 19 + number
        case .sacral: 25 + number
        case .coccygeal: 30 + number
        }
    }

    public static func < (lhs: VertebralLevel, rhs: VertebralLevel) -> Bool { lhs.ordinal < rhs.ordinal }

    /// Parses "L4", "T12", "D12" (dorsal = thoracic), "S1".
    public init?(label: String) {
        let upper = label.uppercased()
        guard let first = upper.first, let number = Int(upper.dropFirst()) else { return nil }
        let region: SpinalRegion
        switch first {
        case "C": region = .cervical
        case "T", "D": region = .thoracic
        case "L": region = .lumbar
        case "S": region = .sacral
        default: return nil
        }
        self.init(region: region, number: number)
    }
}

/// A disc level: the disc between two adjacent vertebrae, upper first ("L4-L5", "T12-L1").
public struct DiscLevel: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var upper: VertebralLevel
    public var lower: VertebralLevel

    public init?(upper: VertebralLevel, lower: VertebralLevel) {
        guard upper.isDirectlyAbove(lower) else { return nil }
        self.upper = upper
        self.lower = lower
    }

    /// "L4-L5": both letters, upper first, whatever spelling the report used (rules.md §1).
    public var description: String { "\(upper)-\(lower)" }

    public static func < (lhs: DiscLevel, rhs: DiscLevel) -> Bool { lhs.upper < rhs.upper }

    /// Parses "L4-L5" and "L4-5".
    public init?(label: String) {
        let parts = label.split(separator: "-")
        guard parts.count == 2, let upper = VertebralLevel(label: String(parts[0])) else { return nil }
        let lowerText = String(parts[1])
        let lower: VertebralLevel?
        if let number = Int(lowerText) {
            lower = VertebralLevel(region: upper.region, number: number)
        } else {
            lower = VertebralLevel(label: lowerText)
        }
        guard let lower else { return nil }
        self.init(upper: upper, lower: lower)
    }
}

/// Which endplate of a vertebra (rules.md §1: upper/cranial/sup map to superior, lower/caudal/inf to inferior).
public enum Endplate: String, Sendable, Hashable, Codable, CaseIterable {
    case superior, inferior
}

/// Where a node is: a vertebra (with its endplate when named), else a disc level, else at most a region.
public struct NodeLocation: Sendable, Hashable, Codable {
    public var vertebra: VertebralLevel?
    public var disc: DiscLevel?
    public var endplate: Endplate?
    public var region: SpinalRegion?

    public init(
        vertebra: VertebralLevel? = nil, disc: DiscLevel? = nil, endplate: Endplate? = nil,
        region: SpinalRegion? = nil
    ) {
        self.vertebra = vertebra
        self.disc = disc
        self.endplate = endplate
        self.region = region
    }

    /// The level as output: the vertebra when known, else the disc level, else nil.
    public var levelLabel: String? { vertebra?.description ?? disc?.description }

    /// Whether the report gave any level.
    public var hasLevel: Bool { vertebra != nil || disc != nil }

    /// Cranio-caudal position for ordering (a disc sorts just below its upper vertebra).
    public var sortKey: Int {
        if let vertebra { return vertebra.ordinal * 4 + (endplate == .inferior ? 2 : 0) }
        if let disc { return disc.upper.ordinal * 4 + 3 }
        return Int.max / 2
    }
}
