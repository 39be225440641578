extension RandomAccessCollection {
    /// The index of the first element for which `isBefore` is false, in a collection whose elements for which it
    /// is true all come first: matches sorted by their start, tokens by their offset. Every "first match at or
    /// after token i" lookup of the engine is this binary search.
    /// - Complexity: O(log n).
    @inline(__always)
    func partitionPoint(where isBefore: (Element) -> Bool) -> Index {
        var low = startIndex
        var remaining = count
        while remaining > 0 {
            let half = remaining / 2
            let middle = index(low, offsetBy: half)
            if isBefore(self[middle]) {
                low = index(after: middle)
                remaining -= half + 1
            } else {
                remaining = half
            }
        }
        return low
    }
}
