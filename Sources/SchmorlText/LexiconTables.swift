import SchmorlModel

/// The lexicon compiled once at start-up: the vocabulary and the three phrase tables, shared by every report.
final class LexiconTables: Sendable {
    static let shared = LexiconTables()

    let vocabulary: Vocabulary
    let cues: PhraseTable<CueEntry>
    /// A phrase may stand for several concepts ("endplate fracture": disruption and the fracture differential):
    /// its payload is their range in `findingConcepts`, a plain value, so a match copies no array (each copy of an
    /// array payload was a retain and a release per finding).
    let findings: PhraseTable<Range<Int>>
    let findingConcepts: [Concept]
    let context: PhraseTable<Concept>
    let sites: PhraseTable<Concept>
    let headers: PhraseTable<SectionKind>
    let locationWords: WordClass
    let abbreviations: WordClass
    /// Ordinal number by word id (\"fourth\" is 4), 0 for other words.
    let ordinals: [Int8]
    let qualities: WordClass
    /// Words that turn a feature phrase into its denial (\"endplate intact\", \"non-enhancing\").
    let inverting: WordClass
    let words: CommonWords
    /// Per word id, whether a token with that id may name a node (`ReportAnalysis.mayNameNode`): `never` when no
    /// spelling of the id starts with "s" and keeps "mo" (a token's bytes, fillers aside, are one of its id's
    /// spellings, so its own bytes cannot either), `always` for "schmorl's", "sn" and "sns", `bySpelling` when
    /// the token's own bytes decide. Most words are `never`, which spares the byte test for each.
    let nodeNameWords: [NodeNameWord]

    enum NodeNameWord: UInt8, Sendable {
        case never, always, bySpelling
    }

    struct CueEntry: Sendable {
        var kind: CueKind
        var direction: CueDirection
    }

    /// Word ids the engine tests directly.
    struct CommonWords: Sendable {
        let node, nodes, nodule, nodules, type, like, schmorls, sn, sns, at, the, of, to, through,
            thru, from, and, or, level, levels, vertebra, vertebral, body, mm, cm, measuring, measures, x,
            by, nerve, root, roots, segment, a, an, disc, there, with, without, endplate, on, space: Int32
    }

