// swift-tools-version: 6.1
import PackageDescription

// GeoTwin benchmarks: one executable target per suite under Benchmarks/<Suite>/.
// Run with `cd Benchmarks && swift package benchmark`.
let package = Package(
    name: "GeoTwinBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
        .package(name: "GeoTwin", path: ".."),
    ],
    targets: [
        // In-process C peer: PROJ's C API (its own shim, not the root package's CPROJ).
        .systemLibrary(name: "BenchCPROJ", path: "Sources/BenchCPROJ", pkgConfig: "proj"),

        .executableTarget(
            name: "TransformBenchmark",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "GeoProj", package: "GeoTwin"),
                "BenchCPROJ",
            ],
            path: "Benchmarks/TransformBenchmark",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
