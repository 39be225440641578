extension ReportAnalysis {
    /// Whether token `index` is spelt `word` in the folded text, compared as bytes.
    ///
    /// The answer `word(index) == String(word)` gives, without making a String: `word` is lower-case ASCII without
    /// "k", "`" or ";", the only ASCII characters another character is canonically equivalent to, so no other
    /// bytes make an equal String.
    func spells(_ index: Int, _ word: StaticString) -> Bool {
        let token = tokens[index]
        let start = Int(token.start)
        let length = Int(token.end) - start
        return word.withUTF8Buffer { letters in
            guard letters.count == length else { return false }
            for offset in 0..<length where folded[start + offset] != letters[offset] { return false }
            return true
        }
    }
}
