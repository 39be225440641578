import SchmorlModel

/// A level the report names: one vertebra, a disc level, or a range of vertebrae.
struct LevelMention: Sendable {
    enum Value: Sendable, Hashable {
        case vertebra(VertebralLevel)
        case disc(DiscLevel)
        /// Each vertebra of a range with named ends, top first (rules.md §1).
        case range([VertebralLevel])
    }

    var tokens: Range<Int>
    var value: Value
    /// Consecutive mentions joined by "," / "and" / "or" share a group.
    var group: Int
    /// "the L5 nerve root": names a root, not where a node is.
    var namesRoot: Bool

    /// Vertebrae the mention covers (a disc covers none on its own).
    var vertebrae: [VertebralLevel] {
        switch value {
        case .vertebra(let v): [v]
        case .disc: []
        case .range(let list): list
        }
    }
}

/// An endplate the report names: direction(s), and the levels written with it.
///
/// Both lists are held inline (`EndplateFinder` says why they are short): two arrays per endplate phrase were
/// two allocations.
struct EndplateMention: Sendable {
    var tokens: Range<Int>
    var directions: EndplateDirections
    /// Indices into the level mentions that this endplate phrase names ("inferior endplate of L1").
    var levels: EndplateLevels
    /// "both endplates", "opposing endplates", "kissing".
    var both: Bool
}

/// The directions of an endplate phrase in token order, duplicates kept: at most
/// ``EndplateDirections/capacity``, one bit each (set for inferior).
struct EndplateDirections: RandomAccessCollection, Sendable {
    static let capacity = 16
    private var bits: UInt16 = 0
    private(set) var count = 0

    init() {}

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(position: Int) -> Endplate { bits & (1 << position) != 0 ? .inferior : .superior }

    /// Adds `direction` in front (the finder reads the phrase backwards). At most `capacity`.
    mutating func prepend(_ direction: Endplate) {
        precondition(count < Self.capacity)
        bits = (bits << 1) | (direction == .inferior ? 1 : 0)
        count += 1
    }
}

/// The levels of an endplate phrase, ascending: at most one written before it ("L3 superior endplate") and the
/// consecutive mentions of one group after it ("of L1 and L2").
struct EndplateLevels: RandomAccessCollection, Sendable {
    /// The level before the phrase, or -1.
    var before = -1
    /// The levels after it (their indices are above `before`: levels are in token order).
    var after: Range<Int> = 0..<0

    var startIndex: Int { 0 }
    var endIndex: Int { (before >= 0 ? 1 : 0) + after.count }

    subscript(position: Int) -> Int {
        if before >= 0 { return position == 0 ? before : after.lowerBound + position - 1 }
        return after.lowerBound + position
    }

    func contains(_ level: Int) -> Bool { level == before || after.contains(level) }
}
