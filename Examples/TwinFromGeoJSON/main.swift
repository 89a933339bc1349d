// A pilot city twin with your own layers, analysed and mapped.
//
//   swift run twin-from-geojson [sejong-5-1|busan-edc] [KIND=FILE ...]
//
// KIND is one of blocks, parcels, buildings, roads, mobility-hubs, cctv, iot-sensors,
// fire-stations, police-stations; FILE is GeoJSON or GeoPackage in WGS84 (buildings may carry
// `residents`, `households`, `floors`). Layers you do not give stay modelled (generated, sized
// to the plan). Without KIND=FILE the example writes a sample mobility-hubs layer (five hubs)
// to out/my_hubs.geojson and uses it.
import Foundation
import GeoTwin

var args = Array(CommandLine.arguments.dropFirst())
let city = args.first.flatMap(PilotCityID.init(rawValue:)) ?? .sejong51
if args.first.flatMap(PilotCityID.init(rawValue:)) != nil { args.removeFirst() }

do {
    var twin = try PilotCity.build(city, geodata: try GeodataLocation.resolve())
    if args.isEmpty {
        let c = (lon: twin.plan.centreLongitude, lat: twin.plan.centreLatitude)
        let hubs = [(0.0, 0.0), (0.004, 0.002), (-0.004, -0.002), (0.006, -0.003), (-0.005, 0.003)].map {
            #"{"type":"Feature","properties":{"name":"my hub"},"geometry":{"type":"Point","coordinates":[\#(c.lon + $0.0),\#(c.lat + $0.1)]}}"#
        }
        try FileManager.default.createDirectory(atPath: "out", withIntermediateDirectories: true)
        try #"{"type":"FeatureCollection","features":[\#(hubs.joined(separator: ","))]}"#
            .write(toFile: "out/my_hubs.geojson", atomically: true, encoding: .utf8)
        args = ["mobility-hubs=out/my_hubs.geojson"]
    }
    for a in args {
        let replacement = try TwinLayerReplacement(argument: a)
        try twin.replace(replacement.kind, withWGS84: replacement.features, note: replacement.note)
    }
    let report = try twin.analyse()
    for l in report.layers { print("\(l.layer): \(l.features) features, \(l.origin.rawValue)") }
    for r in report.response {
        print(String(format: "119 within 7 min at dispatch %@: %.1f %% of residents", r.dispatchLabel, r.residentShare * 100))
    }
    print(String(format: "mobility hub within 300 m: %.1f %% of residents (mean walk %.0f m)",
                 report.hubs.residentShareWithin300 * 100, report.hubs.meanMetres))
    print(String(format: "CCTV coverage: streets %.1f %%, blocks %.1f %%", report.cctv.streetShare * 100, report.cctv.blockShare * 100))
    let map = try PilotCityMap.map(twin, density: try PilotCityAnalysis.densitySurface(twin))
    let out = "out/my-\(city.rawValue).svg"
    _ = try MapRenderer.render(map, to: out)
    print("map: \(out)")
} catch {
    FileHandle.standardError.write(Data("twin-from-geojson: error: \(error)\n".utf8))
    exit(1)
}
