import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoTwin

extension PilotCityID: ExpressibleByArgument {}
extension TwinLayerKind: ExpressibleByArgument {}

/// `geotwin twin`: the analyses of a pilot city twin.
struct TwinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "twin",
        abstract: "Analyses of a national pilot smart city twin (sejong-5-1 or busan-edc).",
        discussion: """
            Builds the twin (site footprint from the shipped boundaries; modelled layers from the
            deterministic generator, sized to the plan) and prints: 119 response coverage within
            7 minutes for dispatch times 7:26 and 5:58, CCTV coverage of streets and blocks,
            walking distance to the nearest mobility hub with the share within 300 m, and the
            population density surface. Replace a layer with your own data with
            --layer KIND=FILE (GeoJSON or GeoPackage, WGS84), e.g. --layer cctv=cameras.geojson.
            """)

    @Argument(help: "sejong-5-1 or busan-edc.")
    var city: PilotCityID

    @Option(help: "table or json.")
    var format: ReportFormat = .table

    @Option(name: .customLong("layer"), help: "Replace a layer: KIND=FILE (kinds: \(TwinLayerKind.allCases.map(\.rawValue).joined(separator: ", "))).")
    var replacements: [String] = []

    @Option(help: "The Geodata folder (or its korea.gpkg).")
    var geodata: String?

    func validate() throws {
        if format == .csv { throw ValidationError("--format must be table or json") }
    }

    func run() throws {
        try reportingErrors {
            let progress = Progress()
            progress.step("building the \(city.rawValue) twin")
            let twin = try Self.twin(city, geodata: geodata, replacements: replacements)
            progress.step("analysing")
            let report = try twin.analyse()
            print(format == .json ? try report.json() : report.table)
        }
    }

    /// The twin of `city` with the user's layer replacements applied.
    static func twin(_ city: PilotCityID, geodata: String?, replacements: [String]) throws -> PilotCity {
        try PilotCity.build(city, from: Geodata(geodataPath: geodata), replacing: Self.replacements(replacements))
    }

    /// The `--layer KIND=FILE` arguments, their files read.
    static func replacements(_ arguments: [String]) throws -> [TwinLayerReplacement] {
        try arguments.map { try TwinLayerReplacement(argument: $0) }
    }
}
