/// A set of token indices as a flat array of flags: membership is an array index, not a hash.
///
/// Per-report token sets were the top item of the profile as `Set<Int>` (Swift's hashing); these are sized to the
/// report's token count once and never rehash.
struct TokenFlags {
    private var flags: [Bool]

    init(count: Int) { flags = [Bool](repeating: false, count: count) }

    /// Out-of-range indices are simply not members.
    @inline(__always) func contains(_ index: Int) -> Bool { index >= 0 && index < flags.count && flags[index] }

    @inline(__always) mutating func insert(_ index: Int) {
        if index >= 0 && index < flags.count { flags[index] = true }
    }
}

/// A map from token index to a value, as a flat array of optionals.
struct TokenMap<Value> {
    private var values: [Value?]

    init(count: Int) { values = [Value?](repeating: nil, count: count) }

    @inline(__always) subscript(index: Int) -> Value? {
        get { index >= 0 && index < values.count ? values[index] : nil }
        set { if index >= 0 && index < values.count { values[index] = newValue } }
    }
}
