/// A phrase table compiled for matching over tokens: phrases grouped by their first element, longest first.
///
/// Matching is greedy, left to right, longest phrase first, and never overlaps within one table: the way
/// ConText lexicons are applied. A glued hyphen in the text that the phrase does not have is skipped, so
/// "t2-hyperintense" matches "t2 hyperintense".
///
/// Layout, for speed (the matcher was the top of the profile): every phrase's elements live in one flat array of
/// codes (a word id, or `-(byte + 1)` for punctuation); each first element owns a contiguous run of entry indices,
/// longest phrase first. Matching compares integers and copies nothing.
struct PhraseTable<Payload: Sendable>: Sendable {
    private let storage: Storage
    private let payloads: [Payload]

    /// Compiles `phrases` in one pass over their bytes: start-up is serial, before any worker can start, and
    /// building the tables phrase by phrase (a folded array, a token array, a dictionary of lists per first word,
    /// a sort and a second-code array per run) was half of the lexicon's build.
    ///
    /// The phrases are laid end to end, one per line, then folded and tokenised once: folding is byte for byte
    /// and no token spans a line break, so each phrase gets exactly the tokens it would get alone (a token belongs
    /// to the phrase whose line it starts on). Then one sort of packed keys (first slot, longest first, first
    /// listed first) puts every run in its order.
    init(_ phrases: [(String, Payload)], vocabulary: Vocabulary) {
        let wordCount = vocabulary.count
        var text: [UInt8] = []
        var byteCount = 0
        for index in phrases.indices { byteCount += phrases[index].0.utf8.count + 1 }
        text.reserveCapacity(byteCount)
        // Per phrase, where its line ends in `text`.
        var lineEnd: [Int32] = []
        lineEnd.reserveCapacity(phrases.count)
        for index in phrases.indices {
            text.append(contentsOf: phrases[index].0.utf8)
            lineEnd.append(Int32(text.count))
            text.append(0x0A)
        }
        var tokens: [Token] = []
        Tokenizer.tokenize(FoldedText(text).bytes, vocabulary: vocabulary, into: &tokens)
        var codes: [Int32] = []
        codes.reserveCapacity(tokens.count)
        var entryStart: [Int32] = []
        var entryLength: [Int32] = []
        var payloads: [Payload] = []
        // Per entry: its first slot (bits 40 and up), 0xFFFF minus its length (bits 24-39) and its index (bits
        // 0-23), so ascending order is by first slot, then longest first, then first listed first.
        var keys: [UInt64] = []
        entryStart.reserveCapacity(phrases.count)
        entryLength.reserveCapacity(phrases.count)
        payloads.reserveCapacity(phrases.count)
        keys.reserveCapacity(phrases.count)
        precondition(phrases.count < 1 << 24 && wordCount + 256 < 1 << 24, "phrase table too large")
        var next = 0
        for index in phrases.indices {
            let start = codes.count
            while next < tokens.count && tokens[next].start < lineEnd[index] {
                let token = tokens[next]
                if token.kind != .punctuation {
                    precondition(token.word >= 0, "phrase word not in vocabulary: \(phrases[index].0)")
                }
                codes.append(Self.code(of: token))
                next += 1
            }
            let length = codes.count - start
            guard length > 0 else { continue }
            let first = codes[start]
            let slot = first >= 0 ? Int(first) : wordCount + Int(-first - 1)
            keys.append(UInt64(slot) << 40 | UInt64(0xFFFF - length) << 24 | UInt64(payloads.count))
            entryStart.append(Int32(start))
            entryLength.append(Int32(length))
            payloads.append(phrases[index].1)
        }
        keys.sort()
        // Per position in `keys`: its entry's second code, read once (runs are walked once per candidate list).
        var seconds: [Int32] = []
        seconds.reserveCapacity(keys.count)
        for key in keys {
            let entry = Int(key & 0xFF_FFFF)
            seconds.append(entryLength[entry] > 1 ? codes[Int(entryStart[entry]) + 1] : Self.noSecond)
        }
        var runs = [Run](repeating: Run(start: 0, count: 0, shape: .empty), count: wordCount + 256)
        var order: [Int32] = []
        var secondCodes: [Int32] = []
        order.reserveCapacity(2 * keys.count)
        secondCodes.reserveCapacity(2 * keys.count)
        var pairs: [(key: UInt64, start: Int32, count: Int32)] = []
        // Appends the entries of `keys[run]` whose second code `keep` accepts, in run order; returns where they are.
        func list(_ run: Range<Int>, _ keep: (Int32) -> Bool) -> (start: Int32, count: Int32) {
            let start = Int32(order.count)
            for position in run where keep(seconds[position]) {
                order.append(Int32(truncatingIfNeeded: keys[position] & 0xFF_FFFF))
                secondCodes.append(seconds[position])
            }
            return (start, Int32(order.count) - start)
        }
        var runStart = 0
        while runStart < keys.count {
            let slot = Int(keys[runStart] >> 40)
            var runEnd = runStart + 1
            while runEnd < keys.count && Int(keys[runEnd] >> 40) == slot { runEnd += 1 }
            let run = runStart..<runEnd
            runStart = runEnd
            let firstSecond = seconds[run.lowerBound]
            if firstSecond == Self.noSecond || run.count <= Self.pairedRunLength {
                let all = list(run) { _ in true }
                runs[slot] = Run(
                    start: all.start, count: UInt16(all.count), shape: firstSecond == Self.noSecond ? .singles : .scanned)
                continue
            }
            // One candidate list per second word: the entries that want it, in run order, with those that want no
            // second word or a hyphen (which the candidate loop still tests), so no other entry is walked; the run
            // itself keeps only the latter, for a second word no entry wants.
            let fallback = list(run) { $0 == Self.noSecond || $0 == Self.hyphenCode }
            runs[slot] = Run(start: fallback.start, count: UInt16(fallback.count), shape: .paired)
            // Each distinct second code once, in the order of its first entry (runs are short: a look back suffices).
            for position in run {
                let code = seconds[position]
                if code == Self.noSecond || code == Self.hyphenCode { continue }
                if seconds[run.lowerBound..<position].contains(code) { continue }
                let wanting = list(run) { $0 == code || $0 == Self.noSecond || $0 == Self.hyphenCode }
                pairs.append((Self.pairKey(slot: slot, second: code), wanting.start, wanting.count))
            }
        }
        storage = Storage(
            codes: codes, entryStart: entryStart, entryLength: entryLength, runs: runs, order: order,
            secondCodes: secondCodes, pairs: pairs, wordCount: wordCount)
        self.payloads = payloads
    }

