/// Whitespace trimming without Foundation (SchmorlXML keeps to the standard library).
extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while let last = copy.last, last.isWhitespace { copy.removeLast() }
        return copy
    }

    /// Leading and trailing whitespace removed.
    var trimmed: String {
        var copy = Substring(self)
        while let first = copy.first, first.isWhitespace { copy.removeFirst() }
        while let last = copy.last, last.isWhitespace { copy.removeLast() }
        return String(copy)
    }
}
