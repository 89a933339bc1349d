// Coverage maps: the national integrated platform coverage map in one call, or a coverage map
// of your own data.
//
//   swift run coverage-map                              # the national map, out/coverage.svg
//   swift run coverage-map --year 2018 [out.svg]        # the national map up to 2018
//   swift run coverage-map areas.geojson [out.svg]      # your own data
//
// The national map is `CoverageMap.national(atlas:...)`: the sigungu by year of selection from
// the shipped Geodata (one connection to korea.gpkg), the sido outlines, the pilot site
// footprints and the two pilot city insets. areas.geojson: WGS84 polygons with a `year` property
// (integer; missing = not joined) and an optional `modelled` property (true for estimated years),
// plus `code` and `name_ko` if you want them in the SVG's data attributes.
import Foundation
import GeoTwin

var args = Array(CommandLine.arguments.dropFirst())
var year: Int?
if let i = args.firstIndex(of: "--year"), i + 1 < args.count {
    year = Int(args[i + 1])
    args.removeSubrange(i...(i + 1))
}

do {
    if let input = args.first, input.hasSuffix(".geojson") || input.hasSuffix(".json") || input.hasSuffix(".gpkg") {
        let out = args.count > 1 ? args[1] : "out/coverage-of-my-data.svg"
        let areas = try TwinLayerFile.read(input)
        let joins = areas.features.map { f -> CoverageJoin? in
            guard let year = f.properties["year"]?.intValue else { return nil }
            return CoverageJoin(year: Int(year), modelled: f.properties["modelled"]?.boolValue ?? false)
        }
        let map = try CoverageMap.map(areas: areas, joins: joins, options: CoverageMapOptions(
            title: "Coverage by year joined", subtitle: "\(joins.compactMap { $0 }.count) of \(areas.features.count) areas joined; lighter: modelled",
            attribution: "Your data. Map: GeoTwin, EPSG:5179.", projection: try CRSProjection(fromEPSG: 4326, toEPSG: 5179), width: 900,
            legendTitle: "Year joined"))
        let summary = try KoreaMaps.render(map, to: out)
        print("\(out): \(summary.bytes) bytes, \(summary.featuresDrawn) features")
    } else {
        let out = args.first ?? "out/coverage.svg"
        let atlas = try KoreaAtlas()                    // finds Geodata/ (see GeodataLocation)
        let summary = try CoverageMap.renderNational(to: out, atlas: atlas, scenario: .recorded,
                                                     method: .withSidoPlatforms, year: year)
        print("\(out): \(summary.bytes) bytes, \(summary.featuresDrawn) features")
        // The legend categories are typed: the selections of each year, recorded or modelled.
        let rollout = try PlatformRollout.load(atlas: atlas)
        let selections = try rollout.selections(.recorded)
        let last = year ?? selections.map(\.year).max() ?? 2020
        let codes = try atlas.municipalities().filter { !$0.isParentCity }.map { Optional($0.code) }
        var counts: [CoverageCategory: Int] = [:]
        for join in rollout.joins(sigunguCodes: codes, selections: selections, year: last, method: .withSidoPlatforms) {
            counts[CoverageMap.category(join), default: 0] += 1
        }
        for entry in try CoverageMap.legend(rollout.joins(sigunguCodes: codes, selections: selections, year: last, method: .withSidoPlatforms)) {
            print("  \(entry.category.label): \(counts[entry.category] ?? 0) sigungu (\(entry.color.hex))")
        }
    }
} catch {
    FileHandle.standardError.write(Data("coverage-map: error: \(error)\n".utf8))
    exit(1)
}
