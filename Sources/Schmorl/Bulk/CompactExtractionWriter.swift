import SchmorlModel

/// Writes the compact full extraction record (`Schemas/extraction.schema.json`, one JSON Lines line) in a few
/// large steps: the same bytes as the general ``JSONWriter`` path, which pretty output still takes.
///
/// Why: the record's shape is fixed, so everything the general writer decides per piece (is a comma due, is the
/// staging buffer full, is there room in the array) is known here in advance:
/// - room: one upper bound for the whole record (``byteBound(of:)``) is reserved once, then every piece is
///   stored with no check of its own;
/// - separators: a key and the punctuation around it are one literal fragment chosen by position
///   (`,"endplate":`), and constant values go with their key (`,"multiple":false`);
/// - enum values and level names are written from literals and integers, never through a `String`;
/// - a feature that was not mentioned (most are) is one fragment, `{"value":null,"evidence":[]}`.
enum CompactExtractionWriter {
    /// Appends `extraction`'s record to `bytes`, then a line break when `lineBreak` is set (a JSON Lines line).
    /// - Complexity: O(record length), one capacity check.
    static func append(_ extraction: Extraction, to bytes: inout [UInt8], lineBreak: Bool = false) {
        let bound = byteBound(of: extraction)
        bytes.appendReserved(upTo: bound) { out in
            write(extraction, to: &out)
            if lineBreak { out.write(0x0A) }
            assert(out.count + slack <= bound, "the record outgrew its bound")
        }
    }

    // MARK: - Bound

    /// Bytes reserved past the bound of the last piece: integers store a whole word (up to 7 bytes past their
    /// digits), and short copies may store up to 16.
    static let slack = 32
    /// The largest integer: 19 digits and a sign, plus the word store's overrun, counted in ``slack``.
    static let intBound = 20

    /// An upper bound of the record's length: the longest each fixed part can be, plus 6 bytes per byte of every
    /// string (the longest escape, `\u00XX`) and its quotes.
    ///
    /// The fixed parts are counted generously (keys, punctuation and the longest enum value of each place, 20
    /// bytes per integer); being long costs only capacity, which the next record reuses.
    static func byteBound(of extraction: Extraction) -> Int {
        var bound = 256 + slack + stringBound(extraction.id)
        for section in extraction.sections {
            bound &+= 128 + 2 &* intBound + stringBound(section.title) + stringBound(section.sourceCode)
        }
        for node in extraction.nodes { bound &+= byteBound(of: node) }
        for differential in extraction.differentials {
            bound &+= 96
            for mention in differential.mentions {
                bound &+= 96 + stringBound(mention.section) + evidenceBound(mention.evidence)
                if let cue = mention.cue { bound &+= evidenceBound(cue) }
            }
        }
        for note in extraction.notes { bound &+= 1 + stringBound(note) }
        return bound
    }

    /// A node's fixed part (three level names of up to two integers each, every key, the longest enum values,
    /// the assertion cue's scope, the size) is under 1,200 bytes; its evidence and reasons come on top.
    private static func byteBound(of node: ClassifiedNode) -> Int {
        let finding = node.finding
        var bound = 1536 + 8 &* intBound
        if let cue = finding.assertionCue { bound &+= evidenceBound(cue.evidence) }
        for mention in finding.mentions { bound &+= evidenceBound(mention) }
        bound &+= featureBound(finding.edema) + featureBound(finding.enhancement)
        bound &+= featureBound(finding.endplateDisruption) + featureBound(finding.posteriorExtension)
        bound &+= featureBound(finding.scleroticRim)
        for reason in node.classification.reasons {
            bound &+= 64 + stringBound(reason.code) + stringBound(reason.rule) + stringBound(reason.statement)
            for evidence in reason.evidence { bound &+= evidenceBound(evidence) }
        }
        return bound
    }

    private static func featureBound(_ feature: Feature) -> Int {
        var bound = 0
        for evidence in feature.evidence { bound &+= evidenceBound(evidence) }
        return bound
    }

    /// `{"start":N,"end":N,"text":"…","line":N,"column":N}` and a comma.
    @inline(__always)
    private static func evidenceBound(_ evidence: Evidence) -> Int {
        64 + 4 &* intBound + stringBound(evidence.text)
    }

    @inline(__always)
    static func stringBound(_ string: String?) -> Int {
        guard let string else { return 4 }
        return 2 &+ 6 &* string.utf8.count
    }

    // MARK: - Writing

