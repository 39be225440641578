public import SchmorlModel

extension JSONWriter {
    /// The flat summary shape (`Schemas/summary.schema.json`): exactly the keys QA teams label.
    public mutating func write(summary: ReportSummary) {
        beginObject()
        key("id"); string(summary.id)
        key("nodes"); beginArray()
        for node in summary.nodes {
            beginObject()
            key("level"); string(node.level)
            key("endplate"); string(node.endplate?.rawValue)
            key("assertion"); string(node.assertion.rawValue)
            key("multiple"); bool(node.multiple)
            key("edema"); bool(node.edema)
            key("enhancement"); bool(node.enhancement)
            key("endplateDisruption"); bool(node.endplateDisruption)
            key("posteriorExtension"); bool(node.posteriorExtension)
            key("acute"); bool(node.acute)
            key("symptomatic"); string(node.symptomatic.rawValue)
            endObject()
        }
        endArray()
        key("differentials"); beginArray()
        for condition in summary.differentials { string(condition.rawValue) }
        endArray()
        endObject()
    }

    /// The full extraction (`Schemas/extraction.schema.json`). Spans are UTF-8 byte offsets into the text read.
    public mutating func write(extraction: Extraction) {
        beginObject()
        key("schemaVersion"); string(Extraction.schemaVersion)
        key("id"); string(extraction.id)
        key("sourceFormat"); string(extraction.sourceFormat.rawValue)
        key("offsets"); string("utf8-bytes")
        key("sections"); beginArray()
        for section in extraction.sections {
            beginObject()
            key("kind"); string(section.kind.rawValue)
            key("title"); string(section.title)
            key("start"); int(section.range.start)
            key("end"); int(section.range.end)
            if let code = section.sourceCode { key("sourceCode"); string(code) }
            endObject()
        }
        endArray()
        key("nodes"); beginArray()
        for node in extraction.nodes { write(node: node) }
        endArray()
        key("differentials"); beginArray()
        for differential in extraction.differentials {
            beginObject()
            key("condition"); string(differential.condition.rawValue)
            key("certainty"); string(differential.certainty.rawValue)
            key("evidence"); beginArray()
            for mention in differential.mentions {
                beginObject()
                key("certainty"); string(mention.certainty.rawValue)
                key("section"); string(mention.section)
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
        key("level"); string(finding.location.levelLabel)
        key("vertebra"); string(finding.location.vertebra?.description)
        key("disc"); string(finding.location.disc?.description)
        key("endplate"); string(finding.location.endplate?.rawValue)
        key("region"); string(finding.location.region?.rawValue)
        key("multiple"); bool(finding.multiple)
        key("assertion"); string(finding.assertion.rawValue)
        key("assertionCue")
        if let cue = finding.assertionCue {
            beginObject()
            key("kind"); string(cue.kind.rawValue)
            key("cue"); write(evidence: cue.evidence)
            key("scope"); beginObject(); key("start"); int(cue.scope.start); key("end"); int(cue.scope.end); endObject()
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
        key("large"); bool(finding.isLarge)
        key("comparison"); string(finding.comparison?.rawValue)
        key("classification"); beginObject()
        key("acute"); bool(node.classification.acute)
        key("symptomatic"); string(node.classification.symptomatic.rawValue)
        key("reasons"); beginArray()
        for reason in node.classification.reasons {
            beginObject()
            key("code"); string(reason.code)
            key("rule"); string(reason.rule)
            key("statement"); string(reason.statement)
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
        key("value"); bool(feature.value)
        key("evidence"); beginArray()
        for evidence in feature.evidence { write(evidence: evidence) }
        endArray()
        endObject()
    }

    private mutating func write(evidence: Evidence) {
        beginObject()
        key("start"); int(evidence.span.start)
        key("end"); int(evidence.span.end)
        key("text"); string(evidence.text)
        if let source = evidence.source {
            key("line"); int(source.line)
            key("column"); int(source.column)
        }
        endObject()
    }
}
