// swift-tools-version: 6.1
// Schmorl's benchmarks: a package of their own so the product never depends on the benchmark harness.
// Run from this folder: `swift package benchmark` (STYLE.md, Benchmarks). ordo-one/benchmark needs tools 6.1 for
// package traits; MallocInterposer counts mallocs per report on Linux without jemalloc.
// Mallocs per report are checked against Thresholds/ with `./thresholds.sh check` (`update` records them anew).
import PackageDescription

let package = Package(
    name: "SchmorlBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        // Named, so the product lookup does not depend on the name of the folder the repository is cloned into.
        .package(name: "Schmorl", path: ".."),
        // The harness's current name (formerly package-benchmark, which it now warns about).
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "SchmorlBenchmarks",
            dependencies: [
                .product(name: "Schmorl", package: "Schmorl"),
                .product(name: "SchmorlModel", package: "Schmorl"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/SchmorlBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ]
)
