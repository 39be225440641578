import SchmorlModel

/// The ConText assertion engine over one analysed report: present / absent / possible for any target span,
/// with the cue that decided it and its scope (rules.md §1 and §4, domain.md §6.2).
///
/// A cue reaches in its direction to the end of its clause: clauses end at the sentence end, at ";" and at the
/// terminators ("but", "however", "which", ...). Pseudo-cues ("no change", "not only") are matched as phrases of
/// their own, so the cue words inside them never fire. When several cues reach the target the nearest wins;
/// "consistent with"-style affirmations only speak when nothing else does.
struct ContextEngine {
    let analysis: ReportAnalysis

    struct Decision {
        var assertion: Assertion
        var cue: AssertionCue?
        var kind: CueKind?
    }

    /// The assertion of tokens `target`, with its deciding cue's text and scope.
    /// - Complexity: O(cues in the target's sentence).
    func assess(_ target: Range<Int>) -> Decision { decision(for: verdict(target)) }

    /// What decided an assertion, as token positions: the text and scope of the cue are made only for the callers
    /// that keep them (`decision(for:)`). Features and differentials assess every phrase, and most never show
    /// their cue.
    struct Verdict {
        var assertion: Assertion
        var kind: CueKind?
        /// The deciding cue's tokens, nil when no cue decides.
        var cue: Range<Int>?
        /// Whether the cue reaches forward (it stands before the target), and the sentence of both: its scope.
        var forward = true
        var sentence: Range<Int> = 0..<0
    }

    /// The full decision of `verdict`: the cue's evidence and the clause it reaches over.
    func decision(for verdict: Verdict) -> Decision {
        guard let cueTokens = verdict.cue, let kind = verdict.kind else { return Decision(assertion: verdict.assertion) }
        let sentence = verdict.sentence
        let scope = verdict.forward
            ? analysis.span(cueTokens.lowerBound..<clauseLimit(from: cueTokens.upperBound, sentence: sentence, forward: true))
            : analysis.span(clauseLimit(from: cueTokens.lowerBound, sentence: sentence, forward: false)..<cueTokens.upperBound)
        let cueKind: AssertionCue.Kind
        switch kind {
        case .negation: cueKind = .negation
        case .resolution: cueKind = .resolution
        case .hedge: cueKind = .hedge
        case .indication: cueKind = .indication
        case .hypothetical: cueKind = .hypothetical
        case .history: cueKind = .historical
        case .affirmation, .terminator, .pseudo: cueKind = .affirmation
        }
        let cue = AssertionCue(kind: cueKind, evidence: analysis.evidence(cueTokens), scope: scope)
        return Decision(assertion: verdict.assertion, cue: cue, kind: kind)
    }

    /// The assertion of tokens `target` and the cue that decided it, no text made.
    /// - Complexity: O(cues in the target's sentence).
    func verdict(_ target: Range<Int>) -> Verdict {
        guard !target.isEmpty else { return Verdict(assertion: .present) }
        let clause = analysis.clause(of: target.lowerBound)
        let clauseEnd = analysis.clause(of: target.upperBound - 1)
        let sentence = analysis.layout.sentences[analysis.sentence(of: target.lowerBound)]
        var best: (distance: Int, match: Match<LexiconTables.CueEntry>, forward: Bool)?
        var affirmation: Match<LexiconTables.CueEntry>?
        // The sentence's cues read in one pass from the first (cues are in token order): finding the end of the
        // sentence's slice first walked them twice.
        let cues = analysis.cues
        var next = cues.partitionPoint { $0.start < sentence.lowerBound }
        while next < cues.count, cues[next].start < sentence.upperBound {
            let match = cues[next]
            next += 1
            let kind = match.payload.kind
            if kind == .terminator || kind == .pseudo { continue }
            if match.end <= target.lowerBound {
                guard match.payload.direction != .backward, analysis.clause(of: match.start) == clause,
                    analysis.clause(of: match.end - 1) == clause
                else { continue }
                let distance = target.lowerBound - match.end
                // A hedge that bears on a quality ("a Schmorl's node, possibly acute given ...") does not reach past
                // it (rules.md §1); qualities that lead straight into the target are the target's own ("suspicious
                // for early acute appendicitis").
                if kind == .hedge, match.end < target.lowerBound,
                    analysis.tables.qualities.contains(analysis.tokens[match.end].word)
                {
                    var next = match.end
                    while next < target.lowerBound, analysis.tables.qualities.contains(analysis.tokens[next].word) {
                        next += 1
                    }
                    if next != target.lowerBound { continue }
                }
                if kind == .affirmation {
                    affirmation = match
                    continue
                }
                if best == nil || distance < best!.distance { best = (distance, match, true) }
            } else if match.start >= target.upperBound {
                guard match.payload.direction != .forward, analysis.clause(of: match.start) == clauseEnd else {
                    continue
                }
                let distance = match.start - target.upperBound
                if kind == .affirmation { continue }
                if best == nil || distance < best!.distance { best = (distance, match, false) }
            }
        }
        // "is considered less likely", "possibly not": a negation right next to a hedge says how the hedge comes
        // out, and it is the negation that decides (rules.md §4: "less likely" negates).
        if var chosen = best, chosen.match.payload.kind == .hedge {
            for match in cuesIn(sentence) where match.payload.kind == .negation {
                let adjacent = chosen.forward
                    ? match.start == chosen.match.end && match.end <= target.lowerBound
                    : match.start == chosen.match.end
                if adjacent {
                    chosen = (chosen.distance, match, chosen.forward)
                    best = chosen
                    break
                }
            }
        }
        if let best {
            let kind = best.match.payload.kind
            let assertion: Assertion
            switch kind {
            case .negation, .resolution: assertion = .absent
            case .hedge, .indication, .hypothetical: assertion = .possible
            case .history, .affirmation, .terminator, .pseudo: assertion = .present
            }
            return Verdict(
                assertion: assertion, kind: kind, cue: best.match.start..<best.match.end, forward: best.forward,
                sentence: sentence)
        }
        if let affirmation {
            return Verdict(
                assertion: .present, kind: .affirmation, cue: affirmation.start..<affirmation.end, forward: true,
                sentence: sentence)
        }
        return Verdict(assertion: .present)
    }

    /// The cue matches inside a sentence (cues are matched per sentence, so this is a contiguous slice).
    func cuesIn(_ sentence: Range<Int>) -> ArraySlice<Match<LexiconTables.CueEntry>> {
        let cues = analysis.cues
        let low = cues.partitionPoint { $0.start < sentence.lowerBound }
        var end = low
        while end < cues.count && cues[end].start < sentence.upperBound { end += 1 }
        return cues[low..<end]
    }

    /// The end (forward) or start (backward) of the clause around token `from`.
    private func clauseLimit(from: Int, sentence: Range<Int>, forward: Bool) -> Int {
        if forward {
            guard from < sentence.upperBound else { return sentence.upperBound }
            let clause = analysis.clause(of: max(from - 1, sentence.lowerBound))
            var index = from
            while index < sentence.upperBound && analysis.clause(of: index) == clause { index += 1 }
            return index
        } else {
            let clause = analysis.clause(of: from)
            var index = from
            while index > sentence.lowerBound && analysis.clause(of: index - 1) == clause { index -= 1 }
            return index
        }
    }
}
