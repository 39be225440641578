import SchmorlModel

/// Turns mentions and their features into one `NodeFinding` per distinct node (rules.md §1, §4).
///
/// Mentions with the same location are one node; a disc-level mention joins the single node at a vertebra that
/// borders that disc, and a vertebra without an endplate joins the single node on one of its endplates. A
/// mention without a level joins the only levelled node when there is exactly one; negated generic mentions
/// ("No Schmorl's nodes") make one absent node. The status on the current exam wins: the addendum over the body,
/// the body over history and comparison (rules.md §4).
struct NodeAssembler {
    let analysis: ReportAnalysis
    let mentions: [NodeMention]
    let features: [AttachedFeature]

    private struct Builder {
        var location: NodeLocation
        var multiple: Bool
        var mentions: [Int]
    }

    func assemble() -> [NodeFinding] {
        var builders: [Builder] = []
        // Level-less mentions are read in a second pass below (in order), rather than listed here.
        for index in mentions.indices where !mentions[index].locations.isEmpty {
            for location in mentions[index].locations {
                if let existing = builders.firstIndex(where: { $0.location == location }) {
                    builders[existing].mentions.append(index)
                } else {
                    // Room for a report's usual nodes at the first one: one allocation, not one per doubling.
                    if builders.isEmpty { builders.reserveCapacity(4) }
                    builders.append(Builder(location: location, multiple: false, mentions: [index]))
                }
            }
        }
        // Disc level or bare vertebra joining a more specific node at the same place.
        var merged = true
        while merged {
            merged = false
            for index in builders.indices {
                let location = builders[index].location
                // The single builder this one refines into, if exactly one: counted, not listed.
                var targets = 0
                var target = 0
                for other in builders.indices where other != index && Self.refines(builders[other].location, location) {
                    targets += 1
                    target = other
                }
                if targets == 1 {
                    builders[target].mentions += builders[index].mentions
                    builders.remove(at: index)
                    merged = true
                    break
                }
            }
        }
        // Level-less mentions.
        var absentGeneric: Builder?
        var multipleNode: Builder?
        var singles: [Builder] = []
        for index in mentions.indices where mentions[index].locations.isEmpty {
            let mention = mentions[index]
            if mention.multiple {
                if multipleNode == nil {
                    multipleNode = Builder(location: NodeLocation(region: mention.region), multiple: true, mentions: [])
                }
                multipleNode!.mentions.append(index)
                if multipleNode!.location.region == nil { multipleNode!.location.region = mention.region }
            } else if mention.decision.assertion == .absent {
                if absentGeneric == nil { absentGeneric = Builder(location: NodeLocation(), multiple: false, mentions: []) }
                absentGeneric!.mentions.append(index)
            } else if builders.count == 1 {
                builders[0].mentions.append(index)
            } else if builders.isEmpty {
                if singles.isEmpty {
                    singles.append(Builder(location: NodeLocation(region: mention.region), multiple: false, mentions: [index]))
                } else {
                    singles[0].mentions.append(index)
                }
            } else if let multipleIndex = multipleNode, !multipleIndex.mentions.isEmpty, mention.plural {
                multipleNode!.mentions.append(index)
            }
            // Otherwise several levelled nodes exist and the mention cannot be placed: its words stay with the
            // mention only (it names no new node).
        }
        builders.sort { ($0.location.sortKey, $0.mentions.min() ?? 0) < ($1.location.sortKey, $1.mentions.min() ?? 0) }
        // The nodes made straight into their one result array (joining the builders into a list first copied it).
        var nodes: [NodeFinding] = []
        nodes.reserveCapacity(builders.count + singles.count + (multipleNode == nil ? 0 : 1) + (absentGeneric == nil ? 0 : 1))
        for builder in builders { nodes.append(finding(builder)) }
        if let multipleNode { nodes.append(finding(multipleNode)) }
        for builder in singles { nodes.append(finding(builder)) }
        if let absentGeneric { nodes.append(finding(absentGeneric)) }
        return nodes
    }

    private static func isAscending(_ list: [Int]) -> Bool {
        var index = 1
        while index < list.count {
            if list[index - 1] > list[index] { return false }
            index += 1
        }
        return true
    }

    /// Whether `specific` is a more precise statement of the place `general` names.
    static func refines(_ specific: NodeLocation, _ general: NodeLocation) -> Bool {
        if let disc = general.disc, let vertebra = specific.vertebra {
            return (vertebra == disc.upper && specific.endplate == .inferior)
                || (vertebra == disc.lower && specific.endplate == .superior)
        }
        if let vertebra = general.vertebra, general.endplate == nil, specific.vertebra == vertebra {
            return specific.endplate != nil
        }
        return false
    }

    /// The phrases for one true/false feature of a node: all their evidence, and the value of the highest tier,
    /// true winning within a tier.
    private struct Vote {
        var tier: EvidenceTier?
        var value = false
        var evidence: [Evidence] = []

