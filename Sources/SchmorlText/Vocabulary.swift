#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A word's bytes read eight at a time: the hash that picks its vocabulary slot, and its first eight bytes.
///
/// The tokeniser first finds where a word ends (one table lookup per byte), then reads the word in 64-bit loads:
/// a word of up to eight bytes (most of them) is one load, one mask and one multiply, and it is compared with a
/// vocabulary entry as one integer, with no byte loop and no `memcmp`.
struct WordKey {
    /// The slot is taken from the top bits (multiplicative hashing: the top bits of a product depend on every
    /// byte of the word).
    let hash: UInt64
    /// The first eight bytes, little-endian, zero-padded: byte `i` is bits `8i ..< 8i + 8`. A word holds no zero
    /// byte, so for a word of up to eight bytes the prefix alone tells it apart from every other word.
    let prefix: UInt64
    let length: Int

    /// The key of `length` bytes at `start`, with `end` the end of the readable buffer: whole 64-bit loads are
    /// used wherever they stay inside it.
    @inline(__always)
    init(_ start: UnsafePointer<UInt8>, length: Int, end: UnsafePointer<UInt8>) {
        if length > 0 && length <= 8 && end - start >= 8 {
            // The tokeniser's usual case, inlined: one load, one mask, one multiply.
            let word = UInt64(littleEndian: UnsafeRawPointer(start).loadUnaligned(as: UInt64.self))
            prefix = word & (~0 &>> (64 &- UInt64(truncatingIfNeeded: length) &* 8))
            hash = prefix &* Self.multiplier
            self.length = length
        } else {
            self = Self.general(start, length: length, end: end)
        }
    }

    private static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// Any length, including words longer than eight bytes and words near the end of the buffer.
    @inline(never)
    private static func general(_ start: UnsafePointer<UInt8>, length: Int, end: UnsafePointer<UInt8>) -> WordKey {
        let prefix = length == 0 ? 0 : Self.load(start, count: min(8, length), end: end)
        var hash = prefix &* multiplier
        var offset = 8
        while offset < length {
            let chunk = Self.load(start + offset, count: min(8, length - offset), end: end)
            hash = (hash ^ (hash >> 29) ^ chunk) &* 0xFF51_AFD7_ED55_8CCD
            offset += 8
        }
        return WordKey(hash: hash, prefix: prefix, length: length)
    }

    private init(hash: UInt64, prefix: UInt64, length: Int) {
        self.hash = hash
        self.prefix = prefix
        self.length = length
    }

    /// `count` (1...8) bytes at `pointer` as a little-endian integer, zero above them.
    @inline(__always)
    private static func load(_ pointer: UnsafePointer<UInt8>, count: Int, end: UnsafePointer<UInt8>) -> UInt64 {
        if end - pointer >= 8 {
            let word = UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
            return word & (~0 &>> (64 &- UInt64(truncatingIfNeeded: count) &* 8))
        }
        var value: UInt64 = 0
        for index in 0..<count { value |= UInt64(pointer[index]) << (UInt64(index) * 8) }
        return value
    }
}

/// The words the lexicon knows, each with a small integer id, looked up straight from folded bytes.
///
/// Built once from the static lexicon tables; spelling variants (domain.md §1.1: disc/disk, oedema/edema,
/// tumour/tumor, ...) share the id of their canonical spelling, so phrase tables list one spelling only.
/// Lookup hashes the bytes of a token in place (skipping filler bytes), so tokenising allocates nothing per word.
final class Vocabulary: Sendable {
    /// Open addressing with linear probing, no wrap-around, and a bound: every spelling sits within `window` slots
    /// of its home slot (the table grows until that holds). A lookup of a word of up to eight bytes (most words)
    /// therefore compares the whole window and selects the id without a branch: whether a word is known is the
    /// least predictable fact about it, and a mispredicted branch there cost more than the comparisons.
    private let table: [Slot]
    /// Every spelling, end to end; entry `e` is `spellingBytes[spellingStart[e]..<spellingStart[e + 1]]`.
    private let spellingBytes: [UInt8]
    private let spellingStart: [Int32]
    /// 64 minus log2 of the number of home slots: a key's home slot is the top bits of its hash.
    private let shift: UInt64
    /// Number of distinct canonical words.
    let count: Int
    private let canonicalIndex: [String: Int32]

    /// Slots a lookup compares, from the key's home slot on.
    private static let window = 4

