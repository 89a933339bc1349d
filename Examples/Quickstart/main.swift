// Quickstart: parse GeoJSON, measure, test a point, write WKB and WKT.
// Run with `swift run quickstart`.
import GeoTwin

let text = """
{"type":"Feature","id":"36110","properties":{"name":"세종특별자치시"},
 "geometry":{"type":"Polygon","coordinates":[[[127.2,36.4],[127.4,36.4],[127.4,36.6],[127.2,36.6],[127.2,36.4]]]}}
"""
do {
    let feature = try GeoJSON.decodeFeature(Array(text.utf8))
    let geometry = feature.geometry ?? .point(.empty)
    print("name:", feature["name"]?.stringValue ?? "-")
    print("bounds:", geometry.boundingBox)
    print("planar area (deg²):", geometry.area)
    print("centroid:", geometry.centroid.map { "\($0.x) \($0.y)" } ?? "none")
    let sejongGovernmentComplex = Coordinate(x: 127.265, y: 36.504)
    print("contains 정부세종청사:", geometry.locate(sejongGovernmentComplex) == .interior)
    print("WKT:", WKT.encode(geometry, precision: 3))
    print("WKB bytes:", WKB.encode(geometry).count)
} catch {
    print("error:", error)
}