    /// A run with more candidates than this, some of them two tokens or longer, gets a candidate list per second
    /// word: "no", "is", "not" and "disc" start dozens of phrases, and walking them all cost more than the rest of
    /// the matching.
    fileprivate static var pairedRunLength: Int { 2 }

    /// `secondCodes` of a one-token phrase: it needs no second token.
    fileprivate static var noSecond: Int32 { Int32.max }

    /// The code of a hyphen token, the one punctuation a phrase can ask for where a glued hyphen would be skipped.
    fileprivate static var hyphenCode: Int32 { -0x2E }

    @inline(__always)
    fileprivate static func pairKey(slot: Int, second: Int32) -> UInt64 {
        UInt64(truncatingIfNeeded: slot) << 32 | UInt64(UInt32(bitPattern: second))
    }

    /// A token's code: its word id, or `-(byte + 1)` for punctuation; unknown words are `Int32.min`.
    @inline(__always)
    static func code(of token: Token) -> Int32 {
        if token.kind == .punctuation { return -Int32(token.byte) - 1 }
        return token.word >= 0 ? token.word : Int32.min
    }

    /// The longest phrase starting at token `index` within `limit`: its payload and the index past its last token.
    func match(_ tokens: [Token], at index: Int, limit: Int) -> (payload: Payload, end: Int)? {
        tokens.withUnsafeBufferPointer { tokens in match(tokens, at: index, limit: limit) }
    }

