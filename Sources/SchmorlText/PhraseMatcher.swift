/// One element of a compiled phrase: a vocabulary word or a punctuation byte.
enum PhraseElement: Hashable, Sendable {
    case word(Int32)
    case punctuation(UInt8)
}

/// A phrase table compiled for matching over tokens: phrases grouped by their first element, longest first.
///
/// Matching is greedy, left to right, longest phrase first, and never overlaps within one table: the way
/// ConText lexicons are applied. A glued hyphen in the text that the phrase does not have is skipped, so
/// "t2-hyperintense" matches "t2 hyperintense".
struct PhraseTable<Payload: Sendable>: Sendable {
    struct Entry: Sendable {
        var elements: [PhraseElement]
        var payload: Payload
    }

    /// Candidates by first element: a flat array indexed by word id, and one by punctuation byte, so finding a
    /// token's candidates costs an array index, not a hash (the profile's top item before this change).
    private var byFirstWord: [[Entry]]
    private var byFirstPunctuation: [[Entry]]

    init(_ phrases: [(String, Payload)], vocabulary: Vocabulary) {
        var byFirst: [PhraseElement: [Entry]] = [:]
        var tokens: [Token] = []
        for (phrase, payload) in phrases {
            let bytes = FoldedText(Array(phrase.utf8)).bytes
            Tokenizer.tokenize(bytes, vocabulary: vocabulary, into: &tokens)
            var elements: [PhraseElement] = []
            for token in tokens {
                switch token.kind {
                case .punctuation: elements.append(.punctuation(token.byte))
                case .word, .number:
                    precondition(token.word >= 0, "phrase word not in vocabulary: \(phrase)")
                    elements.append(.word(token.word))
                }
            }
            guard let first = elements.first else { continue }
            byFirst[first, default: []].append(Entry(elements: elements, payload: payload))
        }
        byFirstWord = Array(repeating: [], count: vocabulary.count)
        byFirstPunctuation = Array(repeating: [], count: 256)
        for (key, entries) in byFirst {
            let sorted = entries.enumerated().sorted {
                ($0.element.elements.count, -$0.offset) > ($1.element.elements.count, -$1.offset)
            }.map(\.element)
            switch key {
            case .word(let id): byFirstWord[Int(id)] = sorted
            case .punctuation(let byte): byFirstPunctuation[Int(byte)] = sorted
            }
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

    @inline(__always)
    private static func element(of token: Token) -> PhraseElement {
        token.kind == .punctuation ? .punctuation(token.byte) : .word(token.word)
    }

    /// The longest phrase starting at token `index` within `limit`, with the index one past its last token.
    func match(_ tokens: [Token], at index: Int, limit: Int) -> (entry: Entry, end: Int)? {
        let first = tokens[index]
        if first.kind != .punctuation && first.word < 0 { return nil }
        let candidates = first.kind == .punctuation ? byFirstPunctuation[Int(first.byte)] : byFirstWord[Int(first.word)]
        if candidates.isEmpty { return nil }
        candidateLoop: for candidate in candidates {
            var position = index + 1
            var element = 1
            while element < candidate.elements.count {
                guard position < limit else { continue candidateLoop }
                let token = tokens[position]
                if token.kind == .punctuation, token.byte == 0x2D, !token.spaceBefore,
                    candidate.elements[element] != .punctuation(0x2D)
                {
                    position += 1
                    continue
                }
                if token.lineBreakBefore && token.blankLineBefore { continue candidateLoop }
                if Self.element(of: token) != candidate.elements[element] { continue candidateLoop }
                position += 1
                element += 1
            }
            return (candidate, position)
        }
        return nil
    }

    /// Every non-overlapping match in `range`, greedy and longest first.
    /// - Complexity: O(tokens × candidates sharing a first word).
    func matchAll(_ tokens: [Token], in range: Range<Int>, into matches: inout [Match<Payload>]) {
        var index = range.lowerBound
        while index < range.upperBound {
            if let (entry, end) = match(tokens, at: index, limit: range.upperBound) {
                matches.append(Match(start: index, end: end, payload: entry.payload))
                index = end
            } else {
                index += 1
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
