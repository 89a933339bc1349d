// Coverage map of your own data: areas with the year each joined a programme.
//
//   swift run coverage-map [areas.geojson] [out.svg]
//
// areas.geojson: WGS84 polygons with a `year` property (integer; missing = not joined) and an
// optional `modelled` property (true for estimated years), plus `code` and `name_ko` if you want
// them in the SVG's data attributes. Without arguments the example writes a sample in that
// format (the legal dong of Busan Gangseo-gu with made-up years) to out/sample_areas.geojson and
// maps it.
import Foundation
import GeoTwin

let args = CommandLine.arguments.dropFirst()
let out = args.count > 1 ? args[args.startIndex + 1] : "out/coverage-of-my-data.svg"

do {
    let input: String
    if let given = args.first {
        input = given
    } else {
        // The sample: Gangseo-gu's emd from the shipped GeoPackage, years assigned by code.
        let geodata = try GeodataLocation.resolve()
        let gpkg = geodata.appendingPathComponent(GeodataLocation.fileName).path
        var emd = try GeoPackageReader(path: gpkg).readLayer("emd").featureCollection
        emd.features.removeAll { $0.properties["sigungu_code"]?.stringValue != "26440" }
        for i in emd.features.indices where i % 4 != 3 {
            emd.features[i].properties["year"] = .int(Int64(2018 + i % 4))
            emd.features[i].properties["modelled"] = .bool(i % 4 == 2)
        }
        try FileManager.default.createDirectory(atPath: "out", withIntermediateDirectories: true)
        input = "out/sample_areas.geojson"
        try GeoJSON.encode(emd).write(toFile: input, atomically: true, encoding: .utf8)
        print("sample written to \(input)")
    }
    let areas = try TwinLayerFile.read(input)
    let joins = areas.features.map { f -> CoverageJoin? in
        guard let year = f.properties["year"]?.intValue else { return nil }
        return CoverageJoin(year: Int(year), modelled: f.properties["modelled"]?.boolValue ?? false)
    }
    let map = try CoverageMap.map(areas: areas, joins: joins, options: CoverageMapOptions(
        title: "Coverage by year joined", subtitle: "\(joins.compactMap { $0 }.count) of \(areas.features.count) areas joined; lighter: modelled",
        attribution: "Your data. Map: GeoTwin, EPSG:5179.", projection: try CRSProjection(fromEPSG: 4326, toEPSG: 5179), width: 900,
        legendTitle: "Year joined"))
    let summary = try MapRenderer.render(map, to: out)
    print("\(out): \(summary.bytes) bytes, \(summary.featuresDrawn) features")
} catch {
    FileHandle.standardError.write(Data("coverage-map: error: \(error)\n".utf8))
    exit(1)
}
