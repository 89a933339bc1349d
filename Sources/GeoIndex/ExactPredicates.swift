import GeoCore

// Exact planar predicates used to refine index candidates: point in polygon, segment
// intersection, geometry intersection and point-to-geometry distance. Coordinates are plain
// doubles (no extended-precision orientation); boundaries count as part of a geometry.

/// A geometry split into the three shapes the predicates handle.
enum Primitive {
    case point(Coordinate)
    case line([Coordinate])
    case polygon(Polygon)
}

extension Geometry {
    /// The non-empty points, lines and polygons making up the geometry (collections flattened).
    var primitives: [Primitive] {
        var out = [Primitive]()
        func add(_ g: Geometry) {
            switch g {
            case .point(let p): if let c = p.coordinate { out.append(.point(c)) }
            case .lineString(let l): if !l.coordinates.isEmpty { out.append(.line(l.coordinates)) }
            case .polygon(let p): if !p.exterior.isEmpty { out.append(.polygon(p)) }
            case .multiPoint(let mp): for p in mp.points { if let c = p.coordinate { out.append(.point(c)) } }
            case .multiLineString(let ml): for l in ml.lineStrings where !l.coordinates.isEmpty { out.append(.line(l.coordinates)) }
            case .multiPolygon(let mp): for p in mp.polygons where !p.exterior.isEmpty { out.append(.polygon(p)) }
            case .geometryCollection(let gc): for g in gc.geometries { add(g) }
            }
        }
        add(self)
        return out
    }
}

/// Twice the signed area of triangle (a, b, c): > 0 when counter-clockwise.
@inline(__always)
func orientation(_ a: Coordinate, _ b: Coordinate, _ c: Coordinate) -> Double {
    (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
}

/// True when closed segments `a`-`b` and `c`-`d` share a point.
func segmentsIntersect(_ a: Coordinate, _ b: Coordinate, _ c: Coordinate, _ d: Coordinate) -> Bool {
    if max(a.x, b.x) < min(c.x, d.x) || max(c.x, d.x) < min(a.x, b.x)
        || max(a.y, b.y) < min(c.y, d.y) || max(c.y, d.y) < min(a.y, b.y) { return false }
    let o1 = orientation(a, b, c), o2 = orientation(a, b, d)
    let o3 = orientation(c, d, a), o4 = orientation(c, d, b)
    if ((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0)) { return true }
    return Segment.contains(c, a, b) || Segment.contains(d, a, b) || Segment.contains(a, c, d) || Segment.contains(b, c, d)
}

/// The segments of a primitive's boundary or path, as consecutive vertex pairs of each part.
private func paths(_ p: Primitive) -> [[Coordinate]] {
    switch p {
    case .point: []
    case .line(let c): [c]
    case .polygon(let poly): [poly.exterior] + poly.holes
    }
}

private func pathsIntersect(_ a: [[Coordinate]], _ b: [[Coordinate]]) -> Bool {
    for pa in a {
        for pb in b {
            if pa.count == 1 {
                if pb.count == 1 ? pa[0].equals2D(pb[0]) : (1..<pb.count).contains(where: { Segment.contains(pa[0], pb[$0 - 1], pb[$0]) }) { return true }
                continue
            }
            for i in 1..<pa.count {
                if pb.count == 1 {
                    if Segment.contains(pb[0], pa[i - 1], pa[i]) { return true }
                    continue
                }
                for j in 1..<pb.count where segmentsIntersect(pa[i - 1], pa[i], pb[j - 1], pb[j]) { return true }
            }
        }
    }
    return false
}

/// Any vertex of `p` (one per part suffices once boundaries do not cross).
private func representative(_ p: Primitive) -> Coordinate? {
    switch p {
    case .point(let c): c
    case .line(let c): c.first
    case .polygon(let poly): poly.exterior.first
    }
}

private func covers(_ p: Primitive, _ c: Coordinate) -> Bool {
    switch p {
    case .point(let q): q.equals2D(c)
    case .line(let l): l.count == 1 ? l[0].equals2D(c) : (1..<l.count).contains { Segment.contains(c, l[$0 - 1], l[$0]) }
    case .polygon(let poly): poly.covers(c)
    }
}

/// True when two primitives share at least one point.
func intersects(_ a: Primitive, _ b: Primitive) -> Bool {
    if pathsIntersect(paths(a), paths(b)) { return true }
    // No boundary crossing: they meet only if one lies inside the other.
    if let c = representative(a), covers(b, c) { return true }
    if let c = representative(b), covers(a, c) { return true }
    return false
}

/// The planar distance from `p` to the nearest point of `primitive` (0 inside a polygon).
func distance(_ p: Coordinate, to primitive: Primitive) -> Double {
    if case .polygon(let poly) = primitive, poly.covers(p) { return 0 }
    if case .point(let q) = primitive { return ((p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y)).squareRoot() }
    var best = Double.infinity
    for path in paths(primitive) {
        if path.count == 1 { best = min(best, Segment.distanceSquared(p, path[0], path[0]).squareRoot()) }
        for i in 1..<max(1, path.count) { best = min(best, Segment.distanceSquared(p, path[i - 1], path[i]).squareRoot()) }
    }
    return best
}
