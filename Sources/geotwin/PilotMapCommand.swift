import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoTwin

extension PilotMapLayer: ExpressibleByArgument {}

/// `geotwin map pilot`: the map of a pilot city twin.
struct PilotMapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pilot",
        abstract: "Map of a national pilot smart city twin (EPSG:5179): footprint, layers, density surface.")

    @Argument(help: "sejong-5-1 or busan-edc.")
    var city: PilotCityID

    @Option(help: "Comma-separated layers (\(PilotMapLayer.allCases.map(\.rawValue).joined(separator: ", "))).")
    var layers: String?

    @Option(name: .customLong("layer"), help: "Replace a twin layer: KIND=FILE (GeoJSON or GeoPackage, WGS84).")
    var replacements: [String] = []

    @Option(help: "Output SVG file (default out/<city>.svg).")
    var out: String?

    @Option(help: "Page width in pixels.")
    var width = 1000.0

    @Option(help: "The Geodata folder (or its korea.gpkg).")
    var geodata: String?

    func validate() throws {
        guard width >= 300, width <= 10_000 else { throw ValidationError("--width must be 300...10000") }
        if let layers {
            for name in layers.split(separator: ",") where PilotMapLayer(rawValue: name.trimmingWhitespaces()) == nil {
                throw ValidationError("--layers: unknown layer '\(name)' (known: \(PilotMapLayer.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
        }
    }

    func run() throws {
        try reportingErrors {
            let progress = Progress()
            let chosen = layers.map { $0.split(separator: ",").compactMap { PilotMapLayer(rawValue: $0.trimmingWhitespaces()) } }
                ?? PilotMapLayer.defaults
            progress.step("building the \(city.rawValue) twin")
            let map = try PilotCityMap.map(city, geodata: Geodata(geodataPath: geodata),
                                           replacing: TwinCommand.replacements(replacements), layers: chosen, width: width)
            let path = out ?? "out/\(city.rawValue).svg"
            progress.step("drawing \(path)")
            try MapCommand.render(map, to: path)
        }
    }
}
