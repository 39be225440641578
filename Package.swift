// swift-tools-version: 6.0
// Schmorl: reads MRI spine reports and turns what they say about Schmorl's nodes into typed, explainable data.
// Layout and dependency direction: ../shared/STYLE.md §1 (dependencies point down only).
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Schmorl",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "schmorl", targets: ["schmorl"]),
        .library(name: "Schmorl", targets: ["Schmorl"]),
        .library(name: "SchmorlModel", targets: ["SchmorlModel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Results as values; no dependencies.
        .target(name: "SchmorlModel", swiftSettings: strict),
        // UTF-8 byte engine: sections, sentences, lexicon, levels, assertion context, attribution.
        .target(name: "SchmorlText", dependencies: ["SchmorlModel"], swiftSettings: strict),
        // rules.md §2 and §3 as pure functions of the typed node.
        .target(name: "SchmorlClassify", dependencies: ["SchmorlModel"], swiftSettings: strict),
        // Gold formats, node matching, per-field figures.
        .target(name: "SchmorlEval", dependencies: ["SchmorlModel"], swiftSettings: strict),
        // libxml2 as a system library (Debian: libxml2-dev).
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Safe XML parsing, format detection, narrative text with a map back to the source.
        .target(name: "SchmorlXML", dependencies: ["SchmorlModel", "CLibXML2"], swiftSettings: strict),
        // Facade: one report through the whole pipeline, bulk streaming, JSON writing.
        .target(
            name: "Schmorl",
            dependencies: ["SchmorlModel", "SchmorlText", "SchmorlClassify", "SchmorlXML", "SchmorlEval"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "schmorl",
            dependencies: ["Schmorl", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict
        ),
        .target(name: "SchmorlTestSupport", dependencies: ["Schmorl", "SchmorlEval", "SchmorlModel"], path: "Sources/SchmorlTestSupport"),

        .testTarget(name: "SchmorlModelTests", dependencies: ["SchmorlModel"]),
        .testTarget(name: "SchmorlTextTests", dependencies: ["SchmorlText", "SchmorlTestSupport"]),
        .testTarget(name: "SchmorlClassifyTests", dependencies: ["SchmorlClassify"]),
        .testTarget(name: "SchmorlEvalTests", dependencies: ["SchmorlEval", "SchmorlTestSupport"]),
        .testTarget(name: "SchmorlXMLTests", dependencies: ["SchmorlXML", "Schmorl", "SchmorlTestSupport"]),
        .testTarget(name: "SchmorlTests", dependencies: ["Schmorl", "SchmorlTestSupport"]),
        .testTarget(name: "SchmorlCLITests", dependencies: ["SchmorlTestSupport"]),
    ]
)
