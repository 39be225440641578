@testable import SchmorlText
import Testing

/// The tokeniser's and the vocabulary's contracts, which every later stage leans on: how bytes become tokens, that
/// punctuation carries no word id (the phrase matcher's skip loop reads the id before the kind), and that every
/// spelling of a word reads as that word's one id.
@Suite struct TokenizerTests {
    let vocabulary = LexiconTables.shared.vocabulary

    private func tokens(_ text: String) -> (folded: [UInt8], tokens: [Token]) {
        let folded = FoldedText(Array(text.utf8)).bytes
        var tokens: [Token] = []
        Tokenizer.tokenize(folded, vocabulary: vocabulary, into: &tokens)
        return (folded, tokens)
    }

    @Test func bytesBecomeWordsNumbersAndPunctuation() {
        let (folded, tokens) = tokens("Schmorl's node, L4-5; end-plate T2-hyperintense 12.5 mm.")
        let texts = tokens.map { String(decoding: folded[$0.range], as: UTF8.self) }
        // A hyphen between two letters joins nothing; after a digit it is a token (levels need it).
        #expect(texts == ["schmorl's", "node", ",", "l4", "-", "5", ";", "end", "plate", "t2", "-", "hyperintense", "12.5", "mm", "."])
        let kinds = tokens.map(\.kind)
        #expect(kinds[0] == .word && kinds[2] == .punctuation && kinds[5] == .number && kinds[12] == .number)
        for token in tokens where token.kind == .punctuation {
            #expect(token.word == -1, "punctuation \(token.byte) has a word id")
        }
        // "end-plate" reads as two words with white space between them, as "end plate" would.
        #expect(tokens[8].spaceBefore)
    }

    @Test func whiteSpaceIsRecordedOnTheNextToken() {
        let (_, tokens) = tokens("a b\nc\n\nd")
        #expect(tokens.count == 4)
        #expect(!tokens[0].lineBreakBefore && tokens[1].spaceBefore && !tokens[1].lineBreakBefore)
        #expect(tokens[2].lineBreakBefore && !tokens[2].blankLineBefore)
        #expect(tokens[3].blankLineBefore)
    }

    @Test func knownWordsGetTheirIdsAndUnknownOnesNone() {
        let (_, tokens) = tokens("Marrow EDEMA qwertyuiop")
        #expect(tokens[0].word == vocabulary.id("marrow"))
        #expect(tokens[1].word == vocabulary.id("edema"))
        #expect(tokens[2].word == -1)
    }

    /// rules.md works on normalised spellings (domain.md §1.1): British spellings, plurals and chains of variants
    /// (tumours → tumors → tumor) all read as the word the phrases are written with.
    @Test func everySpellingOfAWordSharesItsId() {
        let tumor = vocabulary.id("tumor")
        for spelling in ["tumor", "tumour", "tumors", "tumours", "tumoral"] {
            let (_, tokens) = tokens(spelling)
            #expect(tokens.first?.word == tumor, "\(spelling)")
        }
        let (_, oedema) = tokens("Oedema")
        #expect(oedema.first?.word == vocabulary.id("edema"))
        let (_, schmorl) = tokens("SCHMORLS")
        #expect(schmorl.first?.word == vocabulary.id("schmorl's"))
    }

    /// Every spelling the vocabulary was built from is found again by the perfect hash, long ones included, and a
    /// spelling one byte off is not.
    @Test func theVocabularyFindsEveryWordItWasBuiltFrom() {
        let words = ["a", "no", "disc", "marrow", "schmorl's", "intraosseous", "spondylodiscitis", "osteomyelitis",
            "abcdefghijklmnopqrstuvwxyz"]
        let small = Vocabulary(words: words, variants: ["disk": "disc"])
        for word in words {
            let bytes = Array(word.utf8)
            #expect(small.lookup(bytes, 0..<bytes.count) >= 0, "\(word)")
            let nearMiss = Array((word + "x").utf8)
            #expect(small.lookup(nearMiss, 0..<nearMiss.count) == -1, "\(word)x")
        }
        let disk = Array("disk".utf8)
        #expect(small.lookup(disk, 0..<disk.count) == small.id("disc"))
        #expect(Set(words.map { small.id($0) }).count == words.count)
    }

    /// Folding counts capitals only and decides "mostly capitals" from the folded copy: the answer must be the one
    /// that counting small letters too gives, including letters folded from other characters (ö → o).
    @Test func mostlyUpperCaseIsDecidedAsByCountingEveryLetter() {
        func counted(_ text: String) -> Bool {
            let bytes = Array(text.utf8)
            let upper = bytes.filter { $0 >= 0x41 && $0 <= 0x5A }.count
            let lower = bytes.filter { $0 >= 0x61 && $0 <= 0x7A }.count
            return upper > lower * 3
        }
        let long = String(repeating: "MRI OF THE LUMBAR SPINE. ", count: 6)
        let texts = ["", "a", "A", "AAAb", "AAAAb", "ÖÖÖÖ", "ÖÖÖÖa", "ABCDöööö", "ABCDEFGHIJKLMNOPQRSTUVWXYZab",
            long, long + "small letters at the end only", "schmorl NODE at L4 " + long, long + String(long.lowercased().prefix(45)),
            long + String(long.lowercased().prefix(46)), String(repeating: "Mixed Case Text ", count: 20)]
        for text in texts {
            #expect(FoldedText(Array(text.utf8)).isMostlyUpperCase == counted(text), "\(text)")
        }
    }
}
