#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension TwinReport {
    /// The report as `geotwin twin` prints it: site, plan and twin figures, the layers and their
    /// origin, the analyses, and the assumptions behind them.
    public var table: String {
        let pad = ReportText.pad, pct = ReportText.percent, grouped = ReportText.grouped
        var lines = [
            "\(nameKorean) · \(plan.nameEnglish) twin",
            String(cFormat: "Site: %.3f km² (plan %.3f km²): ", footprintKm2, plan.areaKm2) + footprintDerivation,
            "Plan: \(grouped(plan.households)) households, \(grouped(plan.residents)) residents; twin: \(grouped(households)) households, \(grouped(residents)) residents",
            "",
            "layer            origin     features",
        ]
        for l in layers { lines.append(pad(l.layer, 16, true) + " " + pad(l.origin.rawValue, 9, true) + pad("\(l.features)", 10, false)) }
        lines += ["", "analysis                                              buildings    residents"]
        for x in response {
            lines.append(pad("119 response within 7 min, dispatch \(x.dispatchLabel)", 52, true)
                         + pad(pct(x.buildingShare), 12, false) + pad(pct(x.residentShare), 13, false))
        }
        lines.append(pad("mobility hub within 300 m walk (\(hubs.hubs) hubs)", 52, true)
                     + pad(pct(hubs.buildingShareWithin300), 12, false) + pad(pct(hubs.residentShareWithin300), 13, false))
        lines += [
            String(cFormat: "walk to nearest hub: mean %.0f m, max %.0f m", hubs.meanMetres, hubs.maxMetres),
            "CCTV coverage (\(cctv.cameras) cameras, \(Int(cctv.radiusMetres)) m radius, \(Int(cctv.cellMetres)) m raster): streets "
                + pct(cctv.streetShare) + ", blocks " + pct(cctv.blockShare),
            String(cFormat: "population density (%.0f m cells): max %.0f, mean %.0f residents/ha over the site",
                   densityCellMetres, densityMaxPerHectare, densityMeanPerHectare),
            "",
            String(cFormat: "Assumptions: response = dispatch + travel − mean travel; fire engines %.0f km/h, detour ×%.2f; walking detour ×%.2f.",
                   PilotCityAnalysis.fireSpeed * 3.6, PilotCityAnalysis.detourFactor, PilotCityAnalysis.walkingDetour),
            "Modelled layers are generated, not surveyed: replace them with --layer KIND=FILE.",
        ]
        return lines.joined(separator: "\n")
    }

    /// The report as pretty-printed JSON with sorted keys.
    public func json() throws -> String { try ReportText.json(self) }
}

extension TwinLayerReplacement {
    /// The replacement a `KIND=FILE` argument names (e.g. `cctv=cameras.geojson`), its file read
    /// through ``TwinLayerFile/read(_:layer:)`` (any format GeoIO opens, reprojected to WGS 84).
    /// - Throws: ``PilotCityError/invalidLayer(layer:reason:)`` for an unknown kind or an unreadable file.
    public init(argument: String) throws(PilotCityError) {
        let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let kind = TwinLayerKind(rawValue: parts[0]) else {
            throw .invalidLayer(layer: argument, reason: "expected KIND=FILE with KIND one of \(TwinLayerKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.init(kind: kind, features: try TwinLayerFile.read(parts[1]), note: "user layer from \(parts[1])")
    }
}
