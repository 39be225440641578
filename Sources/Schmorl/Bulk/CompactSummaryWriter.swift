import SchmorlModel

/// Writes the compact summary record (`Schemas/summary.schema.json`, `extract --output summary`) straight from an
/// extraction: the same bytes as ``JSONWriter/write(summary:)`` of `extraction.summary`, without making the
/// summary (an array, and a `String` per level name) or checking room per piece.
///
/// Why: like ``CompactExtractionWriter``, whose literals and level names it shares; one bound is reserved per
/// record, then every piece is stored unchecked.
enum CompactSummaryWriter {
    /// Appends the summary of `extraction` to `bytes`, then a line break when `lineBreak` is set.
    /// - Complexity: O(record length), one capacity check.
    static func append(_ extraction: Extraction, to bytes: inout [UInt8], lineBreak: Bool = false) {
        // A node is under 300 bytes: every key, the longest enum values, a disc name of two levels.
        let bound =
            64 + CompactExtractionWriter.slack + CompactExtractionWriter.stringBound(extraction.id)
            + 320 &* extraction.nodes.count + 16 &* extraction.differentials.count
        bytes.appendReserved(upTo: bound) { out in
            write(extraction, to: &out)
            if lineBreak { out.write(0x0A) }
            assert(out.count + CompactExtractionWriter.slack <= bound, "the record outgrew its bound")
        }
    }

    private static func write(_ extraction: Extraction, to out: inout ReservedBytes) {
        out.write(fragment: #"{"id":"#)
        out.write(string: extraction.id)
        out.write(fragment: #","nodes":["#)
        for (index, node) in extraction.nodes.enumerated() {
            let finding = node.finding
            out.write(fragment: index == 0 ? #"{"level":"# : #",{"level":"#)
            CompactExtractionWriter.writeLevelLabel(of: finding.location, to: &out)
            out.write(fragment: CompactExtractionWriter.endplateMember(finding.location.endplate))
            out.write(fragment: #","assertion":"#)
            out.write(fragment: CompactExtractionWriter.value(finding.assertion))
            out.write(fragment: finding.multiple ? #","multiple":true,"edema":"# : #","multiple":false,"edema":"#)
            write(finding.edema.value, to: &out)
            out.write(fragment: #","enhancement":"#)
            write(finding.enhancement.value, to: &out)
            out.write(fragment: #","endplateDisruption":"#)
            write(finding.endplateDisruption.value, to: &out)
            out.write(fragment: #","posteriorExtension":"#)
            write(finding.posteriorExtension.value, to: &out)
            out.write(
                fragment: node.classification.acute
                    ? #","acute":true,"symptomatic":"# : #","acute":false,"symptomatic":"#)
            out.write(fragment: CompactExtractionWriter.value(node.classification.symptomatic))
            out.write(UInt8(ascii: "}"))
        }
        out.write(fragment: #"],"differentials":["#)
        // `extraction.summary` sorts the conditions (DifferentialCondition's order is allCases'): each condition
        // in that order, as often as it occurs.
        var isFirst = true
        for condition in DifferentialCondition.allCases {
            for differential in extraction.differentials where differential.condition == condition {
                if !isFirst { out.write(UInt8(ascii: ",")) }
                isFirst = false
                out.write(fragment: CompactExtractionWriter.value(condition))
            }
        }
        out.write(fragment: "]}")
    }

    @inline(__always)
    private static func write(_ value: Bool?, to out: inout ReservedBytes) {
        switch value {
        case nil: out.write(fragment: "null")
        case true: out.write(fragment: "true")
        case false: out.write(fragment: "false")
        }
    }
}
