// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "GeoTwinBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
        .package(name: "GeoTwin", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "RTreeBenchmark",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "GeoIndex", package: "GeoTwin"),
                .product(name: "GeoGEOS", package: "GeoTwin"),
            ],
            path: "Benchmarks/RTreeBenchmark",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
