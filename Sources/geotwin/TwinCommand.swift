import ArgumentParser
import Foundation
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
            switch format {
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            default:
                print(Self.table(report))
            }
        }
    }

    /// The twin of `city` with the user's layer replacements applied.
    static func twin(_ city: PilotCityID, geodata: String?, replacements: [String]) throws -> PilotCity {
        try PilotCity.build(city, from: Geodata(geodataPath: geodata), replacing: Self.replacements(replacements))
    }

    /// The `--layer KIND=FILE` arguments, their files read.
    static func replacements(_ arguments: [String]) throws -> [TwinLayerReplacement] {
        try arguments.map { r in
            let parts = r.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let kind = TwinLayerKind(rawValue: parts[0]) else {
                throw CLIError("--layer \(r): expected KIND=FILE with KIND one of \(TwinLayerKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return TwinLayerReplacement(kind: kind, features: try TwinLayerFile.read(parts[1]), note: "user layer from \(parts[1])")
        }
    }

    static func pct(_ x: Double) -> String { String(format: "%.1f %%", x * 100) }

    static func table(_ r: TwinReport) -> String {
        var lines = [
            "\(r.nameKorean) · \(r.plan.nameEnglish) twin",
            String(format: "Site: %.3f km² (plan %.3f km²): %@", r.footprintKm2, r.plan.areaKm2, r.footprintDerivation),
            "Plan: \(grouped(r.plan.households)) households, \(grouped(r.plan.residents)) residents; twin: \(grouped(r.households)) households, \(grouped(r.residents)) residents",
            "",
            "layer            origin     features",
        ]
        for l in r.layers { lines.append(pad(l.layer, 16, left: true) + " " + pad(l.origin.rawValue, 9, left: true) + pad("\(l.features)", 10)) }
        lines += ["", "analysis                                              buildings    residents"]
        for x in r.response {
            lines.append(pad("119 response within 7 min, dispatch \(x.dispatchLabel)", 52, left: true)
                         + pad(pct(x.buildingShare), 12) + pad(pct(x.residentShare), 13))
        }
        lines.append(pad("mobility hub within 300 m walk (\(r.hubs.hubs) hubs)", 52, left: true)
                     + pad(pct(r.hubs.buildingShareWithin300), 12) + pad(pct(r.hubs.residentShareWithin300), 13))
        lines += [
            String(format: "walk to nearest hub: mean %.0f m, max %.0f m", r.hubs.meanMetres, r.hubs.maxMetres),
            "CCTV coverage (\(r.cctv.cameras) cameras, \(Int(r.cctv.radiusMetres)) m radius, \(Int(r.cctv.cellMetres)) m raster): streets "
                + pct(r.cctv.streetShare) + ", blocks " + pct(r.cctv.blockShare),
            String(format: "population density (%.0f m cells): max %.0f, mean %.0f residents/ha over the site",
                   r.densityCellMetres, r.densityMaxPerHectare, r.densityMeanPerHectare),
            "",
            String(format: "Assumptions: response = dispatch + travel − mean travel; fire engines %.0f km/h, detour ×%.2f; walking detour ×%.2f.",
                   PilotCityAnalysis.fireSpeed * 3.6, PilotCityAnalysis.detourFactor, PilotCityAnalysis.walkingDetour),
            "Modelled layers are generated, not surveyed: replace them with --layer KIND=FILE.",
        ]
        return lines.joined(separator: "\n")
    }
}
