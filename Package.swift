// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Onramp",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "onramp", targets: ["onramp"]),
        // For the benchmarks package in Benchmarks/.
        .library(name: "OnrampCore", targets: ["OnrampCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor", exact: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent", exact: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver", exact: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver", exact: "2.14.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
    ],
    targets: [
        .target(name: "OnrampCore"),
        .target(
            name: "OnrampServer",
            dependencies: [
                "OnrampCore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(name: "onramp", dependencies: ["OnrampServer"]),
        .executableTarget(name: "hello-ceiling", dependencies: [.product(name: "Vapor", package: "vapor")]),
        .testTarget(name: "OnrampCoreTests", dependencies: ["OnrampCore"]),
        .testTarget(
            name: "OnrampServerTests",
            dependencies: [
                "OnrampServer",
                "OnrampCore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
