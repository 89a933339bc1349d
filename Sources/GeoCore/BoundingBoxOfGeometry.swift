extension Geometry {
    /// The smallest axis-aligned box containing every vertex; ``BoundingBox/empty`` for an empty
    /// geometry. O(n) in the number of vertices.
    public var boundingBox: BoundingBox {
        var bounds = CoordinateBounds()
        switch self {
        case .point(let p):
            if let c = p.coordinate { bounds.add(c) }
        case .lineString(let l):
            bounds.add(l.coordinates)
        case .polygon(let p):
            bounds.add(p.exterior)
            for h in p.holes { bounds.add(h) }
        case .multiPoint(let mp):
            for p in mp.points { if let c = p.coordinate { bounds.add(c) } }
        case .multiLineString(let ml):
            for l in ml.lineStrings { bounds.add(l.coordinates) }
        case .multiPolygon(let mp):
            for p in mp.polygons {
                bounds.add(p.exterior)
                for h in p.holes { bounds.add(h) }
            }
        case .geometryCollection(let gc):
            for g in gc.geometries { bounds.add(g.boundingBox) }
        }
        return bounds.box
    }
}

/// A running minimum and maximum of coordinates, two lanes at a time. A NaN coordinate is
/// skipped and of equal values the first is kept, exactly as ``BoundingBox/expand(toInclude:)``
/// does (a lane is replaced only where the new value is strictly beyond it).
struct CoordinateBounds {
    var lo = SIMD2<Double>(repeating: .infinity)
    var hi = SIMD2<Double>(repeating: -.infinity)

    @inline(__always) mutating func add(_ c: Coordinate) {
        let v = SIMD2(c.x, c.y)
        lo.replace(with: v, where: v .< lo)
        hi.replace(with: v, where: v .> hi)
    }

    mutating func add(_ cs: [Coordinate]) {
        cs.withUnsafeBufferPointer { p in
            var lo = self.lo, hi = self.hi
            for c in p {
                let v = SIMD2(c.x, c.y)
                lo.replace(with: v, where: v .< lo)
                hi.replace(with: v, where: v .> hi)
            }
            self.lo = lo
            self.hi = hi
        }
    }

    /// Adds the running bounds of a part (its minima to the minima, its maxima to the maxima),
    /// as adding the part's coordinates one by one would.
    mutating func add(_ b: BoundingBox) {
        let l = SIMD2(b.minX, b.minY), h = SIMD2(b.maxX, b.maxY)
        lo.replace(with: l, where: l .< lo)
        hi.replace(with: h, where: h .> hi)
    }

    /// The bounds (``BoundingBox/empty`` when nothing was added).
    var box: BoundingBox { BoundingBox(minX: lo.x, minY: lo.y, maxX: hi.x, maxY: hi.y) }
}
