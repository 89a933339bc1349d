/// Where a point lies relative to an areal geometry.
public enum PointLocation: Sendable, Hashable {
    /// Strictly inside: not on any ring.
    case interior
    /// Exactly on a ring (a vertex or an edge), by exact arithmetic on the stored doubles.
    case boundary
    /// Outside, or inside a hole.
    case exterior
}

/// Planar point-in-polygon.
///
/// **Boundary rule.** A point on an edge or vertex of any ring (exterior or hole) is reported
/// as ``PointLocation/boundary``. There is no tolerance: a point is on an edge when the cross
/// product of the edge and the point, evaluated in double arithmetic, is exactly zero and the
/// point lies within the edge's box. Vertices, points on axis-parallel edges and points whose
/// coordinates make the product exact are classified exactly; a point within rounding error of
/// a sloped edge may fall either side (GeoGEOS's predicates are robust there). ``Polygon/contains(_:)`` follows the OGC *contains* predicate and is false on the
/// boundary; ``Polygon/covers(_:)`` is true on it. Points strictly inside a hole are exterior;
/// points on a hole's ring are boundary. For a multipolygon, a point is interior when it is
/// interior to any member, else boundary when it is on any member's boundary.
///
/// Parity is counted with the half-open crossing rule (an edge counts when one end is strictly
/// above the point's `y` and the other is at or below it), so a ray through a vertex is counted
/// once. Cost O(n) in the number of vertices; rings need not be closed.
public enum PointInRing {
    /// Locates `p` against one ring (treated as a closed polygon without holes).
    public static func locate(_ p: Coordinate, in ring: [Coordinate]) -> PointLocation {
        let n = ring.count
        guard n >= 3 else {
            if n == 2 || n == 1 {
                return Segment.contains(p, ring[0], ring[n - 1]) ? .boundary : .exterior
            }
            return .exterior
        }
        return ring.withUnsafeBufferPointer { r in
            var inside = false
            var j = n - 1
            for i in 0..<n {
                let a = r[j], b = r[i]
                j = i
                if (a.y > p.y) != (b.y > p.y) {
                    let cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)
                    if cross == 0 { return .boundary }
                    // The edge crosses the horizontal line through p; p is left of the edge
                    // exactly when the crossing lies to its right.
                    if (cross > 0) == (b.y > a.y) { inside.toggle() }
                } else if Segment.contains(p, a, b) {
                    return .boundary
                }
            }
            return inside ? .interior : .exterior
        }
    }
}

extension Polygon {
    /// Locates `p` against the polygon: exterior ring, then holes. See ``PointInRing`` for the rules.
    public func locate(_ p: Coordinate) -> PointLocation {
        switch PointInRing.locate(p, in: exterior) {
        case .exterior: return .exterior
        case .boundary: return .boundary
        case .interior:
            for hole in holes {
                switch PointInRing.locate(p, in: hole) {
                case .interior: return .exterior
                case .boundary: return .boundary
                case .exterior: continue
                }
            }
            return .interior
        }
    }

    /// OGC *contains*: true only for points strictly inside (not on any ring).
    public func contains(_ p: Coordinate) -> Bool { locate(p) == .interior }

    /// OGC *covers*: true for points inside or on the boundary.
    public func covers(_ p: Coordinate) -> Bool { locate(p) != .exterior }
}

extension MultiPolygon {
    /// Interior if interior to any member; else boundary if on any member's boundary.
    public func locate(_ p: Coordinate) -> PointLocation {
        var onBoundary = false
        for polygon in polygons {
            switch polygon.locate(p) {
            case .interior: return .interior
            case .boundary: onBoundary = true
            case .exterior: break
            }
        }
        return onBoundary ? .boundary : .exterior
    }

    /// OGC *contains* for a point (false on the boundary).
    public func contains(_ p: Coordinate) -> Bool { locate(p) == .interior }

    /// OGC *covers* for a point (true on the boundary).
    public func covers(_ p: Coordinate) -> Bool { locate(p) != .exterior }
}

extension Geometry {
    /// Locates `p` against the areal part of the geometry (polygons and multipolygons, and
    /// those inside collections). Points and lines have no interior here: the result is
    /// `.exterior` for them. Use GeoGEOS for full DE-9IM semantics.
    public func locate(_ p: Coordinate) -> PointLocation {
        switch self {
        case .polygon(let poly): return poly.locate(p)
        case .multiPolygon(let mp): return mp.locate(p)
        case .geometryCollection(let gc):
            var onBoundary = false
            for g in gc.geometries {
                switch g.locate(p) {
                case .interior: return .interior
                case .boundary: onBoundary = true
                case .exterior: break
                }
            }
            return onBoundary ? .boundary : .exterior
        case .point, .lineString, .multiPoint, .multiLineString: return .exterior
        }
    }
}
