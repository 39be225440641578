/// The words the lexicon knows, each with a small integer id, looked up straight from folded bytes.
///
/// Built once from the static lexicon tables; spelling variants (domain.md §1.1: disc/disk, oedema/edema,
/// tumour/tumor, ...) share the id of their canonical spelling, so phrase tables list one spelling only.
/// Lookup hashes the bytes of a token in place (skipping filler bytes), so tokenising allocates nothing per word.
final class Vocabulary: Sendable {
    private let table: [Int32]  // slot -> word id, -1 empty
    private let hashes: [UInt64]  // word id -> hash of its spelling
    private let spellings: [[UInt8]]  // entry -> spelling
    private let ids: [Int32]  // entry -> canonical word id
    private let mask: Int
    /// Number of distinct canonical words.
    let count: Int
    private let canonicalIndex: [String: Int32]

    init(words: [String], variants: [String: String]) {
        var canonical: [String: Int32] = [:]
        var entries: [(String, Int32)] = []
        // A variant is never canonical, even when a phrase spells it out: it always shares its target's id.
        for word in words where canonical[word] == nil && variants[word] == nil {
            canonical[word] = Int32(canonical.count)
            entries.append((word, canonical[word]!))
        }
        for (variant, target) in variants.sorted(by: { $0.key < $1.key }) {
            if canonical[target] == nil {
                canonical[target] = Int32(canonical.count)
                entries.append((target, canonical[target]!))
            }
            entries.append((variant, canonical[target]!))
        }
        var capacity = 64
        while capacity < entries.count * 3 { capacity <<= 1 }
        var table = [Int32](repeating: -1, count: capacity)
        var hashes: [UInt64] = []
        var spellings: [[UInt8]] = []
        var ids: [Int32] = []
        for (entry, (spelling, id)) in entries.enumerated() {
            let bytes = Array(spelling.utf8)
            let hash = Self.hash(bytes, 0..<bytes.count)
            hashes.append(hash)
            spellings.append(bytes)
            ids.append(id)
            var slot = Int(truncatingIfNeeded: hash) & (capacity - 1)
            while table[slot] != -1 { slot = (slot + 1) & (capacity - 1) }
            table[slot] = Int32(entry)
        }
        self.table = table
        self.hashes = hashes
        self.spellings = spellings
        self.ids = ids
        self.mask = capacity - 1
        self.count = canonical.count
        self.canonicalIndex = canonical
    }

    /// FNV-1a over the bytes of `range`, skipping filler bytes.
    @inline(__always)
    static func hash(_ bytes: [UInt8], _ range: Range<Int>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for index in range {
            let byte = bytes[index]
            if byte == FoldedText.filler { continue }
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return hash
    }

    /// The id of the word at `range` of folded `bytes`, or -1.
    /// - Complexity: O(length of the word), no allocation.
    func lookup(_ bytes: [UInt8], _ range: Range<Int>) -> Int32 {
        let hash = Self.hash(bytes, range)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = table[slot]
            if entry == -1 { return -1 }
            if hashes[Int(entry)] == hash, Self.equal(spellings[Int(entry)], bytes, range) { return ids[Int(entry)] }
            slot = (slot + 1) & mask
        }
    }

    private static func equal(_ spelling: [UInt8], _ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        var position = 0
        for index in range {
            let byte = bytes[index]
            if byte == FoldedText.filler { continue }
            if position >= spelling.count || spelling[position] != byte { return false }
            position += 1
        }
        return position == spelling.count
    }

    /// The id of a lexicon word given as a string (build time only).
    func id(_ word: String) -> Int32 {
        guard let id = idIfKnown(word) else { preconditionFailure("word not in vocabulary: \(word)") }
        return id
    }

    func idIfKnown(_ word: String) -> Int32? {
        if let id = canonicalIndex[word] { return id }
        let bytes = Array(word.utf8)
        let id = lookup(bytes, 0..<bytes.count)
        return id >= 0 ? id : nil
    }
}
