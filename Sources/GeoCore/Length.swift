/// Planar length: the sum of Euclidean segment lengths, in units of the coordinates.
/// Geographic (lon/lat) input gives degrees; use GeoProj's geodesic length for metres.
public enum Path {
    /// The length of a polyline (0 for fewer than 2 vertices). O(n).
    public static func length(_ coordinates: [Coordinate]) -> Double {
        guard coordinates.count >= 2 else { return 0 }
        var total = 0.0
        var prev = coordinates[0]
        for c in coordinates.dropFirst() {
            total += (c.x - prev.x).hypot(c.y - prev.y)
            prev = c
        }
        return total
    }
}

extension Double {
    /// `sqrt(self² + other²)` without intermediate overflow for large magnitudes.
    @usableFromInline
    func hypot(_ other: Double) -> Double {
        let a = abs(self), b = abs(other)
        let hi = Swift.max(a, b), lo = Swift.min(a, b)
        guard hi > 0, hi.isFinite else { return hi + lo }
        let r = lo / hi
        return hi * (1 + r * r).squareRoot()
    }
}

extension Geometry {
    /// Planar length: the length of lines, the perimeter (all rings) of polygons, 0 for points.
    /// Matches GEOS `GEOSLength`.
    public var length: Double {
        switch self {
        case .point, .multiPoint: 0
        case .lineString(let l): Path.length(l.coordinates)
        case .multiLineString(let ml): ml.lineStrings.reduce(0) { $0 + Path.length($1.coordinates) }
        case .polygon(let p): p.rings.reduce(0) { $0 + Path.length($1) }
        case .multiPolygon(let mp):
            mp.polygons.reduce(0) { acc, p in p.rings.reduce(acc) { $0 + Path.length($1) } }
        case .geometryCollection(let gc): gc.geometries.reduce(0) { $0 + $1.length }
        }
    }
}
