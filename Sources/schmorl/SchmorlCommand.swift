import ArgumentParser

@main
struct SchmorlCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schmorl",
        abstract: "Reads MRI spine reports and turns what they say about Schmorl's nodes into typed, explainable data.",
        discussion: """
            Every node comes with its level, endplate, assertion (present / absent / possible), features (marrow \
            edema, enhancement, endplate disruption, posterior extension), classification (acute; likely / possible / \
            unlikely symptomatic) and the report's differentials (fracture, infection, malignancy), each citing the \
            evidence span (UTF-8 byte offsets into the text read). Rules: ../shared/spec/rules.md.
            """,
        subcommands: [ExtractCommand.self, AssertCommand.self, EvalCommand.self],
        defaultSubcommand: nil
    )
}
