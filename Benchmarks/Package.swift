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
        // In-process C peers: the GEOS and PROJ C APIs (own shims, not the root package's CGEOS/CPROJ).
        .systemLibrary(name: "BenchCGEOS", path: "Sources/BenchCGEOS", pkgConfig: "geos"),
        .systemLibrary(name: "BenchCPROJ", path: "Sources/BenchCPROJ", pkgConfig: "proj"),

        .executableTarget(
            name: "GeoJSONBenchmark",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "GeoIO", package: "GeoTwin"),
                "BenchCGEOS",
            ],
            path: "Benchmarks/GeoJSONBenchmark",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "TransformBenchmark",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "GeoCore", package: "GeoTwin"),
                .product(name: "GeoProj", package: "GeoTwin"),
                .product(name: "GeoBenchSupport", package: "GeoTwin"),
                "BenchCPROJ",
            ],
            path: "Benchmarks/TransformBenchmark",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "LocateBenchmark",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "GeoIO", package: "GeoTwin"),
                .product(name: "SmartCity", package: "GeoTwin"),
            ],
            path: "Benchmarks/LocateBenchmark",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "RTreeBenchmark",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "GeoIndex", package: "GeoTwin"),
                .product(name: "GeoBenchSupport", package: "GeoTwin"),
            ],
            path: "Benchmarks/RTreeBenchmark",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        // Not a package-benchmark suite: a plain program printing the layout comparison.
        .executableTarget(
            name: "CoordinateLayout",
            dependencies: [.product(name: "GeoIO", package: "GeoTwin")],
            path: "Benchmarks/CoordinateLayout"
        ),
    ],
    swiftLanguageModes: [.v6]
)
