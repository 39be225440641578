#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The hash of a word's bytes, fed one byte at a time while the tokeniser scans the word.
///
/// Bytes are packed eight to a 64-bit chunk and only whole chunks are multiplied in: a multiply per byte (FNV-1a,
/// as before) put the multiplier's latency on every byte of every word, the tokeniser's slowest step.
struct WordHasher {
    private var chunk: UInt64 = 0
    private var filled = 0
    private var hash: UInt64 = 0x9E37_79B9_7F4A_7C15

    @inline(__always)
    mutating func add(_ byte: UInt8) {
        chunk = chunk << 8 | UInt64(byte)
        filled += 1
        if filled == 8 {
            hash = (hash ^ chunk) &* 0xFF51_AFD7_ED55_8CCD
            chunk = 0
            filled = 0
        }
    }

    /// The finished hash, its high bits folded into the low ones that pick a slot.
    @inline(__always)
    var value: UInt64 {
        let mixed = (hash ^ chunk) &* 0xC4CE_B9FE_1A85_EC53
        return mixed ^ (mixed >> 31)
    }
}

/// The words the lexicon knows, each with a small integer id, looked up straight from folded bytes.
///
/// Built once from the static lexicon tables; spelling variants (domain.md §1.1: disc/disk, oedema/edema,
/// tumour/tumor, ...) share the id of their canonical spelling, so phrase tables list one spelling only.
/// Lookup hashes the bytes of a token in place (skipping filler bytes), so tokenising allocates nothing per word.
final class Vocabulary: Sendable {
    /// Open addressing, linear probing; a slot holds everything a probe compares, so a lookup that misses (most
    /// words of a report) reads one slot and nothing else.
    private let table: [Slot]
    /// Every spelling, end to end; entry `e` is `spellingBytes[spellingStart[e]..<spellingStart[e + 1]]`.
    private let spellingBytes: [UInt8]
    private let spellingStart: [Int32]
    private let ids: [Int32]  // entry -> canonical word id
    private let mask: Int
    /// Number of distinct canonical words.
    let count: Int
    private let canonicalIndex: [String: Int32]

    private struct Slot {
        var hash: UInt64 = 0
        /// Index of the spelling in `spellingStart`, -1 for an empty slot.
        var entry: Int32 = -1
        var length: Int32 = 0
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
        var capacity = 64
        while capacity < entries.count * 3 { capacity <<= 1 }
        var table = [Slot](repeating: Slot(), count: capacity)
        var spellingBytes: [UInt8] = []
        var spellingStart: [Int32] = [0]
        var ids: [Int32] = []
        for (entry, (spelling, id)) in entries.enumerated() {
            let bytes = Array(spelling.utf8)
            let hash = Self.hash(bytes, 0..<bytes.count)
            spellingBytes += bytes
            spellingStart.append(Int32(spellingBytes.count))
            ids.append(id)
            var slot = Int(truncatingIfNeeded: hash) & (capacity - 1)
            while table[slot].entry != -1 { slot = (slot + 1) & (capacity - 1) }
            table[slot] = Slot(hash: hash, entry: Int32(entry), length: Int32(bytes.count))
        }
        self.table = table
        self.spellingBytes = spellingBytes
        self.spellingStart = spellingStart
        self.ids = ids
        self.mask = capacity - 1
        self.count = canonical.count
        self.canonicalIndex = canonical
    }

    /// The hash of the bytes of `range`, skipping filler bytes.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        var hasher = WordHasher()
        for index in range {
            let byte = bytes[index]
            if byte == FoldedText.filler { continue }
            hasher.add(byte)
        }
        return hasher.value
    }

    static func hash(_ bytes: [UInt8], _ range: Range<Int>) -> UInt64 {
        bytes.withUnsafeBufferPointer { hash($0, range) }
    }

    /// The id of the word at `range` of folded `bytes`, or -1.
    /// - Complexity: O(length of the word), no allocation.
    func lookup(_ bytes: [UInt8], _ range: Range<Int>) -> Int32 {
        bytes.withUnsafeBufferPointer { lookup($0, range) }
    }

    /// The same over a borrowed buffer: no bounds checks, no array retains.
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int32 {
        lookup(bytes, range, hash: Self.hash(bytes, range))
    }

    /// The same, given the hash of the range (the tokeniser's hot path computes it while scanning the word).
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, hash: UInt64) -> Int32 {
        table.withUnsafeBufferPointer { table in
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let candidate = table[slot]
                if candidate.entry < 0 { return -1 }
                if candidate.hash == hash, sameSpelling(Int(candidate.entry), Int(candidate.length), bytes, range) {
                    return ids[Int(candidate.entry)]
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Whether the bytes of `range`, filler bytes skipped, spell entry `entry`.
    @inline(__always)
    private func sameSpelling(_ entry: Int, _ length: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        spellingBytes.withUnsafeBufferPointer { spelling in
            let start = Int(spellingStart[entry])
            if range.count == length {
                // No filler inside (a spelling has none, so one in the range would not compare equal either).
                return memcmp(bytes.baseAddress! + range.lowerBound, spelling.baseAddress! + start, length) == 0
            }
            var position = start
            let end = start + length
            for index in range {
                let byte = bytes[index]
                if byte == FoldedText.filler { continue }
                if position >= end || spelling[position] != byte { return false }
                position += 1
            }
            return position == end
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
