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
    private var codes: [Int32] = []
    /// Per entry: where its codes start, how many, and its payload.
    private var entryStart: [Int32] = []
    private var entryLength: [Int32] = []
    private var payloads: [Payload] = []
    /// Per first code (word ids, then 256 punctuation bytes): the run of entry indices in `order`.
    private var runStart: [Int32] = []
    private var runLength: [Int32] = []
    private var order: [Int32] = []
    /// Per position in `order`: the second element's code of that entry, or `Self.noSecond` for a one-token
    /// phrase. Many phrases share a first word ("disc", "marrow", "no"); this lets the matcher reject most of them
    /// on one comparison with the next token, without walking each.
    private var secondCodes: [Int32] = []
    private var wordCount = 0

    init(_ phrases: [(String, Payload)], vocabulary: Vocabulary) {
        wordCount = vocabulary.count
        var tokens: [Token] = []
        var byFirst: [Int: [Int]] = [:]
        for (phrase, payload) in phrases {
            let bytes = FoldedText(Array(phrase.utf8)).bytes
            Tokenizer.tokenize(bytes, vocabulary: vocabulary, into: &tokens)
            guard !tokens.isEmpty else { continue }
            let entry = payloads.count
            entryStart.append(Int32(codes.count))
            for token in tokens {
                if token.kind != .punctuation { precondition(token.word >= 0, "phrase word not in vocabulary: \(phrase)") }
                codes.append(Self.code(of: token))
            }
            entryLength.append(Int32(tokens.count))
            payloads.append(payload)
            byFirst[slot(of: Self.code(of: tokens[0])), default: []].append(entry)
        }
        runStart = [Int32](repeating: 0, count: wordCount + 256)
        runLength = [Int32](repeating: 0, count: wordCount + 256)
        for (slot, entries) in byFirst.sorted(by: { $0.key < $1.key }) {
            // Longest first; among equals, the first listed wins.
            let sorted = entries.sorted { (entryLength[$0], -$0) > (entryLength[$1], -$1) }
            runStart[slot] = Int32(order.count)
            runLength[slot] = Int32(sorted.count)
            order += sorted.map { Int32($0) }
            secondCodes += sorted.map { entryLength[$0] > 1 ? codes[Int(entryStart[$0]) + 1] : Self.noSecond }
        }
    }

    /// `secondCodes` of a one-token phrase: it needs no second token.
    fileprivate static var noSecond: Int32 { Int32.max }

    /// The code of a hyphen token, the one punctuation a phrase can ask for where a glued hyphen would be skipped.
    fileprivate static var hyphenCode: Int32 { -0x2E }

    /// A token's code: its word id, or `-(byte + 1)` for punctuation; unknown words are `Int32.min`.
    @inline(__always)
    static func code(of token: Token) -> Int32 {
        if token.kind == .punctuation { return -Int32(token.byte) - 1 }
        return token.word >= 0 ? token.word : Int32.min
    }

    @inline(__always)
    private func slot(of code: Int32) -> Int { code >= 0 ? Int(code) : wordCount + Int(-code - 1) }

    /// The longest phrase starting at token `index` within `limit`: its payload and the index past its last token.
    func match(_ tokens: [Token], at index: Int, limit: Int) -> (payload: Payload, end: Int)? {
        tokens.withUnsafeBufferPointer { tokens in
            withTables { tables in
                tables.match(tokens, at: index, limit: limit).map { (payloads[$0.entry], $0.end) }
            }
        }
    }

    /// The table's arrays, borrowed for one matching call: the matcher runs once per token of every report, and
    /// reaching each array through `self` cost a retain, a release and a bounds check per access (it was the
    /// largest item of the profile).
    private func withTables<Result>(_ body: (BorrowedTables) -> Result) -> Result {
        codes.withUnsafeBufferPointer { codes in
            entryStart.withUnsafeBufferPointer { entryStart in
                entryLength.withUnsafeBufferPointer { entryLength in
                    runStart.withUnsafeBufferPointer { runStart in
                        runLength.withUnsafeBufferPointer { runLength in
                            order.withUnsafeBufferPointer { order in
                                secondCodes.withUnsafeBufferPointer { secondCodes in
                                    body(
                                        BorrowedTables(
                                            codes: codes, entryStart: entryStart, entryLength: entryLength,
                                            runStart: runStart, runLength: runLength, order: order,
                                            secondCodes: secondCodes, wordCount: wordCount))
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The same arrays as borrowed buffers, valid only inside `withTables`.
    private struct BorrowedTables {
        let codes: UnsafeBufferPointer<Int32>
        let entryStart: UnsafeBufferPointer<Int32>
        let entryLength: UnsafeBufferPointer<Int32>
        let runStart: UnsafeBufferPointer<Int32>
        let runLength: UnsafeBufferPointer<Int32>
        let order: UnsafeBufferPointer<Int32>
        let secondCodes: UnsafeBufferPointer<Int32>
        let wordCount: Int

        /// The entry of the longest phrase starting at `index` within `limit`, and the index past its last token.
        @inline(__always)
        func match(_ tokens: UnsafeBufferPointer<Token>, at index: Int, limit: Int) -> (entry: Int, end: Int)? {
            let first = PhraseTable.code(of: tokens[index])
            if first == Int32.min { return nil }
            let slot = first >= 0 ? Int(first) : wordCount + Int(-first - 1)
            let count = Int(runLength[slot])
            if count == 0 { return nil }
            let base = Int(runStart[slot])
            // What a second element can match: the next token as it is (for a phrase that wants a hyphen), or
            // the next after skipping glued hyphens (for any other); neither across a blank line or the limit.
            let (direct, skipped) = secondCandidates(tokens, after: index, limit: limit)
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
            while cursor < limit, tokens[cursor].kind == .punctuation, tokens[cursor].byte == 0x2D,
                !tokens[cursor].spaceBefore
            {
                cursor += 1
            }
            return (direct, code(cursor))
        }
    }

    /// Every words that occur in `phrases`, for building the vocabulary.
    static func words(in phrases: [String]) -> [String] {
        var words: [String] = []
        for phrase in phrases {
            let bytes = FoldedText(Array(phrase.utf8)).bytes
            var current: [UInt8] = []
            var index = 0
            func flush() {
                if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
                current.removeAll()
            }
            while index < bytes.count {
                let byte = bytes[index]
                if Tokenizer.isLetter(byte) || Tokenizer.isDigit(byte)
                    || (byte == 0x27 && !current.isEmpty)
                {
                    current.append(byte)
                } else {
                    flush()
                }
                index += 1
            }
            flush()
        }
        return words
    }

    /// Every non-overlapping match in `range`, greedy and longest first.
    /// - Complexity: O(tokens × candidates sharing a first word).
    func matchAll(_ tokens: [Token], in range: Range<Int>, into matches: inout [Match<Payload>]) {
        matchAll(tokens, inEach: CollectionOfOne(range), into: &matches)
    }

    /// Every non-overlapping match inside each of `ranges` (in order, each matched on its own, so no phrase
    /// crosses the end of a range), with the tables borrowed once for all of them: per-sentence matching called
    /// once per sentence paid the borrowing each time.
    func matchAll<Ranges: Sequence<Range<Int>>>(
        _ tokens: [Token], inEach ranges: Ranges, into matches: inout [Match<Payload>]
    ) {
        tokens.withUnsafeBufferPointer { tokens in
            withTables { tables in
                for range in ranges {
                    var index = range.lowerBound
                    while index < range.upperBound {
                        if let (entry, end) = tables.match(tokens, at: index, limit: range.upperBound) {
                            matches.append(Match(start: index, end: end, payload: payloads[entry]))
                            index = end
                        } else {
                            index += 1
                        }
                    }
                }
            }
        }
    }
}

/// A phrase found in the token stream: tokens `start..<end`.
struct Match<Payload: Sendable>: Sendable {
    var start: Int
    var end: Int
    var payload: Payload
}
