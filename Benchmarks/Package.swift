// swift-tools-version:6.1
import PackageDescription

// Onramp's benchmarks (ordo-one/benchmark), a package of their own so that `swift test` never
// builds the benchmark tooling. From this folder: `swift package benchmark`.
let package = Package(
    name: "OnrampBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Onramp", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "PlacesBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "OnrampCore", package: "Onramp"),
            ],
            path: "Benchmarks/PlacesBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "HelpBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "OnrampCore", package: "Onramp"),
            ],
            path: "Benchmarks/HelpBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Times the index on a file that scripts/places-benchmark.sh also gives to pandas.
        .executableTarget(
            name: "risk-index-timing",
            dependencies: [.product(name: "OnrampCore", package: "Onramp")],
            path: "Tools/RiskIndexTiming"
        ),
    ],
    swiftLanguageModes: [.v6]
)
