import SchmorlModel

/// What a ConText cue does to the findings in its scope (domain.md §6.2).
enum CueKind: UInt8, Sendable {
    /// Denies: "no", "without", "negative for", "ruled out", and low-probability words ("unlikely"), which
    /// rules.md §4 reads as negation.
    case negation
    /// Makes uncertain: "possible", "may represent", "cannot exclude", "versus".
    case hedge
    /// Looks like a cue but is not one ("no change", "not only"): it blocks the cue words it contains.
    case pseudo
    /// Ends every cue's scope ("but", "however", "which"): rules.md §1, domain.md §6.2.
    case terminator
    /// A clinical question ("rule out", "evaluate for"): not evidence (rules.md §4).
    case indication
    /// A hypothetical or generic statement ("if", "may not be demonstrated"): not evidence (rules.md §4).
    case hypothetical
    /// Background the report affirms ("history of", "known"): present, and a risk to rule out (rules.md §4).
    case history
    /// "consistent with", "in keeping with": present, recorded as the cue.
    case affirmation
    /// "has resolved", "no longer seen": absent, and a resolved comparison (rules.md §1).
    case resolution
}

/// Which way a cue reaches.
enum CueDirection: UInt8, Sendable {
    case forward, backward, both
}

/// A finding or a piece of context the lexicon recognises (the second and third matching layers).
enum Concept: Hashable, Sendable {
    /// A name of the node itself other than the "schmorl" family (domain.md §1.1).
    case nodeName
    /// "node", "nodes", "nodule": anchors the fuzzy "schmorl" family and anaphora ("the node").
    case nodeNoun(plural: Bool)
    case edema
    case enhancement
    case endplateDisruption
    case posteriorExtension
    /// Contact with a nerve root or the thecal sac: posterior extension only when the node is the subject.
    case rootContact
    case scleroticRim
    case large
    case comparison(Comparison)
    case painLink
    case differential(DifferentialCondition)
    /// Words that look like a differential cue and are not ("mass effect", "disc height loss").
    case notDifferential
    /// Another finding that can own a feature ("disc bulge", "protrusion", "stenosis"; domain.md §1.2, §3.4).
    case competingFinding
    case nonSpinalSite
    /// Surgical hardware: a broken screw or wire is not a fracture (rules.md §3).
    case hardware
    case spinalSite
    case multipleQuantifier
    case direction(Endplate)
    case endplateWord(plural: Bool)
    case bothEndplates
    case region(SpinalRegion)
    /// Words that refer back to the node last named ("it", "this", "surrounding", "associated").
    case referBack
    /// Marks a T1/T2 nearby as an MR sequence, not a vertebra.
    case sequenceWord
}
