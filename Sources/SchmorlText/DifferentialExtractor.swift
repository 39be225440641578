import SchmorlModel

/// Finds the evidence for each differential the report raises (rules.md §3 and §4).
///
/// A mention lists its condition when affirmed or hedged; a negated, hypothetical or clinical-question mention
/// does not. In the history section only an affirmed history counts (a hedge there is a clinical question).
/// Fracture and infection must be of the spine: a site word for another bone or organ near the mention, with no
/// spinal word, leaves it out; malignancy counts at any site.
struct DifferentialExtractor {
    let context: ContextEngine
    /// The assertion engine's analysis, not a copy of its own (a copy retains and releases each of its arrays).
    var analysis: ReportAnalysis { context.analysis }

    func extract() -> [Differential] {
        // One list per condition, output in the order `DifferentialCondition` sorts by (its cases' order): no list of
        // lists and no sort, whose comparison builds `allCases` on every call. Whether a list holds an affirmed
        // mention is noted as it is filled (reading it back copied each mention).
        var fracture = Mentions()
        var infection = Mentions()
        var malignancy = Mentions()
        for match in analysis.findings {
            guard case .differential(let condition) = match.payload else { continue }
            let range = match.start..<match.end
            let sectionKind = analysis.layout.sections[Int(analysis.layout.sectionOfToken[match.start])].kind
            // The verdict only: the cue's text is made for the mentions that are kept.
            let decision = context.verdict(range)
            var certainty: DifferentialCertainty
            switch decision.kind {
            case .negation?, .resolution?, .indication?, .hypothetical?: continue
            case .hedge?: certainty = .hedged
            default: certainty = .affirmed
            }
            if sectionKind == .history, certainty == .hedged { continue }
            if condition != .malignancy, !isSpinal(range) { continue }
            // rules.md §3: broken hardware (a screw, a wire) is not a fracture.
            if condition == .fracture, isNearHardware(range) { continue }
            // "pathologic fracture" lists fracture only when spinal, malignancy always.
            let mention = DifferentialMention(
                certainty: certainty, evidence: analysis.evidence(range), cue: decision.cue.map { analysis.evidence($0) },
                section: sectionKind.rawValue)
            switch condition {
            case .fracture: fracture.add(mention)
            case .infection: infection.add(mention)
            case .malignancy: malignancy.add(mention)
            }
        }
        var result: [Differential] = []
        let count = (fracture.list.isEmpty ? 0 : 1) + (infection.list.isEmpty ? 0 : 1) + (malignancy.list.isEmpty ? 0 : 1)
        guard count > 0 else { return result }
        result.reserveCapacity(count)
        fracture.append(.fracture, to: &result)
        infection.append(.infection, to: &result)
        malignancy.append(.malignancy, to: &result)
        return result
    }

    /// The mentions of one condition, and whether one is affirmed (affirmed wins over hedged).
    private struct Mentions {
        var list: [DifferentialMention] = []
        var affirmed = false

        mutating func add(_ mention: consuming DifferentialMention) {
            if mention.certainty == .affirmed { affirmed = true }
            list.append(mention)
        }

        /// Adds the differential for `condition` to `result` when there is a mention.
        consuming func append(_ condition: DifferentialCondition, to result: inout [Differential]) {
            guard !list.isEmpty else { return }
            result.append(Differential(condition: condition, certainty: affirmed ? .affirmed : .hedged, mentions: list))
        }
    }

    /// Whether hardware is named in the fracture mention's clause, within a few words.
    private func isNearHardware(_ range: Range<Int>) -> Bool {
        let sentence = analysis.layout.sentences[analysis.sentence(of: range.lowerBound)]
        let clause = analysis.clause(of: range.lowerBound)
        for index in max(sentence.lowerBound, range.lowerBound - 5)..<min(sentence.upperBound, range.upperBound + 5)
        where isHardware(index) && analysis.clause(of: index) == clause {
            return true
        }
        return false
    }

    /// Whether a fracture or infection mention is of the spine: the nearest site word in its clause decides; no
    /// site word means the spine (the report is about the spine).
    private func isSpinal(_ range: Range<Int>) -> Bool {
        let sentence = analysis.layout.sentences[analysis.sentence(of: range.lowerBound)]
        var nearest: (distance: Int, spinal: Bool)?
        for index in max(sentence.lowerBound, range.lowerBound - 6)..<min(sentence.upperBound, range.upperBound + 8) {
            let spinal: Bool
            if let site = spinalSite(at: index) {
                spinal = site
            } else if analysis.levelOfToken[index] >= 0 {
                spinal = true
            } else {
                continue
            }
            let distance = index < range.lowerBound ? range.lowerBound - index : max(0, index - range.upperBound + 1)
            if nearest == nil || distance < nearest!.distance || (distance == nearest!.distance && spinal) {
                nearest = (distance, spinal)
            }
        }
        return nearest?.spinal ?? true
    }

    /// Whether the site word at token `index` is spinal (true) or of another bone or organ (false), nil when no
    /// site word covers it; the last match covering it decides. Site words are matched only in sentences that
    /// raise a differential, so the list is short and is read where asked rather than mapped per token.
    private func spinalSite(at index: Int) -> Bool? {
        var spinal: Bool?
        for match in analysis.sites where match.start <= index && index < match.end {
            switch match.payload {
            case .nonSpinalSite: spinal = false
            case .spinalSite: spinal = true
            default: break
            }
        }
        return spinal
    }

    /// Whether a hardware word ("screw", "wire") covers token `index`.
    private func isHardware(_ index: Int) -> Bool {
        analysis.sites.contains { $0.start <= index && index < $0.end && $0.payload == .hardware }
    }
}
