#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A word's bytes read eight at a time: the hash that picks its vocabulary slot, and its first sixteen bytes.
///
/// The tokeniser first finds where a word ends (eight bytes at a time), then reads the word in 64-bit loads: a
/// word of up to eight bytes (most of them) is one load, one mask and one multiply, one of up to sixteen two loads,
/// and either is compared with a vocabulary entry as integers, with no byte loop and no `memcmp`.
struct WordKey {
    /// The slot is taken from the top bits (multiplicative hashing: the top bits of a product depend on every
    /// byte of the word).
    let hash: UInt64
    /// The first eight bytes, little-endian, zero-padded: byte `i` is bits `8i ..< 8i + 8`. A word holds no zero
    /// byte, so for a word of up to eight bytes the prefix alone tells it apart from every other word.
    let prefix: UInt64
    /// Bytes 8 ..< 16 the same way (zero for a word of up to eight bytes): with the prefix and the length, the
    /// whole of a word of up to sixteen bytes.
    let suffix: UInt64
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
            suffix = 0
            self.length = length
        } else if length > 8 && length <= 16 && end - start >= 16 {
            // Most longer words: two loads, the same hash as `general`.
            prefix = UInt64(littleEndian: UnsafeRawPointer(start).loadUnaligned(as: UInt64.self))
            let second = UInt64(littleEndian: UnsafeRawPointer(start + 8).loadUnaligned(as: UInt64.self))
            suffix = second & (~0 &>> (128 &- UInt64(truncatingIfNeeded: length) &* 8))
            hash = Self.mix(prefix &* Self.multiplier, suffix)
            self.length = length
        } else {
            self = Self.general(start, length: length, end: end)
        }
    }

    /// The key of a word of `length` (1...8) bytes given as its first byte and the eight bytes after it, as the
    /// tokeniser has them after finding the word's end: no load of its own.
    @inline(__always)
    init(firstByte: UInt8, following: UInt64, length: Int) {
        prefix = ((following &<< 8) | UInt64(firstByte)) & (~0 &>> (64 &- UInt64(truncatingIfNeeded: length) &* 8))
        hash = prefix &* Self.multiplier
        suffix = 0
        self.length = length
    }

    /// The key of a word of 9...16 bytes given as its first byte and the sixteen bytes after it (two loads the
    /// tokeniser made to find the word's end): no load and no length test of its own.
    @inline(__always)
    init(firstByte: UInt8, following: UInt64, later: UInt64, length: Int) {
        prefix = (following &<< 8) | UInt64(firstByte)
        let second = (later &<< 8) | (following &>> 56)
        suffix = second & (~0 &>> (128 &- UInt64(truncatingIfNeeded: length) &* 8))
        hash = Self.mix(prefix &* Self.multiplier, suffix)
        self.length = length
    }

    private static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The hash so far with the next eight bytes mixed in.
    @inline(__always)
    private static func mix(_ hash: UInt64, _ chunk: UInt64) -> UInt64 {
        (hash ^ (hash &>> 29) ^ chunk) &* 0xFF51_AFD7_ED55_8CCD
    }

    /// Any length, including words longer than sixteen bytes and words near the end of the buffer.
    @inline(never)
    private static func general(_ start: UnsafePointer<UInt8>, length: Int, end: UnsafePointer<UInt8>) -> WordKey {
        let prefix = length == 0 ? 0 : Self.load(start, count: min(8, length), end: end)
        let suffix = length <= 8 ? 0 : Self.load(start + 8, count: min(8, length - 8), end: end)
        var hash = prefix &* multiplier
        var offset = 8
        while offset < length {
            hash = Self.mix(hash, Self.load(start + offset, count: min(8, length - offset), end: end))
            offset += 8
        }
        return WordKey(hash: hash, prefix: prefix, suffix: suffix, length: length)
    }

    private init(hash: UInt64, prefix: UInt64, suffix: UInt64, length: Int) {
        self.hash = hash
        self.prefix = prefix
        self.suffix = suffix
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
    /// A perfect hash table ("hash and displace", Belazzougui, Botelho and Dietzfelbinger 2009): a key's hash picks
    /// a bucket, the bucket's displacement picks the one slot where the key can be. Every spelling is the only key
    /// in its slot, so a lookup reads one small displacement and one slot and compares once, with no probing: whether
    /// a word is known is the least predictable fact about it, and a branch on it (or on where it sits) mispredicts.
    /// The table has a power-of-two number of slots, about two per spelling (32 KB, and 16 KB of `suffixes` read for
    /// long words only), so that a slot is the top bits of a hash: a lookup touches one slot either way, so the
    /// cache lines a report touches are as many as in the denser table this replaced (a slot per spelling plus a
    /// quarter, 20 KB, which cost a second multiply and the table size per lookup), and half those of the
    /// quarter-full open-addressing table before it (64 KB; its probe loads were the tokeniser's top cost in cycles).
    private let table: [Slot]
    /// Per slot, bytes 8 ..< 16 of its spelling (`WordKey.suffix`): read for words longer than eight bytes only, so
    /// kept out of the slots.
    private let suffixes: [UInt64]
    /// Per bucket, the displacement that sends each of its keys to a free slot (`slotIndex`): 2 KB.
    private let displacements: [UInt16]
    /// 64 minus log2 of the number of buckets (1024, about one per spelling of the lexicon's 1,028): a key's bucket
    /// is the top bits of its hash. A constant, so a lookup shifts by an immediate and reads no field for it.
    fileprivate static var bucketShift: UInt64 { 54 }
    /// 64 minus log2 of the number of slots (2048, a power of two, about two per spelling): a key's slot is the top
    /// bits of its displaced, mixed hash. A constant, like `bucketShift`: scaling the hash to a table of any size
    /// took a second multiply and the size (kept on the stack in the tokeniser's loop) per lookup.
    fileprivate static var slotShift: UInt64 { 53 }
    /// The number of slots, `1 << (64 - slotShift)`.
    fileprivate static var slotCount: Int { 1 << (64 - Int(slotShift)) }
    /// Every spelling, end to end; entry `e` is `spellingBytes[spellingStart[e]..<spellingStart[e + 1]]`.
    private let spellingBytes: [UInt8]
    private let spellingStart: [Int32]
    /// Per spelling, its canonical word id: read for words longer than eight bytes only (their slots hold -1).
    private let spellingIds: [Int32]
    /// Number of distinct canonical words.
    let count: Int
    private let canonicalIndex: [String: Int32]

    /// Sixteen bytes, four to a cache line.
    fileprivate struct Slot {
        /// The spelling's first eight bytes (`WordKey.prefix`): the whole spelling when it is that short.
        var prefix: UInt64 = 0
        /// The canonical word id for a spelling of up to eight bytes; -1 for an empty slot and for a longer
        /// spelling (whose id is in `spellingIds`). A key of up to eight bytes is then found by comparing the prefix
        /// alone: equal prefixes of a short key and a long spelling (its first eight bytes) still give -1.
        ///
        /// Stored XORed with the low 32 bits of `prefix` (`shortId(for:)` undoes it): read as a plain field, the id
        /// was a load that the compiler folded into the select of `Vocabulary.id(_:ifZero:)` and then turned into
        /// a branch on whether the word is known (x86 turns a conditional move from memory into a branch), the
        /// tokeniser's most mispredicted and most sampled instruction.
        private var maskedId: Int32 = -1
        /// Index of the spelling in `spellingStart` (to compare the bytes after the first eight).
        var entry: UInt16 = 0
        /// 0 for an empty slot, which no key of a word matches.
        var length: UInt16 = 0

        init() {}

        init(prefix: UInt64, id: Int32, entry: UInt16, length: UInt16) {
            self.prefix = prefix
            self.maskedId = id ^ Int32(truncatingIfNeeded: prefix)
            self.entry = entry
            self.length = length
        }

        /// The id of a short spelling, given the prefix of a key equal to this slot's (else meaningless).
        @inline(__always)
        func shortId(for keyPrefix: UInt64) -> Int32 { maskedId ^ Int32(truncatingIfNeeded: keyPrefix) }
    }

    init(words: [String], variants: [String: String]) {
        var canonical: [String: Int32] = [:]
        // Sized once for about one distinct word in four listed (the lexicon's ratio): regrowing rehashes every key.
        canonical.reserveCapacity(words.count / 4 + variants.count)
        var entries: [(String, Int32)] = []
        // A variant is never canonical, even when a phrase spells it out: it always shares its target's id.
        for word in words where canonical[word] == nil && variants[word] == nil {
            canonical[word] = Int32(canonical.count)
            entries.append((word, canonical[word]!))
        }
        // Variants are followed to the end of their chain (tumours → tumors → tumor), so every spelling of a word
        // gets the one id its phrases are written with: a variant whose target is itself a variant would otherwise
        // become a word of its own, and "tumors" would not match the phrases written "tumor".
        for (variant, written) in variants.sorted(by: { $0.key < $1.key }) {
            let target = Self.endOfChain(written, variants)
            if canonical[target] == nil {
                canonical[target] = Int32(canonical.count)
                entries.append((target, canonical[target]!))
            }
            entries.append((variant, canonical[target]!))
        }
        precondition(entries.count <= Int(UInt16.max), "vocabulary too large for a 16-bit entry index")
        var spellingBytes: [UInt8] = []
        var spellingStart: [Int32] = [0]
        for (spelling, _) in entries {
            spellingBytes += spelling.utf8
            spellingStart.append(Int32(spellingBytes.count))
        }
        spellingBytes += [UInt8](repeating: 0, count: 8)  // never empty, so its base address always exists
        let keys = spellingBytes.withUnsafeBufferPointer { bytes in
            (0..<entries.count).map { Self.key(bytes, Int(spellingStart[$0])..<Int(spellingStart[$0 + 1])) }
        }
        let hashes = keys.map(\.hash).sorted()
        precondition(zip(hashes, hashes.dropFirst()).allSatisfy { $0 != $1 }, "two vocabulary spellings share a 64-bit hash")

        // About one key per bucket: the buckets are placed largest first, while most slots are still free.
        let bucketShift = Self.bucketShift
        let bucketCount = 1 << (64 - Int(bucketShift))
        // Each bucket's keys in entry order, in one flat list (a counting sort: an array per bucket was a thousand
        // allocations at every start-up).
        let bucketOfKey = keys.map { Int(truncatingIfNeeded: $0.hash &>> bucketShift) }
        var memberStart = [Int](repeating: 0, count: bucketCount + 1)
        for bucket in bucketOfKey { memberStart[bucket + 1] += 1 }
        for bucket in 0..<bucketCount { memberStart[bucket + 1] += memberStart[bucket] }
        var memberList = [Int](repeating: 0, count: keys.count)
        var nextMember = memberStart
        for (entry, bucket) in bucketOfKey.enumerated() {
            memberList[nextMember[bucket]] = entry
            nextMember[bucket] += 1
        }
        // The non-empty buckets, largest first and in bucket order among equals.
        var order: [Int] = []
        var largest = 0
        for bucket in 0..<bucketCount { largest = max(largest, memberStart[bucket + 1] - memberStart[bucket]) }
        for memberCount in stride(from: largest, through: 1, by: -1) {
            for bucket in 0..<bucketCount where memberStart[bucket + 1] - memberStart[bucket] == memberCount {
                order.append(bucket)
            }
        }
        // A table at most seven-eighths full, so that every bucket finds a displacement quickly.
        precondition(keys.count <= Self.slotCount / 8 * 7, "vocabulary too large for its table: lower slotShift")
        let size = Self.slotCount
        var table: [Slot]
        var displacements: [UInt16]
        var suffixes: [UInt64]
        var slots: [Int] = []  // the slots of one bucket's keys under the displacement being tried
        do {
            table = [Slot](repeating: Slot(), count: size)
            suffixes = [UInt64](repeating: 0, count: size)
            displacements = [UInt16](repeating: 0, count: bucketCount)
            for bucket in order {
                var displacement = 0
                slots.removeAll(keepingCapacity: true)
                searching: while true {
                    precondition(
                        displacement <= Int(UInt16.max), "no displacement places a vocabulary bucket: lower slotShift")
                    slots.removeAll(keepingCapacity: true)
                    for member in memberStart[bucket]..<memberStart[bucket + 1] {
                        let entry = memberList[member]
                        let slot = Self.slotIndex(keys[entry].hash, UInt16(displacement))
                        if table[slot].length != 0 || slots.contains(slot) {
                            displacement += 1
                            continue searching
                        }
                        slots.append(slot)
                    }
                    for (member, slot) in zip(memberStart[bucket]..<memberStart[bucket + 1], slots) {
                        let entry = memberList[member]
                        suffixes[slot] = keys[entry].suffix
                        let length = Int(spellingStart[entry + 1] - spellingStart[entry])
                        table[slot] = Slot(
                            prefix: keys[entry].prefix, id: length <= 8 ? entries[entry].1 : -1, entry: UInt16(entry),
                            length: UInt16(length))
                    }
                    displacements[bucket] = UInt16(displacement)
                    break
                }
            }
        }
        self.table = table
        self.displacements = displacements
        self.suffixes = suffixes
        self.spellingBytes = spellingBytes
        self.spellingStart = spellingStart
        self.spellingIds = entries.map(\.1)
        self.count = canonical.count
        self.canonicalIndex = canonical
    }

    /// The spelling a chain of variants ends at: `word` itself when it is no variant.
    private static func endOfChain(_ word: String, _ variants: [String: String]) -> String {
        var word = word
        var steps = 0
        while let next = variants[word] {
            steps += 1
            precondition(steps <= variants.count, "spelling variants form a cycle at \(word)")
            word = next
        }
        return word
    }

    /// `id` when `differences` is zero, else -1, in arithmetic: whether a word is known is the least predictable
    /// fact about it, and written as `differences == 0 ? id : -1` the compiler made it a branch (the tokeniser's
    /// most sampled instruction, on its mispredictions).
    @inline(__always)
    fileprivate static func id(_ id: Int32, ifZero differences: UInt64) -> Int32 {
        // All ones when any bit of `differences` is set: its own or its negation's sign bit, spread.
        let unknown = Int64(bitPattern: differences | (0 &- differences)) &>> 63
        return id | Int32(truncatingIfNeeded: unknown)
    }

    /// The one slot a key with hash `hash` can be in, given its bucket's displacement: the displaced hash mixed by
    /// a second multiply, and its top bits (the table has a power-of-two size: no scaling multiply).
    @inline(__always)
    fileprivate static func slotIndex(_ hash: UInt64, _ displacement: UInt16) -> Int {
        let mixed = (hash ^ UInt64(displacement)) &* 0xD6E8_FEB8_6659_FD93
        return Int(truncatingIfNeeded: mixed &>> slotShift)
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

    /// The id of the word whose key is `key` and whose bytes (no filler) start at `word`, or -1.
    func lookup(_ key: WordKey, at word: UnsafePointer<UInt8>) -> Int32 {
        withProbe { $0.lookup(key, at: word) }
    }

    /// Runs `body` with the table borrowed as plain pointers, for the many lookups of one tokenising pass: each
    /// lookup then reads no array reference, count or field of the vocabulary object.
    func withProbe<Result>(_ body: (Probe) -> Result) -> Result {
        table.withUnsafeBufferPointer { table in
            suffixes.withUnsafeBufferPointer { suffixes in
                displacements.withUnsafeBufferPointer { displacements in
                    spellingBytes.withUnsafeBufferPointer { spellingBytes in
                        spellingStart.withUnsafeBufferPointer { spellingStart in
                            spellingIds.withUnsafeBufferPointer { spellingIds in
                                body(
                                    Probe(
                                        table: table.baseAddress!, suffixes: suffixes.baseAddress!,
                                        displacements: displacements.baseAddress!,
                                        spellingBytes: spellingBytes.baseAddress!,
                                        spellingStart: spellingStart.baseAddress!, spellingIds: spellingIds.baseAddress!))
                            }
                        }
                    }
                }
            }
        }
    }

    /// The vocabulary's tables as borrowed pointers, valid inside `withProbe` only.
    struct Probe {
        fileprivate let table: UnsafePointer<Slot>
        fileprivate let suffixes: UnsafePointer<UInt64>
        fileprivate let displacements: UnsafePointer<UInt16>
        fileprivate let spellingBytes: UnsafePointer<UInt8>
        fileprivate let spellingStart: UnsafePointer<Int32>
        fileprivate let spellingIds: UnsafePointer<Int32>

        /// The id of the word whose key is `key` and whose bytes (no filler) start at `word`, or -1: the
        /// tokeniser's hot path.
        /// - Complexity: O(1) for a word of up to sixteen bytes, with no branch on whether it is known; O(length)
        ///   for a longer one.
        @inline(__always)
        func lookup(_ key: WordKey, at word: UnsafePointer<UInt8>) -> Int32 {
            if key.length <= 8 { return lookupShort(key) }
            if key.length <= 16 { return lookupMedium(key) }
            let index = slotIndex(key)
            let slot = table[index]
            let differs =
                (slot.prefix ^ key.prefix) | (UInt64(slot.length) ^ UInt64(truncatingIfNeeded: key.length))
                | (suffixes[index] ^ key.suffix)
            let id = spellingIds[Int(slot.entry)]
            return differs == 0 && sameTail(Int(slot.entry), word, key.length) ? id : -1
        }

        /// The id of a word of nine to sixteen bytes, or -1: the prefix, the suffix and the length are the whole
        /// word, so one combined comparison decides (no branch on whether the word is known).
        @inline(__always)
        func lookupMedium(_ key: WordKey) -> Int32 {
            let index = slotIndex(key)
            let slot = table[index]
            let differs =
                (slot.prefix ^ key.prefix) | (UInt64(slot.length) ^ UInt64(truncatingIfNeeded: key.length))
                | (suffixes[index] ^ key.suffix)
            return Vocabulary.id(spellingIds[Int(slot.entry)], ifZero: differs)
        }

        /// The id of a word of one to eight bytes, or -1: the prefix is the whole word, so one comparison decides.
        @inline(__always)
        func lookupShort(_ key: WordKey) -> Int32 { short.lookup(key) }

        /// The three fields a lookup of a short word reads, for the tokeniser to keep apart from the rest (fewer
        /// loads per word than through the whole probe).
        var short: Short { Short(table: table, displacements: displacements) }

        struct Short {
            fileprivate let table: UnsafePointer<Slot>
            fileprivate let displacements: UnsafePointer<UInt16>

            /// The id of a word of one to eight bytes, or -1 (as `Probe.lookupShort`).
            @inline(__always)
            func lookup(_ key: WordKey) -> Int32 {
                let displacement = displacements[Int(truncatingIfNeeded: key.hash &>> Vocabulary.bucketShift)]
                let slot = table[Vocabulary.slotIndex(key.hash, displacement)]
                return Vocabulary.id(slot.shortId(for: key.prefix), ifZero: slot.prefix ^ key.prefix)
            }
        }

        /// The one slot where `key` can be.
        @inline(__always)
        private func slotIndex(_ key: WordKey) -> Int {
            let displacement = displacements[Int(truncatingIfNeeded: key.hash &>> Vocabulary.bucketShift)]
            return Vocabulary.slotIndex(key.hash, displacement)
        }

        /// Whether bytes 16..<length of `word` equal those of entry `entry` (its first sixteen already compared).
        private func sameTail(_ entry: Int, _ word: UnsafePointer<UInt8>, _ length: Int) -> Bool {
            memcmp(word + 16, spellingBytes + Int(spellingStart[entry]) + 16, length - 16) == 0
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
