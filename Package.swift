// swift-tools-version: 6.1
import PackageDescription

/// `rounded()` and friends lower to libm calls on Linux; link it where they are used.
let libm: [LinkerSetting] = [.linkedLibrary("m", .when(platforms: [.linux]))]

let package = Package(
    name: "GeoTwin",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "GeoTwin", targets: ["GeoTwin"]),
        .library(name: "GeoCore", targets: ["GeoCore"]),
        .library(name: "GeoIO", targets: ["GeoIO"]),
        .library(name: "GeoIndex", targets: ["GeoIndex"]),
        .library(name: "GeoGEOS", targets: ["GeoGEOS"]),
        .library(name: "GeoIndexGEOS", targets: ["GeoIndexGEOS"]),
        .library(name: "GeoProj", targets: ["GeoProj"]),
        .library(name: "GeoRender", targets: ["GeoRender"]),
        .library(name: "GeoRaster", targets: ["GeoRaster"]),
        .library(name: "SmartCity", targets: ["SmartCity"]),
        .library(name: "GeoWorkflows", targets: ["GeoWorkflows"]),
        .library(name: "GeoPostGIS", targets: ["GeoPostGIS"]),
        // Fixed-seed data sets and in-process peers for `geotwin bench`, Benchmarks/ and the tests;
        // not part of the GeoTwin umbrella and not a dependency of any library above.
        .library(name: "GeoBenchSupport", targets: ["GeoBenchSupport"]),
        // `geotwin` is an executable target of this package (`swift build --product geotwin`,
        // `swift run geotwin`) but no product: packages that depend on GeoTwin then neither fetch
        // nor build swift-argument-parser.
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `swift package generate-documentation` (make docs); a command plugin no target uses, so
        // packages depending on GeoTwin neither fetch nor build it.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // System-library shims: a module map and a header, nothing else.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // Headers only: GEOS, PROJ, libtiff and libpq are not linked but loaded on first use by
        // CLibraryLoader, which defines the functions GeoTwin calls and forwards them. Most
        // commands need none of the four, and with what they bring (GEOS's C++ core, libcurl,
        // GnuTLS, Kerberos, LDAP, image codecs) they took over half of every process's start-up.
        .systemLibrary(name: "CGEOS", providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CPROJ", providers: [.apt(["libproj-dev"])]),
        .systemLibrary(name: "CTIFF", providers: [.apt(["libtiff-dev"])]),
        .systemLibrary(name: "CLibPQ", providers: [.apt(["libpq-dev"])]),
        .target(name: "CLibraryLoader"),
        .systemLibrary(name: "CMalloc"),
        .systemLibrary(name: "CPrefetch", path: "Sources/CPrefetch"),
        .systemLibrary(name: "CBoxLanes", path: "Sources/CBoxLanes"),
        .systemLibrary(name: "CFileSystem", path: "Sources/CFileSystem"),

        .target(name: "GeoCore", dependencies: ["CFileSystem"], linkerSettings: libm),
        .target(name: "GeoIO", dependencies: ["GeoCore", "CSQLite", "CFileSystem"], linkerSettings: libm),
        .target(name: "GeoIndex", dependencies: ["GeoCore", "CPrefetch", "CBoxLanes"]),
        .target(name: "GeoGEOS", dependencies: ["GeoCore", "CGEOS", "CLibraryLoader"]),
        // Where GeoIndex and GeoGEOS meet: the GEOS prepared refinement predicate of SpatialIndex.
        .target(name: "GeoIndexGEOS", dependencies: ["GeoCore", "GeoIndex", "GeoGEOS"]),
        .target(name: "GeoProj", dependencies: ["GeoCore", "CPROJ", "CLibraryLoader"]),
        .target(name: "GeoRender", dependencies: ["GeoCore", "GeoProj"]),
        .target(name: "GeoRaster", dependencies: ["GeoCore", "CTIFF", "CLibraryLoader"]),
        .target(name: "SmartCity", dependencies: ["GeoCore", "GeoIO", "GeoIndex", "GeoGEOS", "GeoProj", "GeoRender", "GeoRaster"]),
        .target(name: "GeoPostGIS", dependencies: ["GeoCore", "GeoIO", "CLibPQ", "CLibraryLoader"]),
        .target(name: "GeoWorkflows", dependencies: ["GeoCore", "GeoIO", "GeoProj", "GeoRaster", "GeoPostGIS"]),
        .target(name: "GeoTwin", dependencies: ["GeoCore", "GeoIO", "GeoIndex", "GeoGEOS", "GeoIndexGEOS", "GeoProj", "GeoRender", "GeoRaster", "SmartCity", "GeoWorkflows", "GeoPostGIS"]),
        .target(name: "GeoBenchSupport", dependencies: ["GeoCore", "GeoIO", "GeoIndex", "GeoProj", "GeoRaster", "GeoRender", "SmartCity", "GeoPostGIS", "CGEOS", "CPROJ", "CLibraryLoader", "CSQLite"]),
        .executableTarget(
            name: "geotwin",
            dependencies: ["GeoTwin", "GeoBenchSupport", "CMalloc", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        .executableTarget(name: "quickstart", dependencies: ["GeoTwin"], path: "Examples/Quickstart"),
        .executableTarget(name: "coverage-map", dependencies: ["GeoTwin"], path: "Examples/CoverageMap"),
        .executableTarget(name: "twin-from-geojson", dependencies: ["GeoTwin"], path: "Examples/TwinFromGeoJSON"),
        .executableTarget(name: "batch-geocode", dependencies: ["GeoTwin"], path: "Examples/BatchGeocode"),
        // GeoIO's decimal parser against Double(String) on 10 million decimals, run by `make test`.
        .executableTarget(name: "number-check", dependencies: ["GeoIO", "GeoBenchSupport"], path: "Tests/NumberCheck"),

        .testTarget(name: "GeoCoreTests", dependencies: ["GeoCore", "GeoBenchSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GeoIOTests", dependencies: ["GeoIO", "GeoBenchSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GeoIndexTests", dependencies: ["GeoIndex", "GeoBenchSupport"]),
        .testTarget(name: "GeoBenchSupportTests", dependencies: ["GeoBenchSupport"]),
        .testTarget(name: "GeoGEOSTests", dependencies: ["GeoGEOS", "GeoIO", "GeoIndex", "GeoIndexGEOS", "GeoBenchSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GeoProjTests", dependencies: ["GeoProj", "GeoGEOS"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GeoRenderTests", dependencies: ["GeoRender"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GeoRasterTests", dependencies: ["GeoRaster"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GeotwinCLITests", dependencies: ["geotwin"]),
        .testTarget(name: "GeoPostGISTests", dependencies: ["GeoPostGIS", "GeoIO", "GeoWorkflows", "GeoBenchSupport"]),
        .testTarget(name: "GeoTwinTests", dependencies: ["GeoTwin", "GeoBenchSupport"]),
        .testTarget(name: "SmartCityTests", dependencies: ["SmartCity", "GeoIO", "GeoGEOS", "GeoProj", "GeoRender", "GeoIndex", "GeoBenchSupport"], resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)