    private init() {
        var phraseStrings: [String] = Lexicon.cues.map(\.phrase)
        phraseStrings += Lexicon.findings.map(\.phrase)
        phraseStrings += Lexicon.context.map(\.phrase)
        phraseStrings += Lexicon.sites.map(\.phrase)
        phraseStrings += Lexicon.sectionHeaders.map(\.phrase)
        phraseStrings += Lexicon.locationWords + Lexicon.abbreviations + Lexicon.ordinals + Lexicon.qualities
        let extra = [
            "schmorl's", "sn", "sns", "node", "nodes", "nodule", "nodules", "type", "like", "mm", "cm", "measuring",
            "measures", "measure", "x", "by", "up", "nerve", "root", "roots", "segment", "and", "a", "an", "no",
            "new", "it", "this", "there", "is", "are", "with", "without", "moderate", "deformity", "until",
            "including", "both", "tiny", "small", "plate", "end", "endplate", "endplates", "cervical", "thoracic",
            "lumbar", "sacral", "dorsal", "vertebrae", "millimeter", "millimeters", "millimetre", "millimetres",
            "centimeter", "centimeters", "pain", "tenderness", "lymph", "space", "on", "that", "those", "said",
            "intact", "preserved", "non", "nonenhancing", "confined", "normal", "unremarkable",
        ]
        let vocabularyWords = PhraseTable<Int>.words(in: phraseStrings + extra)
        let vocabulary = Vocabulary(words: vocabularyWords, variants: Lexicon.variants)
        self.vocabulary = vocabulary
        // One entry per phrase: the first listing decides the kind; the same phrase listed with the same kind in both
        // directions reaches both ways.
        var cueEntries: [(String, CueEntry)] = []
        var cueIndex: [String: Int] = [:]
        // Sized once: growing a dictionary rehashes every key so far (regrowing the start-up dictionaries was 1.9M
        // instructions of serial start-up, with the vocabulary's).
        cueIndex.reserveCapacity(Lexicon.cues.count)
        cueEntries.reserveCapacity(Lexicon.cues.count)
        for cue in Lexicon.cues {
            if let existing = cueIndex[cue.phrase] {
                if cueEntries[existing].1.kind == cue.kind, cueEntries[existing].1.direction != cue.direction {
                    cueEntries[existing].1.direction = .both
                }
                continue
            }
            cueIndex[cue.phrase] = cueEntries.count
            cueEntries.append((cue.phrase, CueEntry(kind: cue.kind, direction: cue.direction)))
        }
        cues = PhraseTable(cueEntries, vocabulary: vocabulary)
        var findingEntries: [(String, [Concept])] = []
        var findingIndex: [String: Int] = [:]
        findingIndex.reserveCapacity(Lexicon.findings.count)
        findingEntries.reserveCapacity(Lexicon.findings.count)
        for term in Lexicon.findings {
            if let existing = findingIndex[term.phrase] {
                if !findingEntries[existing].1.contains(term.concept) { findingEntries[existing].1.append(term.concept) }
            } else {
                findingIndex[term.phrase] = findingEntries.count
                findingEntries.append((term.phrase, [term.concept]))
            }
        }
        var findingConcepts: [Concept] = []
        var findingRanges: [(String, Range<Int>)] = []
        for (phrase, concepts) in findingEntries {
            findingRanges.append((phrase, findingConcepts.count..<(findingConcepts.count + concepts.count)))
            findingConcepts += concepts
        }
        findings = PhraseTable(findingRanges, vocabulary: vocabulary)
        self.findingConcepts = findingConcepts
        context = PhraseTable(Lexicon.context.map { ($0.phrase, $0.concept) }, vocabulary: vocabulary)
        sites = PhraseTable(Lexicon.sites.map { ($0.phrase, $0.concept) }, vocabulary: vocabulary)
        headers = PhraseTable(Lexicon.sectionHeaders.map { ($0.phrase, $0.kind) }, vocabulary: vocabulary)
        locationWords = WordClass(Lexicon.locationWords, vocabulary: vocabulary)
        abbreviations = WordClass(Lexicon.abbreviations, vocabulary: vocabulary)
        qualities = WordClass(Lexicon.qualities, vocabulary: vocabulary)
        inverting = WordClass(["intact", "preserved", "non", "nonenhancing", "confined", "normal"], vocabulary: vocabulary)
        var ordinals = [Int8](repeating: 0, count: vocabulary.count)
        for (index, word) in Lexicon.ordinals.enumerated() { ordinals[Int(vocabulary.id(word))] = Int8(index + 1) }
        self.ordinals = ordinals
        let v = vocabulary
        words = CommonWords(
            node: v.id("node"),
            nodes: v.id("nodes"),
            nodule: v.id("nodule"),
            nodules: v.id("nodules"),
            type: v.id("type"),
            like: v.id("like"),
            schmorls: v.id("schmorl's"),
            sn: v.id("sn"),
            sns: v.id("sns"),
            at: v.id("at"),
            the: v.id("the"),
            of: v.id("of"),
            to: v.id("to"),
            through: v.id("through"),
            thru: v.id("thru"),
            from: v.id("from"),
            and: v.id("and"),
            or: v.id("or"),
            level: v.id("level"),
            levels: v.id("levels"),
            vertebra: v.id("vertebra"),
            vertebral: v.id("vertebral"),
            body: v.id("body"),
            mm: v.id("mm"),
            cm: v.id("cm"),
            measuring: v.id("measuring"),
            measures: v.id("measures"),
            x: v.id("x"),
            by: v.id("by"),
            nerve: v.id("nerve"),
            root: v.id("root"),
            roots: v.id("roots"),
            segment: v.id("segment"),
            a: v.id("a"),
            an: v.id("an"),
            disc: v.id("disc"),
            there: v.id("there"),
            with: v.id("with"),
            without: v.id("without"),
            endplate: v.id("endplate"),
            on: v.id("on"),
            space: v.id("space"))
        var nodeNameWords = [NodeNameWord](repeating: .never, count: vocabulary.count)
        // The shape first: few spellings have it, and only those need their id looked up. Most spellings fail on
        // their first byte, read before any loop (and with no joined copy of the three lists of spellings).
        func markIfMayNameNode(_ spelling: String) {
            guard spelling.utf8.first == 0x73 else { return }
            var sawM = false
            for byte in spelling.utf8 {
                if sawM && byte == 0x6F {
                    if let id = vocabulary.idIfKnown(spelling) { nodeNameWords[Int(id)] = .bySpelling }
                    return
                }
                sawM = byte == 0x6D
            }
        }
        for spelling in vocabularyWords { markIfMayNameNode(spelling) }
        for (variant, written) in Lexicon.variants {
            markIfMayNameNode(variant)
            markIfMayNameNode(written)
        }
        for id in [words.schmorls, words.sn, words.sns] { nodeNameWords[Int(id)] = .always }
        self.nodeNameWords = nodeNameWords
    }
}