    /// `match(_:at:limit:)` over borrowed tokens, for callers that match many tokens in a row.
    @inline(__always)
    func match(_ tokens: UnsafeBufferPointer<Token>, at index: Int, limit: Int) -> (payload: Payload, end: Int)? {
        guard let (entry, end) = storage.match(tokens, at: index, limit: limit) else { return nil }
        return (payloads[entry], end)
    }
    /// Every word of `phrases`, in order, for building the vocabulary: each phrase's words as the tokeniser reads
    /// them (letters and digits, and an apostrophe after a word's first byte), of its folded bytes.
    ///
    /// The phrases are folded once, laid end to end one per line, as `init` lays them: folding is byte for byte and
    /// no word spans a line break, so each phrase gives the words it would alone. Start-up is serial, before any
    /// report is read, and folding every phrase into an array of its own was a quarter of the lexicon's build.
    static func words(in phrases: [String]) -> [String] {
        var text: [UInt8] = []
        for phrase in phrases {
            text += phrase.utf8
            text.append(0x0A)
        }
        let bytes = FoldedText(text).bytes
        var words: [String] = []
        words.reserveCapacity(3 * phrases.count)
        bytes.withUnsafeBufferPointer { bytes in
            var start = -1
            for index in 0..<bytes.count {
                let byte = bytes[index]
                if Tokenizer.isLetter(byte) || Tokenizer.isDigit(byte) || (byte == 0x27 && start >= 0) {
                    if start < 0 { start = index }
                } else if start >= 0 {
                    words.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                    start = -1
                }
            }
        }
        return words
    }

    /// Every non-overlapping match in `range`, greedy and longest first.
    /// - Complexity: O(tokens × candidates sharing a first word).
    func matchAll(_ tokens: [Token], in range: Range<Int>, into matches: inout [Match<Payload>]) {
        tokens.withUnsafeBufferPointer { tokens in matchAll(tokens, in: range, into: &matches) }
    }

    /// `matchAll(_:in:into:)` over borrowed tokens. Each range is matched on its own: no phrase crosses its end.
    func matchAll(_ tokens: UnsafeBufferPointer<Token>, in range: Range<Int>, into matches: inout [Match<Payload>]) {
        var index = range.lowerBound
        while true {
            index = storage.nextStart(tokens, from: index, limit: range.upperBound)
            if index >= range.upperBound { break }
            if let (entry, end) = storage.match(tokens, at: index, limit: range.upperBound) {
                matches.append(Match(start: index, end: end, payload: payloads[entry]))
                index = end
            } else {
                index += 1
            }
        }
    }

    /// The first token from `index` on (before `limit`) that some phrase starts with, or `limit`.
    @inline(__always)
    func nextStart(_ tokens: UnsafeBufferPointer<Token>, from index: Int, limit: Int) -> Int {
        storage.nextStart(tokens, from: index, limit: limit)
    }
}

extension PhraseTable {
    /// Where a first code's candidates are in `order`, and how to walk them.
    fileprivate struct Run {
        enum Shape: UInt8 {
            /// No phrase starts with this code.
            case empty
            /// Every candidate is one token long: the first is the match.
            case singles
            /// Walk the candidates, rejecting most on their second code.
            case scanned
            /// Many candidates: walk only those listed for the second code (`Storage.pairs`), else this run (the
            /// candidates that want no particular second word).
            case paired
        }

        var start: Int32
        var count: UInt16
        var shape: Shape
    }

