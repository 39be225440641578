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
struct EndplateMention: Sendable {
    var tokens: Range<Int>
    var directions: [Endplate]
    /// Indices into the level mentions that this endplate phrase names ("inferior endplate of L1").
    var levels: [Int]
    /// "both endplates", "opposing endplates", "kissing".
    var both: Bool
}