    private static func write(_ extraction: Extraction, to out: inout ReservedBytes) {
        out.write(fragment: #"{"schemaVersion":"#)
        out.write(string: Extraction.schemaVersion)
        out.write(fragment: #","id":"#)
        out.write(string: extraction.id)
        out.write(fragment: Self.sourceFormatMember(extraction.sourceFormat))
        out.write(fragment: #","offsets":"utf8-bytes","sections":["#)
        // Read in place through the buffer: binding each section to a loop variable copied it, retaining and
        // releasing its title and source code (two of every report's few dozen reference count operations here).
        extraction.sections.withUnsafeBufferPointer { sections in
            for index in sections.indices {
                out.write(fragment: index == 0 ? #"{"kind":"# : #",{"kind":"#)
                out.write(fragment: Self.value(sections[index].kind))
                out.write(fragment: #","title":"#)
                out.write(string: sections[index].title)
                write(span: sections[index].range, to: &out)
                if sections[index].sourceCode != nil {
                    out.write(fragment: #","sourceCode":"#)
                    out.write(string: sections[index].sourceCode!)
                }
                out.write(UInt8(ascii: "}"))
            }
        }
        out.write(fragment: #"],"nodes":["#)
        // Read in place, as the sections are: binding each node to a loop variable copied it.
        extraction.nodes.withUnsafeBufferPointer { nodes in
            for index in nodes.indices {
                if index > 0 { out.write(UInt8(ascii: ",")) }
                write(node: nodes.baseAddress! + index, to: &out)
            }
        }
        out.write(fragment: #"],"differentials":["#)
        for (index, differential) in extraction.differentials.enumerated() {
            out.write(fragment: index == 0 ? #"{"condition":"# : #",{"condition":"#)
            out.write(fragment: Self.value(differential.condition))
            out.write(fragment: #","certainty":"#)
            out.write(fragment: Self.value(differential.certainty))
            out.write(fragment: #","evidence":["#)
            // Read in place, as the sections and nodes are: a loop variable copied each mention.
            differential.mentions.withUnsafeBufferPointer { mentions in
                for index in mentions.indices {
                    out.write(fragment: index == 0 ? #"{"certainty":"# : #",{"certainty":"#)
                    out.write(fragment: Self.value(mentions[index].certainty))
                    out.write(fragment: #","section":"#)
                    out.write(string: mentions[index].section)
                    out.write(fragment: #","span":"#)
                    write(mentions[index].evidence, to: &out)
                    out.write(fragment: #","cue":"#)
                    if mentions[index].cue != nil {
                        write(mentions[index].cue!, to: &out)
                    } else {
                        out.write(fragment: "null")
                    }
                    out.write(UInt8(ascii: "}"))
                }
            }
            out.write(fragment: "]}")
        }
        out.write(fragment: #"],"notes":["#)
        for (index, note) in extraction.notes.enumerated() {
            if index > 0 { out.write(UInt8(ascii: ",")) }
            out.write(string: note)
        }
        out.write(fragment: "]}")
    }

    /// Takes the node by address: passed by value, it was copied (an outlined copy and destroy per node).
    private static func write(node: UnsafePointer<ClassifiedNode>, to out: inout ReservedBytes) {
        let finding = node.pointee.finding
        let location = finding.location
        out.write(fragment: #"{"level":"#)
        writeLevelLabel(of: location, to: &out)
        out.write(fragment: #","vertebra":"#)
        if let vertebra = location.vertebra { write(vertebra, to: &out) } else { out.write(fragment: "null") }
        out.write(fragment: #","disc":"#)
        if let disc = location.disc { write(disc, to: &out) } else { out.write(fragment: "null") }
        out.write(fragment: Self.endplateMember(location.endplate))
        out.write(fragment: Self.regionMember(location.region))
        out.write(fragment: finding.multiple ? #","multiple":true,"assertion":"# : #","multiple":false,"assertion":"#)
        out.write(fragment: Self.value(finding.assertion))
        out.write(fragment: #","assertionCue":"#)
        if let cue = finding.assertionCue {
            out.write(fragment: #"{"kind":"#)
            out.write(fragment: Self.value(cue.kind))
            out.write(fragment: #","cue":"#)
            write(cue.evidence, to: &out)
            out.write(fragment: #","scope":"#)
            out.write(fragment: #"{"start":"#)
            out.write(int: cue.scope.start)
            out.write(fragment: #","end":"#)
            out.write(int: cue.scope.end)
            out.write(fragment: "}}")
        } else {
            out.write(fragment: "null")
        }
        out.write(fragment: #","mentions":["#)
        write(list: finding.mentions, to: &out)
        out.write(fragment: #"],"features":{"edema":"#)
        write(finding.edema, to: &out)
        out.write(fragment: #","enhancement":"#)
        write(finding.enhancement, to: &out)
        out.write(fragment: #","endplateDisruption":"#)
        write(finding.endplateDisruption, to: &out)
        out.write(fragment: #","posteriorExtension":"#)
        write(finding.posteriorExtension, to: &out)
        out.write(fragment: #","scleroticRim":"#)
        write(finding.scleroticRim, to: &out)
        out.write(fragment: #"},"sizeMm":"#)
        if let size = finding.sizeMm { out.write(double: size) } else { out.write(fragment: "null") }
        out.write(fragment: finding.isLarge ? #","large":true"# : #","large":false"#)
        out.write(fragment: Self.comparisonMember(finding.comparison))
        let classification = node.pointee.classification
        out.write(
            fragment: classification.acute
                ? #","classification":{"acute":true,"symptomatic":"# : #","classification":{"acute":false,"symptomatic":"#)
        out.write(fragment: Self.value(classification.symptomatic))
        out.write(fragment: #","reasons":["#)
        // Read in place: a loop variable copied each reason (its three strings and evidence retained and released).
        classification.reasons.withUnsafeBufferPointer { reasons in
            for index in reasons.indices {
                out.write(fragment: index == 0 ? #"{"code":"# : #",{"code":"#)
                out.write(string: reasons[index].code)
                out.write(fragment: #","rule":"#)
                out.write(string: reasons[index].rule)
                out.write(fragment: #","statement":"#)
                out.write(string: reasons[index].statement)
                out.write(fragment: #","evidence":["#)
                write(list: reasons[index].evidence, to: &out)
                out.write(fragment: "]}")
            }
        }
        out.write(fragment: "]}}")
    }

    /// `{"value":…,"evidence":[…]}`; a feature not mentioned is one fragment.
    @inline(__always)
    private static func write(_ feature: Feature, to out: inout ReservedBytes) {
        switch feature.value {
        case nil: out.write(fragment: #"{"value":null,"evidence":["#)
        case true: out.write(fragment: #"{"value":true,"evidence":["#)
        case false: out.write(fragment: #"{"value":false,"evidence":["#)
        }
        write(list: feature.evidence, to: &out)
        out.write(fragment: "]}")
    }

    /// The members of an evidence array, comma separated.
    @inline(__always)
    private static func write(list: [Evidence], to out: inout ReservedBytes) {
        for (index, evidence) in list.enumerated() {
            if index > 0 { out.write(UInt8(ascii: ",")) }
            write(evidence, to: &out)
        }
    }

    private static func write(_ evidence: Evidence, to out: inout ReservedBytes) {
        out.write(fragment: #"{"start":"#)
        out.write(int: evidence.span.start)
        out.write(fragment: #","end":"#)
        out.write(int: evidence.span.end)
        out.write(fragment: #","text":"#)
        out.write(string: evidence.text)
        if let source = evidence.source {
            out.write(fragment: #","line":"#)
            out.write(int: source.line)
            out.write(fragment: #","column":"#)
            out.write(int: source.column)
        }
        out.write(UInt8(ascii: "}"))
    }

    /// `,"start":N,"end":N` of a section.
    @inline(__always)
    private static func write(span: TextSpan, to out: inout ReservedBytes) {
        out.write(fragment: #","start":"#)
        out.write(int: span.start)
        out.write(fragment: #","end":"#)
        out.write(int: span.end)
    }

    /// `NodeLocation.levelLabel` quoted, or `null`.
    @inline(__always)
    static func writeLevelLabel(of location: NodeLocation, to out: inout ReservedBytes) {
        if let vertebra = location.vertebra {
            write(vertebra, to: &out)
        } else if let disc = location.disc {
            write(disc, to: &out)
        } else {
            out.write(fragment: "null")
        }
    }

    /// `"T11"`: the bytes of `VertebralLevel.description`, quoted.
    @inline(__always)
    private static func write(_ level: VertebralLevel, to out: inout ReservedBytes) {
        out.write(UInt8(ascii: "\""))
        writeName(of: level, to: &out)
        out.write(UInt8(ascii: "\""))
    }

    /// `"T11-T12"`: the bytes of `DiscLevel.description`, quoted.
    private static func write(_ disc: DiscLevel, to out: inout ReservedBytes) {
        out.write(UInt8(ascii: "\""))
        writeName(of: disc.upper, to: &out)
        out.write(UInt8(ascii: "-"))
        writeName(of: disc.lower, to: &out)
        out.write(UInt8(ascii: "\""))
    }

    @inline(__always)
    private static func writeName(of level: VertebralLevel, to out: inout ReservedBytes) {
        switch level.region {
        case .cervical: out.write(UInt8(ascii: "C"))
        case .thoracic: out.write(UInt8(ascii: "T"))
        case .lumbar: out.write(UInt8(ascii: "L"))
        case .sacral: out.write(UInt8(ascii: "S"))
        case .coccygeal: out.write(fragment: "Co")
        }
        out.write(int: level.number)
    }
}