    /// The table's arrays, allocated once and never changed: the matcher runs once per token of every report, and
    /// reaching Swift arrays through `self` cost a retain, a release and a bounds check per access (it was the
    /// largest item of the profile); constant pointers of a final class cost neither.
    fileprivate final class Storage: @unchecked Sendable {
        /// Every phrase's elements, entry after entry.
        let codes: UnsafeMutableBufferPointer<Int32>
        /// Per entry: where its codes start, and how many.
        let entryStart: UnsafeMutableBufferPointer<Int32>
        let entryLength: UnsafeMutableBufferPointer<Int32>
        /// Per first code (word ids, then 256 punctuation bytes): its candidates.
        let runs: UnsafeMutableBufferPointer<Run>
        /// Per first code: whether any phrase starts with it, one byte each, so the test made for every token
        /// reads a table small enough to stay in the first-level cache (`runs` is eight times larger, and its loads
        /// were the matcher's cache misses).
        let starts: UnsafeMutableBufferPointer<Bool>
        /// Entry indices, run after run, then the candidate lists of `pairs`.
        let order: UnsafeMutableBufferPointer<Int32>
        /// Per position in `order`: the second element's code of that entry, or `noSecond` for a one-token phrase.
        /// Many phrases share a first word ("disc", "marrow", "no"); this rejects most of them on one comparison.
        let secondCodes: UnsafeMutableBufferPointer<Int32>
        /// Open addressing by (first slot, second code), for `paired` runs: the candidate list in `order`.
        let pairKeys: UnsafeMutableBufferPointer<UInt64>
        let pairLists: UnsafeMutableBufferPointer<(start: Int32, count: Int32)>
        let pairShift: UInt64
        let wordCount: Int

        init(
            codes: [Int32], entryStart: [Int32], entryLength: [Int32], runs: [Run], order: [Int32],
            secondCodes: [Int32], pairs: [(key: UInt64, start: Int32, count: Int32)], wordCount: Int
        ) {
            func copy<Element>(_ array: [Element]) -> UnsafeMutableBufferPointer<Element> {
                let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: max(array.count, 1))
                _ = buffer.initialize(from: array)
                return UnsafeMutableBufferPointer(rebasing: buffer[0..<array.count])
            }
            self.codes = copy(codes)
            self.entryStart = copy(entryStart)
            self.entryLength = copy(entryLength)
            self.runs = copy(runs)
            self.starts = copy(runs.map { $0.shape != .empty })
            self.order = copy(order)
            self.secondCodes = copy(secondCodes)
            self.wordCount = wordCount
            // At most half full, so a probe ends soon at an empty key.
            var capacity = 16
            while capacity < pairs.count * 2 { capacity <<= 1 }
            pairShift = UInt64(64 - capacity.trailingZeroBitCount)
            var keys = [UInt64](repeating: Self.emptyKey, count: capacity)
            var lists = [(start: Int32, count: Int32)](repeating: (0, 0), count: capacity)
            for pair in pairs {
                var slot = Self.home(pair.key, shift: pairShift)
                while keys[slot] != Self.emptyKey { slot = (slot + 1) & (capacity - 1) }
                keys[slot] = pair.key
                lists[slot] = (pair.start, pair.count)
            }
            pairKeys = copy(keys)
            pairLists = copy(lists)
        }

        deinit {
            codes.deallocate()
            entryStart.deallocate()
            entryLength.deallocate()
            runs.deallocate()
            starts.deallocate()
            order.deallocate()
            secondCodes.deallocate()
            pairKeys.deallocate()
            pairLists.deallocate()
        }

        /// No pair has this key: slots are far below 2^32.
        private static var emptyKey: UInt64 { UInt64.max }

