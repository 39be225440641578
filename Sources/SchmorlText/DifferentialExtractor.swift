public import SchmorlModel

/// Finds the evidence for each differential the report raises (rules.md §3 and §4).
///
/// A mention lists its condition when affirmed or hedged; a negated, hypothetical or clinical-question mention
/// does not. In the history section only an affirmed history counts (a hedge there is a clinical question).
/// Fracture and infection must be of the spine: a site word for another bone or organ near the mention, with no
/// spinal word, leaves it out; malignancy counts at any site.
struct DifferentialExtractor {
    let analysis: ReportAnalysis
    let context: ContextEngine

    func extract() -> [Differential] {
        // No differential phrase, nothing to decide: skip building the per-token site maps.
        guard analysis.findings.contains(where: { if case .differential = $0.payload { true } else { false } }) else {
            return []
        }
        var mentionsByCondition: [DifferentialCondition: [DifferentialMention]] = [:]
        var siteAt = TokenMap<Bool>(count: analysis.tokens.count)  // token -> spinal?
        var hardwareAt = TokenFlags(count: analysis.tokens.count)
        for match in analysis.sites {
            switch match.payload {
            case .nonSpinalSite: for index in match.start..<match.end { siteAt[index] = false }
            case .hardware: for index in match.start..<match.end { hardwareAt.insert(index) }
            case .spinalSite: for index in match.start..<match.end { siteAt[index] = true }
            default: break
            }
        }
        for match in analysis.findings {
            guard case .differential(let condition) = match.payload else { continue }
            let range = match.start..<match.end
            let section = analysis.section(of: match.start)
            let decision = context.assess(range)
            var certainty: DifferentialCertainty
            switch decision.kind {
            case .negation?, .resolution?, .indication?, .hypothetical?: continue
            case .hedge?: certainty = .hedged
            default: certainty = .affirmed
            }
            if section.kind == .history, certainty == .hedged { continue }
            if condition != .malignancy, !isSpinal(range, siteAt: siteAt) { continue }
            // rules.md §3: broken hardware (a screw, a wire) is not a fracture.
            if condition == .fracture, isNearHardware(range, hardwareAt: hardwareAt) { continue }
            // "pathologic fracture" lists fracture only when spinal, malignancy always.
            let mention = DifferentialMention(
                certainty: certainty, evidence: analysis.evidence(range), cue: decision.cue?.evidence,
                section: section.kind.rawValue)
            mentionsByCondition[condition, default: []].append(mention)
        }
        return mentionsByCondition.keys.sorted().map { condition in
            let mentions = mentionsByCondition[condition]!
            let certainty: DifferentialCertainty = mentions.contains { $0.certainty == .affirmed } ? .affirmed : .hedged
            return Differential(condition: condition, certainty: certainty, mentions: mentions)
        }
    }

    /// Whether hardware is named in the fracture mention's clause, within a few words.
    private func isNearHardware(_ range: Range<Int>, hardwareAt: TokenFlags) -> Bool {
        let sentence = analysis.layout.sentences[analysis.sentence(of: range.lowerBound)]
        let clause = analysis.clause(of: range.lowerBound)
        for index in max(sentence.lowerBound, range.lowerBound - 5)..<min(sentence.upperBound, range.upperBound + 5)
        where hardwareAt.contains(index) && analysis.clause(of: index) == clause {
            return true
        }
        return false
    }

    /// Whether a fracture or infection mention is of the spine: the nearest site word in its clause decides; no
    /// site word means the spine (the report is about the spine).
    private func isSpinal(_ range: Range<Int>, siteAt: TokenMap<Bool>) -> Bool {
        let sentence = analysis.layout.sentences[analysis.sentence(of: range.lowerBound)]
        var nearest: (distance: Int, spinal: Bool)?
        for index in max(sentence.lowerBound, range.lowerBound - 6)..<min(sentence.upperBound, range.upperBound + 8) {
            let spinal: Bool
            if let site = siteAt[index] {
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
}