    /// Sixteen bytes, four to a cache line.
    private struct Slot {
        /// The spelling's first eight bytes (`WordKey.prefix`): the whole spelling when it is that short.
        var prefix: UInt64 = 0
        /// The canonical word id, -1 for an empty slot.
        var id: Int32 = -1
        /// Index of the spelling in `spellingStart` (to compare the bytes after the first eight).
        var entry: UInt16 = 0
        /// 0 for an empty slot, which no key of a word matches.
        var length: UInt16 = 0
    }

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
        precondition(entries.count <= Int(UInt16.max), "vocabulary too large for a 16-bit entry index")
        var spellings: [[UInt8]] = []
        var spellingBytes: [UInt8] = []
        var spellingStart: [Int32] = [0]
        for (spelling, _) in entries {
            let bytes = Array(spelling.utf8)
            spellings.append(bytes)
            spellingBytes += bytes
            spellingStart.append(Int32(spellingBytes.count))
        }
        let keys = spellings.map { bytes in bytes.withUnsafeBufferPointer { Self.key($0, 0..<$0.count) } }
        // At most a third of the home slots used; more if some spelling would land outside its window.
        var capacity = 64
        while capacity < entries.count * 3 { capacity <<= 1 }
        var table: [Slot]
        var shift: UInt64
        placing: while true {
            shift = UInt64(64 - capacity.trailingZeroBitCount)
            // The window of the last home slot runs past it: no lookup wraps around.
            table = [Slot](repeating: Slot(), count: capacity + Self.window - 1)
            for (entry, (_, id)) in entries.enumerated() {
                let home = Int(truncatingIfNeeded: keys[entry].hash &>> shift)
                var slot = home
                while slot < table.count && table[slot].length != 0 { slot += 1 }
                if slot >= home + Self.window {
                    capacity <<= 1
                    continue placing
                }
                table[slot] = Slot(
                    prefix: keys[entry].prefix, id: id, entry: UInt16(entry), length: UInt16(spellings[entry].count))
            }
            break
        }
        self.table = table
        self.spellingBytes = spellingBytes
        self.spellingStart = spellingStart
        self.shift = shift
        self.count = canonical.count
        self.canonicalIndex = canonical
    }

    /// The key of the bytes of `range`, filler bytes skipped.
    static func key(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> WordKey {
        guard let base = bytes.baseAddress, !range.isEmpty else {
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1) { empty in
                WordKey(UnsafePointer(empty.baseAddress!), length: 0, end: UnsafePointer(empty.baseAddress!))
            }
        }
        if !bytes[range].contains(FoldedText.filler) {
            return WordKey(base + range.lowerBound, length: range.count, end: base + bytes.count)
        }
        // A folded character left filler bytes inside the word (rare): key the word without them.
        let compact = bytes[range].filter { $0 != FoldedText.filler }
        return compact.withUnsafeBufferPointer { WordKey($0.baseAddress!, length: $0.count, end: $0.baseAddress! + $0.count) }
    }

    /// The id of the word at `range` of folded `bytes`, or -1.
    /// - Complexity: O(length of the word), no allocation unless the word holds filler bytes.
    func lookup(_ bytes: [UInt8], _ range: Range<Int>) -> Int32 {
        bytes.withUnsafeBufferPointer { lookup($0, range) }
    }

    /// The same over a borrowed buffer.
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int32 {
        let key = Self.key(bytes, range)
        if key.length == range.count {
            return lookup(key, at: bytes.baseAddress! + range.lowerBound)
        }
        let compact = bytes[range].filter { $0 != FoldedText.filler }
        return compact.withUnsafeBufferPointer { lookup(key, at: $0.baseAddress!) }
    }

    /// The id of the word whose key is `key` and whose bytes (no filler) start at `word`, or -1: the tokeniser's
    /// hot path.
    @inline(__always)
    func lookup(_ key: WordKey, at word: UnsafePointer<UInt8>) -> Int32 {
        table.withUnsafeBufferPointer { table in
            let window = table.baseAddress! + Int(truncatingIfNeeded: key.hash &>> shift)
            let length = UInt64(truncatingIfNeeded: key.length)
            if key.length <= 8 {
                // The prefix is the whole word: at most one slot matches, selected without a branch.
                var id: Int32 = -1
                for offset in 0..<Self.window {
                    let slot = window[offset]
                    let differs = (slot.prefix ^ key.prefix) | (UInt64(slot.length) ^ length)
                    id = differs == 0 ? slot.id : id
                }
                return id
            }
            for offset in 0..<Self.window {
                let slot = window[offset]
                if slot.prefix == key.prefix, UInt64(slot.length) == length,
                    sameTail(Int(slot.entry), word, key.length)
                {
                    return slot.id
                }
            }
            return -1
        }
    }

    /// Whether bytes 8..<length of `word` equal those of entry `entry` (its first eight already compared).
    private func sameTail(_ entry: Int, _ word: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        spellingBytes.withUnsafeBufferPointer { spelling in
            memcmp(word + 8, spelling.baseAddress! + Int(spellingStart[entry]) + 8, length - 8) == 0
        }
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
