import Foundation
import GeoCore

/// The shapely-generated oracle values in Fixtures/planar.json.
struct PlanarCase: @unchecked Sendable {
    let name: String
    let geometry: Geometry
    let record: [String: Any]

}


enum PlanarFixtures {
    static let cases: [PlanarCase] = {
        guard let url = Bundle.module.url(forResource: "planar", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let list = root["cases"] as? [[String: Any]] else { return [] }
        return list.compactMap { rec in
            guard let name = rec["name"] as? String, let g = rec["geometry"] as? [String: Any],
                  let geometry = geometry(from: g) else { return nil }
            return PlanarCase(name: name, geometry: geometry, record: rec)
        }
    }()

    static func coordinate(_ any: Any) -> Coordinate? {
        guard let a = any as? [Double], a.count >= 2 else { return nil }
        return Coordinate(x: a[0], y: a[1])
    }

    static func ring(_ any: Any) -> [Coordinate]? {
        guard let a = any as? [Any] else { return nil }
        let cs = a.compactMap(coordinate)
        return cs.count == a.count ? cs : nil
    }

    static func polygon(_ any: Any) -> Polygon? {
        guard let rings = (any as? [Any])?.compactMap(ring) else { return nil }
        return Polygon(rings: rings)
    }

    /// A minimal GeoJSON-geometry reader for the fixtures (GeoCore's tests cannot use GeoIO).
    static func geometry(from g: [String: Any]) -> Geometry? {
        guard let type = g["type"] as? String else { return nil }
        if type == "GeometryCollection" {
            let children = (g["geometries"] as? [[String: Any]] ?? []).compactMap(geometry(from:))
            return .geometryCollection(GeometryCollection(children))
        }
        guard let c = g["coordinates"] else { return nil }
        switch type {
        case "Point": return coordinate(c).map { .point(Point($0)) } ?? .point(.empty)
        case "LineString": return ring(c).map { .lineString(LineString($0)) }
        case "Polygon": return polygon(c).map { .polygon($0) }
        case "MultiPoint": return ring(c).map { .multiPoint(MultiPoint(coordinates: $0)) }
        case "MultiLineString":
            return (c as? [Any]).map { .multiLineString(MultiLineString($0.compactMap(ring).map { LineString($0) })) }
        case "MultiPolygon":
            return (c as? [Any]).map { .multiPolygon(MultiPolygon($0.compactMap(polygon))) }
        default: return nil
        }
    }

    static func named(_ name: String) -> PlanarCase? { cases.first { $0.name == name } }
}

/// `|a - b| <= tol * max(1, |a|, |b|)`.
func close(_ a: Double, _ b: Double, _ tol: Double = 1e-9) -> Bool {
    abs(a - b) <= tol * max(1, abs(a), abs(b))
}
