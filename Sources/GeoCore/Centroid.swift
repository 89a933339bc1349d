/// Planar centroid, following the OGC/GEOS definition: the centroid of the components of the
/// highest dimension present. Polygons give the area-weighted centroid (holes subtract), lines
/// the length-weighted centroid of their segments, points the mean position. Polygons of zero
/// area fall back to their boundary as lines, lines of zero length to their vertices as points,
/// as GEOS does.
extension Geometry {
    /// The centroid, or `nil` for an empty geometry. O(n).
    public var centroid: Coordinate? {
        var acc = CentroidAccumulator()
        acc.add(self)
        return acc.result
    }
}

/// Running sums for the three dimensions; the highest non-degenerate one wins.
struct CentroidAccumulator {
    /// Twice the signed area, and the first moments (times 6) of the polygonal part.
    private var areaSum = 0.0, areaX = 0.0, areaY = 0.0
    private var lineSum = 0.0, lineX = 0.0, lineY = 0.0
    private var pointCount = 0.0, pointX = 0.0, pointY = 0.0
    /// An origin subtracted from every coordinate to keep precision on projected data.
    private var origin: Coordinate?

    mutating func add(_ g: Geometry) {
        switch g {
        case .point(let p):
            if let c = p.coordinate { addPoint(c) }
        case .multiPoint(let mp):
            for p in mp.points { if let c = p.coordinate { addPoint(c) } }
        case .lineString(let l):
            addLine(l.coordinates)
        case .multiLineString(let ml):
            for l in ml.lineStrings { addLine(l.coordinates) }
        case .polygon(let p):
            addPolygon(p)
        case .multiPolygon(let mp):
            for p in mp.polygons { addPolygon(p) }
        case .geometryCollection(let gc):
            for child in gc.geometries { add(child) }
        }
    }

    var result: Coordinate? {
        guard let o = origin else { return nil }
        if areaSum != 0 { return Coordinate(x: o.x + areaX / (3 * areaSum), y: o.y + areaY / (3 * areaSum)) }
        if lineSum > 0 { return Coordinate(x: o.x + lineX / lineSum, y: o.y + lineY / lineSum) }
        if pointCount > 0 { return Coordinate(x: o.x + pointX / pointCount, y: o.y + pointY / pointCount) }
        return nil
    }

    private mutating func shifted(_ c: Coordinate) -> (Double, Double) {
        let o = origin ?? c.xy
        origin = o
        return (c.x - o.x, c.y - o.y)
    }

    private mutating func addPoint(_ c: Coordinate) {
        let (x, y) = shifted(c)
        pointCount += 1
        pointX += x
        pointY += y
    }

    private mutating func addLine(_ coords: [Coordinate]) {
        guard let first = coords.first else { return }
        var (px, py) = shifted(first)
        var length = 0.0
        for c in coords.dropFirst() {
            let (x, y) = shifted(c)
            let seg = (x - px).hypot(y - py)
            length += seg
            lineSum += seg
            lineX += seg * (px + x) / 2
            lineY += seg * (py + y) / 2
            px = x
            py = y
        }
        if length == 0 { addPoint(first) }
    }

    private mutating func addPolygon(_ p: Polygon) {
        guard !p.exterior.isEmpty else { return }
        // The exterior adds, holes subtract, whatever their stored orientation.
        var twiceArea = addRing(p.exterior, weight: 1)
        for hole in p.holes { twiceArea += addRing(hole, weight: -1) }
        if twiceArea == 0 {
            for ring in p.rings { addLine(ring) }
        }
    }

    /// Adds a ring's triangle-fan moments, oriented positive and multiplied by `weight`;
    /// returns twice the ring's unsigned area.
    private mutating func addRing(_ ring: [Coordinate], weight: Double) -> Double {
        guard ring.count >= 3 else { return 0 }
        var a = 0.0, mx = 0.0, my = 0.0
        var (px, py) = shifted(ring[0])
        // The last step returns to the first vertex, closing an unclosed ring too.
        for c in ring.dropFirst() + [ring[0]] {
            let (x, y) = shifted(c)
            let cross = px * y - x * py
            a += cross
            mx += (px + x) * cross
            my += (py + y) * cross
            px = x
            py = y
        }
        let s = (a >= 0 ? 1.0 : -1.0) * weight
        areaSum += s * a
        areaX += s * mx
        areaY += s * my
        return abs(a)
    }
}
