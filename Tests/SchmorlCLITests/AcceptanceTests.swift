import Foundation
import SchmorlTestSupport
import Testing

/// Issue 2's acceptance case, end to end through the binary: two nodes (one acute with edema in the next sentence,
/// one chronic with a sclerotic rim at another level), a negated fracture and a hedged metastasis.
@Suite struct AcceptanceTests {
    static let report = """
        CLINICAL HISTORY: Acute low back pain after lifting.
        FINDINGS:
        There is a Schmorl's node at the inferior endplate of L1. There is surrounding marrow edema on STIR.
        A small Schmorl's node at the superior endplate of L4 has a sclerotic rim.
        No fracture. A metastasis cannot be excluded.
        IMPRESSION:
        1. Acute L1 inferior endplate Schmorl's node.
        2. Chronic L4 Schmorl's node.
        """

    @Test func nodesClassesReasonsAndDifferentials() throws {
        let result = try CommandRunner.run("schmorl", ["extract", "-"], input: Data(Self.report.utf8))
        #expect(result.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let nodes = try #require(document["nodes"] as? [[String: Any]])
        #expect(nodes.count == 2)
        let l1 = try #require(nodes.first { $0["level"] as? String == "L1" })
        let l4 = try #require(nodes.first { $0["level"] as? String == "L4" })
        #expect(l1["endplate"] as? String == "inferior")
        #expect(l4["endplate"] as? String == "superior")
        let l1Class = try #require(l1["classification"] as? [String: Any])
        let l4Class = try #require(l4["classification"] as? [String: Any])
        #expect(l1Class["acute"] as? Bool == true)
        #expect(l1Class["symptomatic"] as? String == "likely")
        #expect(l4Class["acute"] as? Bool == false)
        #expect(l4Class["symptomatic"] as? String == "unlikely")
        let l1Features = try #require(l1["features"] as? [String: [String: Any]])
        let l4Features = try #require(l4["features"] as? [String: [String: Any]])
        #expect(l1Features["edema"]?["value"] as? Bool == true)
        #expect(l4Features["edema"]?["value"] is NSNull, "a sclerotic rim does not deny edema (rules.md §4)")
        #expect(l4Features["scleroticRim"]?["value"] as? Bool == true)

        // Every reason cites a rule and evidence that slices the report to its quoted text.
        let bytes = Array(Self.report.utf8)
        for classification in [l1Class, l4Class] {
            let reasons = try #require(classification["reasons"] as? [[String: Any]])
            #expect(!reasons.isEmpty)
            for reason in reasons {
                #expect((reason["rule"] as? String)?.hasPrefix("rules.md") == true)
                for evidence in reason["evidence"] as? [[String: Any]] ?? [] {
                    let start = try #require(evidence["start"] as? Int)
                    let end = try #require(evidence["end"] as? Int)
                    #expect(String(decoding: bytes[start..<end], as: UTF8.self) == evidence["text"] as? String)
                }
            }
        }
        let acuteReason = try #require((l1Class["reasons"] as? [[String: Any]])?.first { $0["code"] as? String == "acute.edema" })
        #expect((acuteReason["evidence"] as? [[String: Any]])?.isEmpty == false)

        let differentials = try #require(document["differentials"] as? [[String: Any]])
        #expect(differentials.map { $0["condition"] as? String } == ["malignancy"])
        #expect(differentials.first?["certainty"] as? String == "hedged")
    }
}
