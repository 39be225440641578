public import SchmorlModel

extension JSONWriter {
    /// The flat summary shape (`Schemas/summary.schema.json`): exactly the keys QA teams label.
    public mutating func write(summary: ReportSummary) {
        beginObject()
        member("id", summary.id)
        key("nodes"); beginArray()
        for node in summary.nodes {
            beginObject()
            member("level", node.level)
            member("endplate", node.endplate?.rawValue)
            member("assertion", node.assertion.rawValue)
            member("multiple", node.multiple)
            member("edema", node.edema)
            member("enhancement", node.enhancement)
            member("endplateDisruption", node.endplateDisruption)
            member("posteriorExtension", node.posteriorExtension)
            member("acute", node.acute)
            member("symptomatic", node.symptomatic.rawValue)
            endObject()
        }
        endArray()
        key("differentials"); beginArray()
        for condition in summary.differentials { string(condition.rawValue) }
        endArray()
        endObject()
    }

    /// The full extraction (`Schemas/extraction.schema.json`). Spans are UTF-8 byte offsets into the text read.
    ///
    /// A compact top-level record (every JSON Lines line) is written by ``CompactExtractionWriter`` in a few large
    /// steps; pretty output, and a record inside a container, take the general path below, with the same bytes.
    public mutating func write(extraction: Extraction) {
        if appendCompactTopLevel({ CompactExtractionWriter.append(extraction, to: &$0) }) { return }
        beginObject()
        member("schemaVersion", Extraction.schemaVersion)
        member("id", extraction.id)
        member("sourceFormat", extraction.sourceFormat.rawValue)
        member("offsets", "utf8-bytes")
        key("sections"); beginArray()
        for section in extraction.sections {
            beginObject()
            member("kind", section.kind.rawValue)
            member("title", section.title)
            member("start", section.range.start)
            member("end", section.range.end)
            if let code = section.sourceCode { member("sourceCode", code) }
            endObject()
        }
        endArray()
        key("nodes"); beginArray()
        for node in extraction.nodes { write(node: node) }
        endArray()
        key("differentials"); beginArray()
        for differential in extraction.differentials {
            beginObject()
            member("condition", differential.condition.rawValue)
            member("certainty", differential.certainty.rawValue)
            key("evidence"); beginArray()
            for mention in differential.mentions {
                beginObject()
                member("certainty", mention.certainty.rawValue)
                member("section", mention.section)
                key("span"); write(evidence: mention.evidence)
                key("cue"); if let cue = mention.cue { write(evidence: cue) } else { null() }
                endObject()
            }
            endArray()
            endObject()
        }
        endArray()
        key("notes"); beginArray()
        for note in extraction.notes { string(note) }
        endArray()
        endObject()
    }

    private mutating func write(node: ClassifiedNode) {
        let finding = node.finding
        beginObject()
        member("level", finding.location.levelLabel)
        member("vertebra", finding.location.vertebra?.description)
        member("disc", finding.location.disc?.description)
        member("endplate", finding.location.endplate?.rawValue)
        member("region", finding.location.region?.rawValue)
        member("multiple", finding.multiple)
        member("assertion", finding.assertion.rawValue)
        key("assertionCue")
        if let cue = finding.assertionCue {
            beginObject()
            member("kind", cue.kind.rawValue)
            key("cue"); write(evidence: cue.evidence)
            key("scope"); beginObject(); member("start", cue.scope.start); member("end", cue.scope.end); endObject()
            endObject()
        } else {
            null()
        }
        key("mentions"); beginArray()
        for mention in finding.mentions { write(evidence: mention) }
        endArray()
        key("features"); beginObject()
        key("edema"); write(feature: finding.edema)
        key("enhancement"); write(feature: finding.enhancement)
        key("endplateDisruption"); write(feature: finding.endplateDisruption)
        key("posteriorExtension"); write(feature: finding.posteriorExtension)
        key("scleroticRim"); write(feature: finding.scleroticRim)
        endObject()
        key("sizeMm"); if let size = finding.sizeMm { double(size) } else { null() }
        member("large", finding.isLarge)
        member("comparison", finding.comparison?.rawValue)
        key("classification"); beginObject()
        member("acute", node.classification.acute)
        member("symptomatic", node.classification.symptomatic.rawValue)
        key("reasons"); beginArray()
        for reason in node.classification.reasons {
            beginObject()
            member("code", reason.code)
            member("rule", reason.rule)
            member("statement", reason.statement)
            key("evidence"); beginArray()
            for evidence in reason.evidence { write(evidence: evidence) }
            endArray()
            endObject()
        }
        endArray()
        endObject()
        endObject()
    }

    private mutating func write(feature: Feature) {
        beginObject()
        member("value", feature.value)
        key("evidence"); beginArray()
        for evidence in feature.evidence { write(evidence: evidence) }
        endArray()
        endObject()
    }

    private mutating func write(evidence: Evidence) {
        beginObject()
        member("start", evidence.span.start)
        member("end", evidence.span.end)
        member("text", evidence.text)
        if let source = evidence.source {
            member("line", source.line)
            member("column", source.column)
        }
        endObject()
    }
}
