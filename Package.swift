// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "GeoTwin",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "GeoTwin", targets: ["GeoTwin"]),
        .library(name: "GeoCore", targets: ["GeoCore"]),
        .library(name: "GeoIO", targets: ["GeoIO"]),
        .library(name: "GeoIndex", targets: ["GeoIndex"]),
        .library(name: "GeoGEOS", targets: ["GeoGEOS"]),
        .library(name: "GeoProj", targets: ["GeoProj"]),
        .library(name: "GeoRender", targets: ["GeoRender"]),
        .library(name: "SmartCity", targets: ["SmartCity"]),
        .executable(name: "geotwin", targets: ["geotwin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // System-library shims: a module map and a header, nothing else.
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CPROJ", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),

        .target(name: "GeoCore"),
        .target(name: "GeoIO", dependencies: ["GeoCore", "CSQLite"]),
        .target(name: "GeoIndex", dependencies: ["GeoCore"]),
        .target(name: "GeoGEOS", dependencies: ["GeoCore", "CGEOS"]),
        .target(name: "GeoProj", dependencies: ["GeoCore", "CPROJ"]),
        .target(name: "GeoRender", dependencies: ["GeoCore", "GeoProj"]),
        .target(name: "SmartCity", dependencies: ["GeoCore", "GeoIO", "GeoIndex"]),
        .target(name: "GeoTwin", dependencies: ["GeoCore", "GeoIO", "GeoIndex", "GeoGEOS", "GeoProj", "GeoRender", "SmartCity"]),
        .executableTarget(
            name: "geotwin",
            dependencies: ["GeoTwin", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        .testTarget(name: "GeoCoreTests", dependencies: ["GeoCore"]),
        .testTarget(name: "GeoIOTests", dependencies: ["GeoIO"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GeoIndexTests", dependencies: ["GeoIndex"]),
        .testTarget(name: "GeoGEOSTests", dependencies: ["GeoGEOS", "GeoIO"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GeoProjTests", dependencies: ["GeoProj", "GeoGEOS"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GeoRenderTests", dependencies: ["GeoRender"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GeotwinCLITests", dependencies: ["geotwin"]),
        .testTarget(name: "SmartCityTests", dependencies: ["SmartCity", "GeoIO"], resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)
