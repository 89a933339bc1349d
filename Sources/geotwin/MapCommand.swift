import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoTwin

/// `geotwin map`: thematic SVG maps from the shipped Geodata/korea.gpkg.
struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Draw SVG maps of Korea from Geodata/korea.gpkg.",
        subcommands: [PopulationMapCommand.self, SejongMapCommand.self, CoverageMapCommand.self, PilotMapCommand.self]
    )

    /// Renders `map` to `out` (creating its folder) and prints one summary line.
    static func render(_ map: Map, to out: String) throws {
        let started = Date()
        let s = try KoreaMaps.render(map, to: out)
        let ms = Int(Date().timeIntervalSince(started) * 1000)
        print("\(out): \(s.bytes) bytes, \(Int(s.width))x\(Int(s.height)) px, \(s.featuresDrawn) features, "
              + "\(s.vertices) vertices, \(s.labelsPlaced) labels (\(s.labelsDropped) dropped), \(ms) ms")
    }
}

extension PopulationMapLevel: ExpressibleByArgument {}

/// `geotwin map population`: the national choropleth of population density by sigungu, with the
/// two national pilot smart cities as insets.
struct PopulationMapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "population",
        abstract: "National choropleth of 2020 population density by sigungu (EPSG:5179), pilot cities as insets."
    )

    @Option(help: "The Geodata folder (or its korea.gpkg).")
    var geodata: String?

    @Option(help: "Output SVG file.")
    var out = "population.svg"

    @Option(help: "Page width in pixels.")
    var width = 1200.0

    @Option(help: "Number of quantile classes (3-9).")
    var classes = 7

    @Option(help: "The units coloured: sigungu (251) or emd (5,026, by their sigungu's density).")
    var level: PopulationMapLevel = .sigungu

    func validate() throws {
        guard (3...9).contains(classes) else { throw ValidationError("--classes must be 3...9, got \(classes)") }
        guard width >= 300, width <= 10_000 else { throw ValidationError("--width must be 300...10000") }
    }

    func run() throws {
        try reportingErrors {
            try MapCommand.render(try KoreaMaps.population(geodata: Geodata(geodataPath: geodata), classes: classes, width: width, level: level), to: out)
        }
    }
}

/// `geotwin map sejong`: a city map of Sejong's legal dong, eup and myeon.
struct SejongMapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sejong",
        abstract: "City map of Sejong by legal emd (EPSG:5179), the 합강리 pilot area outlined."
    )

    @Option(help: "The Geodata folder (or its korea.gpkg).")
    var geodata: String?

    @Option(help: "Output SVG file.")
    var out = "sejong.svg"

    @Option(help: "Page width in pixels.")
    var width = 1000.0

    func validate() throws {
        guard width >= 300, width <= 10_000 else { throw ValidationError("--width must be 300...10000") }
    }

    func run() throws {
        try reportingErrors {
            try MapCommand.render(try KoreaMaps.sejong(geodata: Geodata(geodataPath: geodata), width: width), to: out)
        }
    }
}
