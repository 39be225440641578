extension Array where Element == Int32 {
    /// Sets every element of `range` (clamped to the array) to `value` with one uniqueness check, not one per
    /// element: per-token maps (section, sentence, heading of each token) are filled a range at a time.
    mutating func fill(_ range: Range<Int>, with value: Int32) {
        let clamped = range.clamped(to: 0..<count)
        guard !clamped.isEmpty else { return }
        withUnsafeMutableBufferPointer { buffer in
            UnsafeMutableBufferPointer(rebasing: buffer[clamped]).update(repeating: value)
        }
    }
}