        @inline(__always)
        private static func home(_ key: UInt64, shift: UInt64) -> Int {
            Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> shift)
        }

        /// The first token from `index` on (before `limit`) that some phrase starts with, or `limit`: the loop
        /// most tokens end in, kept apart from `match` so its few values stay in registers.
        @inline(__always)
        func nextStart(_ tokens: UnsafeBufferPointer<Token>, from index: Int, limit: Int) -> Int {
            var index = index
            while index < limit {
                let token = tokens[index]
                if token.word >= 0 {
                    if starts[Int(token.word)] { return index }
                } else if token.kind == .punctuation {
                    if starts[wordCount + Int(token.byte)] { return index }
                }
                index &+= 1
            }
            return limit
        }

        /// The entry of the longest phrase starting at `index` within `limit`, and the index past its last token.
        @inline(__always)
        func match(_ tokens: UnsafeBufferPointer<Token>, at index: Int, limit: Int) -> (entry: Int, end: Int)? {
            // The slot of `code(of:)`, read in the order that costs least for the usual token, a known word (the
            // tokeniser gives punctuation the word id -1).
            let token = tokens[index]
            let slot: Int
            if token.word >= 0 {
                slot = Int(token.word)
            } else if token.kind == .punctuation {
                slot = wordCount + Int(token.byte)
            } else {
                return nil
            }
            let run = runs[slot]
            if run.shape == .empty { return nil }
            var base = Int(run.start)
            var count = Int(run.count)
            if run.shape == .singles { return (Int(order[base]), index + 1) }
            // What a second element can match: the next token as it is (for a phrase that wants a hyphen), or
            // the next after skipping glued hyphens (for any other); neither across a blank line or the limit.
            let (direct, skipped) = secondCandidates(tokens, after: index, limit: limit)
            if run.shape == .paired, let list = pairList(slot: slot, second: skipped) {
                base = Int(list.start)
                count = Int(list.count)
            }
            candidateLoop: for position in base..<(base + count) {
                let second = secondCodes[position]
                if second != PhraseTable.noSecond, second != (second == PhraseTable.hyphenCode ? direct : skipped) {
                    continue candidateLoop
                }
                let entry = Int(order[position])
                let start = Int(entryStart[entry])
                let length = Int(entryLength[entry])
                var cursor = index + 1
                var element = 1
                while element < length {
                    guard cursor < limit else { continue candidateLoop }
                    let token = tokens[cursor]
                    let wanted = codes[start + element]
                    if token.kind == .punctuation, token.byte == 0x2D, !token.spaceBefore, wanted != -0x2E {
                        cursor += 1
                        continue
                    }
                    if token.blankLineBefore { continue candidateLoop }
                    if PhraseTable.code(of: token) != wanted { continue candidateLoop }
                    cursor += 1
                    element += 1
                }
                return (entry, cursor)
            }
            return nil
        }

        /// The candidate list of a `paired` run for a second code, or nil when no entry wants that code (then
        /// the run itself is walked: its one-token and hyphen entries are the only ones that can match).
        @inline(__always)
        private func pairList(slot: Int, second: Int32) -> (start: Int32, count: Int32)? {
            let key = PhraseTable.pairKey(slot: slot, second: second)
            let mask = pairKeys.count - 1
            var probe = Self.home(key, shift: pairShift)
            while true {
                let found = pairKeys[probe]
                if found == key { return pairLists[probe] }
                if found == Self.emptyKey { return nil }
                probe = (probe + 1) & mask
            }
        }

        /// The codes a phrase's second element is compared with, as `match` would reach them: `direct` is the
        /// token after `index`, `skipped` the first after it that is not a glued hyphen; `Int32.min` (no code
        /// ever matches it) past `limit` or after a blank line.
        @inline(__always)
        private func secondCandidates(_ tokens: UnsafeBufferPointer<Token>, after index: Int, limit: Int)
            -> (direct: Int32, skipped: Int32)
        {
            func code(_ cursor: Int) -> Int32 {
                guard cursor < limit, !tokens[cursor].blankLineBefore else { return Int32.min }
                return PhraseTable.code(of: tokens[cursor])
            }
            var cursor = index + 1
            let direct = code(cursor)
            // Most often the next token is no glued hyphen, and both codes are the same one.
            guard cursor < limit, tokens[cursor].kind == .punctuation, tokens[cursor].byte == 0x2D,
                !tokens[cursor].spaceBefore
            else { return (direct, direct) }
            while cursor < limit, tokens[cursor].kind == .punctuation, tokens[cursor].byte == 0x2D,
                !tokens[cursor].spaceBefore
            {
                cursor += 1
            }
            return (direct, code(cursor))
        }
    }
}

/// A phrase found in the token stream: tokens `start..<end`.
struct Match<Payload: Sendable>: Sendable {
    var start: Int
    var end: Int
    var payload: Payload
}
