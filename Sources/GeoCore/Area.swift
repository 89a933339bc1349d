/// Planar area (shoelace formula), in squared units of the coordinates.
///
/// Signed areas follow the mathematical convention: a counter-clockwise ring is positive.
/// The computation subtracts the first vertex from every vertex before multiplying, so rings
/// far from the origin (projected metres, e.g. EPSG:5179 around 1,000,000 m) keep full precision.
/// Geographic (lon/lat) input gives square degrees; use GeoProj's geodesic area for m².
public enum Ring {
    /// The signed area of a closed ring: positive when counter-clockwise, negative when
    /// clockwise, 0 for fewer than 3 distinct vertices. O(n).
    ///
    /// ```swift
    /// let square = [Coordinate(0, 0), Coordinate(1, 0), Coordinate(1, 1), Coordinate(0, 1), Coordinate(0, 0)]
    /// Ring.signedArea(square) // 1.0
    /// ```
    public static func signedArea(_ ring: [Coordinate]) -> Double {
        let n = ring.count
        guard n >= 3 else { return 0 }
        return ring.withUnsafeBufferPointer { p in
            let x0 = p[0].x, y0 = p[0].y
            var sum = 0.0
            var px = 0.0, py = 0.0
            for i in 1..<n {
                let cx = p[i].x - x0, cy = p[i].y - y0
                sum += px * cy - cx * py
                px = cx
                py = cy
            }
            // An unclosed ring is treated as closed by the implicit last edge back to the origin
            // vertex, whose term is zero after the shift.
            return sum / 2
        }
    }

    /// True when the ring runs counter-clockwise (positive signed area).
    public static func isCounterClockwise(_ ring: [Coordinate]) -> Bool { signedArea(ring) > 0 }
}

extension Polygon {
    /// Signed area: the exterior's signed area, with the holes' absolute areas removed in the
    /// direction of the exterior's sign. Positive for a counter-clockwise exterior.
    public var signedArea: Double {
        let outer = Ring.signedArea(exterior)
        let holesArea = holes.reduce(0.0) { $0 + abs(Ring.signedArea($1)) }
        return outer >= 0 ? outer - holesArea : outer + holesArea
    }

    /// Unsigned area: |exterior| minus the holes' areas.
    public var area: Double { abs(signedArea) }
}

extension Geometry {
    /// Unsigned planar area: the sum of the areas of every polygon; 0 for points and lines.
    /// Overlapping polygons of a (invalid) multipolygon are counted twice, as in GEOS.
    public var area: Double {
        switch self {
        case .polygon(let p): p.area
        case .multiPolygon(let mp): mp.polygons.reduce(0) { $0 + $1.area }
        case .geometryCollection(let gc): gc.geometries.reduce(0) { $0 + $1.area }
        case .point, .lineString, .multiPoint, .multiLineString: 0
        }
    }

    /// Signed planar area: polygons count positive when their exterior is counter-clockwise.
    public var signedArea: Double {
        switch self {
        case .polygon(let p): p.signedArea
        case .multiPolygon(let mp): mp.polygons.reduce(0) { $0 + $1.signedArea }
        case .geometryCollection(let gc): gc.geometries.reduce(0) { $0 + $1.signedArea }
        case .point, .lineString, .multiPoint, .multiLineString: 0
        }
    }
}