        mutating func add(_ feature: AttachedFeature) {
            evidence.append(feature.evidence)
            if let tier, !(feature.tier > tier || (feature.tier == tier && feature.value && !value)) { return }
            tier = feature.tier
            value = feature.value
        }

        /// `Feature()` is `Feature.notMentioned`, made in place rather than read from the lazily made static.
        var feature: Feature { tier == nil ? Feature() : Feature(value: value, evidence: evidence) }
    }

    private func finding(_ builder: Builder) -> NodeFinding {
        // Mentions are mostly added in order already: then the builder's own list, not a sorted copy.
        let ordered = Self.isAscending(builder.mentions) ? builder.mentions : builder.mentions.sorted()
        // The status on the current exam wins (rules.md §4): only the mentions of the highest tier decide.
        var topTier: EvidenceTier?
        for index in ordered {
            let tier = EvidenceTier(mentions[index].sectionKind)
            if topTier.map({ tier > $0 }) ?? true { topTier = tier }
        }
        // The first deciding mention that resolves, else the first present, else possible, else absent. Read in one
        // loop by index: closures over `self` here copied the whole assembler, analysis included, for each node, and
        // a copy of each decision retained its cue's strings. A decision's kind is `.resolution` exactly when its
        // cue's is.
        var resolved: Int?
        var present: Int?
        var possible: Int?
        var first: Int?
        for index in ordered where EvidenceTier(mentions[index].sectionKind) == topTier {
            if first == nil { first = index }
            if resolved == nil, mentions[index].decision.kind == .resolution { resolved = index }
            if present == nil, mentions[index].decision.assertion == .present { present = index }
            if possible == nil, mentions[index].decision.assertion == .possible { possible = index }
        }
        var assertion = Assertion.absent
        let deciding: Int?
        if let resolved {
            deciding = resolved
        } else if let present {
            assertion = .present
            deciding = present
        } else if let possible {
            assertion = .possible
            deciding = possible
        } else {
            deciding = first
        }
        var cue: AssertionCue?
        if let deciding { cue = mentions[deciding].decision.cue }
        var node = NodeFinding(
            location: builder.location, multiple: builder.multiple, assertion: assertion, assertionCue: cue,
            mentions: ordered.map { analysis.evidence(mentions[$0].tokens) })
        if node.location.region == nil, let index = ordered.first(where: { mentions[$0].region != nil }) {
            node.location.region = mentions[index].region
        }
        // Features of every mention of this node, the highest tier winning, true winning within a tier.
        var edema = Vote()
        var enhancement = Vote()
        var endplateDisruption = Vote()
        var posteriorExtension = Vote()
        var scleroticRim = Vote()
        // By index: only the features of this node's mentions are copied.
        for featureIndex in features.indices where ordered.contains(features[featureIndex].mention) {
            // Read in place: a copy of the feature retained its evidence text and location list.
            if let only = features[featureIndex].only,
                !only.contains(where: { FeatureAttributor.sameSite(builder.location, $0) })
            {
                continue
            }
            let feature = features[featureIndex]
            switch feature.kind {
            case .edema: edema.add(feature)
            case .enhancement: enhancement.add(feature)
            case .endplateDisruption: endplateDisruption.add(feature)
            case .posteriorExtension: posteriorExtension.add(feature)
            case .scleroticRim: scleroticRim.add(feature)
            case .large:
                if node.calledLarge == nil { node.calledLarge = feature.evidence }
            case .painLink:
                if node.painLink == nil { node.painLink = feature.evidence }
            case .comparison(let comparison):
                if node.comparison == nil || feature.tier > .background {
                    if node.comparison == nil || comparison == .resolved || node.comparison == .stable {
                        node.comparison = comparison
                        node.comparisonEvidence = feature.evidence
                    }
                }
            case .size(let millimetres):
                if millimetres > (node.sizeMm ?? 0), millimetres < 200 {
                    node.sizeMm = millimetres
                    node.sizeEvidence = feature.evidence
                }
            }
        }
        node.edema = edema.feature
        node.enhancement = enhancement.feature
        node.endplateDisruption = endplateDisruption.feature
        node.posteriorExtension = posteriorExtension.feature
        node.scleroticRim = scleroticRim.feature
        if assertion == .absent {
            // rules.md §4: an absent node keeps its level and endplate "with every feature not mentioned".
            node.edema = Feature()
            node.enhancement = Feature()
            node.endplateDisruption = Feature()
            node.posteriorExtension = Feature()
            if cue?.kind == .resolution {
                node.comparison = .resolved
                node.comparisonEvidence = cue?.evidence
            } else if node.comparison != .resolved {
                node.comparison = nil
                node.comparisonEvidence = nil
            }
        }
        return node
    }
}
