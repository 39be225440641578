/// A class of vocabulary words (location words, qualities, abbreviations) as flags indexed by word id.
///
/// Membership is one array index; `Set<Int32>` lookups per token showed in the profile.
struct WordClass: Sendable {
    private let flags: [Bool]

    init(_ words: [String], vocabulary: Vocabulary) {
        var flags = [Bool](repeating: false, count: vocabulary.count)
        for word in words { if let id = vocabulary.idIfKnown(word) { flags[Int(id)] = true } }
        self.flags = flags
    }

    @inline(__always) func contains(_ word: Int32) -> Bool { word >= 0 && Int(word) < flags.count && flags[Int(word)] }
}
