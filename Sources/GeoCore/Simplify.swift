/// Douglas-Peucker line simplification (Ramer 1972; Douglas & Peucker 1973).
///
/// Keeps the first and last vertex of each line and every vertex whose perpendicular distance
/// to the chord of its span exceeds `tolerance` (units of the coordinates). Iterative (an explicit
/// stack), so long lines cannot overflow the call stack. O(n log n) typical, O(n²) worst case.
/// Like GEOS's `DouglasPeuckerSimplifier` this does not preserve topology: use GeoGEOS's
/// topology-preserving simplification when rings must stay valid.
public enum DouglasPeucker {
    /// The indices of the vertices kept, in increasing order.
    public static func keptIndices(_ coords: [Coordinate], tolerance: Double) -> [Int] {
        let n = coords.count
        guard n > 2 else { return Array(0..<n) }
        var keep = [Bool](repeating: false, count: n)
        coords.withUnsafeBufferPointer { c in
            mark(first: 0, last: n - 1, tolerance: tolerance, keep: &keep) { (c[$0].x, c[$0].y) }
        }
        return keep.indices.filter { keep[$0] }
    }

    /// The core of the algorithm over any vertex storage: marks in `keep` the vertices of
    /// `first...last` that are kept at `tolerance`; `first` and `last` always are. `point(i)`
    /// gives vertex `i`. Ties on the largest distance go to the lowest index, so the result
    /// depends only on the sequence of vertices. Used by the renderer on its screen-grid buffers.
    @inlinable
    public static func mark(first: Int, last: Int, tolerance: Double, keep: inout [Bool],
                            point: (Int) -> (x: Double, y: Double)) {
        guard last >= first else { return }
        keep[first] = true
        keep[last] = true
        var stack: [(Int, Int)] = [(first, last)]
        let tol2 = tolerance * tolerance
        while let (a, b) = stack.popLast() {
            guard b > a + 1 else { continue }
            let pa = point(a), pb = point(b)
            var maxDist2 = -1.0
            var index = a
            for i in (a + 1)..<b {
                let p = point(i)
                let d2 = Segment.distanceSquared(Coordinate(p.x - pa.x, p.y - pa.y), Coordinate(0, 0),
                                                Coordinate(pb.x - pa.x, pb.y - pa.y))
                if d2 > maxDist2 {
                    maxDist2 = d2
                    index = i
                }
            }
            if maxDist2 > tol2 {
                keep[index] = true
                stack.append((a, index))
                stack.append((index, b))
            }
        }
    }

    /// Simplifies a polyline; the result keeps at least its two end vertices.
    public static func simplify(_ coords: [Coordinate], tolerance: Double) -> [Coordinate] {
        keptIndices(coords, tolerance: tolerance).map { coords[$0] }
    }
}

extension Geometry {
    /// Douglas-Peucker simplification of every line and ring with `tolerance` (coordinate units).
    ///
    /// Lines keep at least their two end vertices. A ring that collapses below 4 vertices is
    /// dropped: a hole disappears, and a polygon whose exterior collapses is removed (an empty
    /// polygon when it stands alone). Points are unchanged.
    public func simplified(tolerance: Double) -> Geometry {
        func ring(_ r: [Coordinate]) -> [Coordinate]? {
            let s = DouglasPeucker.simplify(r, tolerance: tolerance)
            return s.count >= 4 ? s : nil
        }
        func polygon(_ p: Polygon) -> Polygon? {
            guard let outer = ring(p.exterior) else { return nil }
            return Polygon(exterior: outer, holes: p.holes.compactMap(ring))
        }
        switch self {
        case .point, .multiPoint:
            return self
        case .lineString(let l):
            return .lineString(LineString(DouglasPeucker.simplify(l.coordinates, tolerance: tolerance)))
        case .multiLineString(let ml):
            return .multiLineString(MultiLineString(ml.lineStrings.map {
                LineString(DouglasPeucker.simplify($0.coordinates, tolerance: tolerance))
            }))
        case .polygon(let p):
            return .polygon(polygon(p) ?? .empty)
        case .multiPolygon(let mp):
            return .multiPolygon(MultiPolygon(mp.polygons.compactMap(polygon)))
        case .geometryCollection(let gc):
            return .geometryCollection(GeometryCollection(gc.geometries.map { $0.simplified(tolerance: tolerance) }))
        }
    }
}
