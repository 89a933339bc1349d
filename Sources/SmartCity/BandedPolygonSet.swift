import GeoCore

/// Exact planar point-in-polygon for many polygons, with a per-polygon edge index.
///
/// Every polygon's vertices live in two flat arrays shared by the whole set. Each polygon's
/// y-extent is cut into horizontal bands; a band lists (in ring order) every edge whose y-range
/// meets it, so a query scans only the edges of the one band containing the point, not the
/// whole polygon.
///
/// **Boundary rule** (the OGC `covers` predicate, as shapely's `covers`): a point on an edge or
/// vertex of any ring, holes included, is inside. Otherwise the point is inside when the
/// winding number of the exterior ring around it is non-zero and that of every hole is zero.
/// Ring orientation does not matter, and a self-intersecting ring (e.g. a figure eight) covers
/// both of its loops, which is what `make_valid` gives for such a ring.
struct BandedPolygonSet: Sendable {
    /// Vertex coordinates of every ring of every polygon, rings closed.
    private var xs: [Double] = []
    private var ys: [Double] = []
    /// Ring number (global) of the edge starting at vertex `i`; -1 after a ring's last vertex.
    private var edgeRing: [Int32] = []
    /// True for holes, by global ring number.
    private var ringIsHole: [Bool] = []
    /// Per polygon: first band in `bandStarts`, band count, minimum y, bands per unit of y.
    private var bandOffset: [Int32] = []
    private var bandCount: [Int32] = []
    private var bandMinY: [Double] = []
    private var bandScale: [Double] = []
    /// `bandStarts[bandOffset[p] + b] ..< bandStarts[bandOffset[p] + b + 1]` indexes `bandEdges`.
    private var bandStarts: [Int32] = []
    private var bandEdges: [Int32] = []
    /// The box of each polygon.
    private(set) var boxes: [BoundingBox] = []

    /// The number of polygons.
    var count: Int { boxes.count }

    /// Appends a polygon (rings with fewer than 4 vertices are skipped) and returns its number.
    @discardableResult
    mutating func append(_ polygon: Polygon) -> Int {
        var box = BoundingBox.empty
        var edges: [Int32] = []
        for (k, ring) in polygon.rings.enumerated() where ring.count >= 4 {
            let r = Int32(ringIsHole.count)
            ringIsHole.append(k > 0)
            for (i, c) in ring.enumerated() {
                if i + 1 < ring.count { edges.append(Int32(xs.count)) }
                xs.append(c.x)
                ys.append(c.y)
                edgeRing.append(i + 1 < ring.count ? r : -1)
                box.expand(toInclude: c)
            }
        }
        let nb = max(1, min(edges.count / 4, 4096))
        let height = box.maxY - box.minY
        let scale = height > 0 ? Double(nb) / height : 0
        var lists = [[Int32]](repeating: [], count: nb)
        for e in edges {
            let y0 = ys[Int(e)], y1 = ys[Int(e) + 1]
            let lo = band(min(y0, y1), box.minY, scale, nb), hi = band(max(y0, y1), box.minY, scale, nb)
            for b in lo...hi { lists[b].append(e) }
        }
        bandOffset.append(Int32(bandStarts.count))
        bandCount.append(Int32(nb))
        bandMinY.append(box.minY)
        bandScale.append(scale)
        for list in lists {
            bandStarts.append(Int32(bandEdges.count))
            bandEdges.append(contentsOf: list)
        }
        bandStarts.append(Int32(bandEdges.count))
        boxes.append(box)
        return boxes.count - 1
    }

    /// Calls `body` with the box of every edge of every polygon.
    func forEachEdgeBox(_ body: (BoundingBox) -> Void) {
        for i in 0..<max(0, xs.count - 1) where edgeRing[i] >= 0 {
            body(BoundingBox(corner: Coordinate(xs[i], ys[i]), Coordinate(xs[i + 1], ys[i + 1])))
        }
    }

    /// True when polygon `p` covers the point `(x, y)` (see the boundary rule above).
    func covers(_ p: Int, x: Double, y: Double) -> Bool {
        guard boxes[p].contains(Coordinate(x, y)) else { return false }
        let b = band(y, bandMinY[p], bandScale[p], Int(bandCount[p]))
        let slot = Int(bandOffset[p]) + b
        return xs.withUnsafeBufferPointer { xs in
            ys.withUnsafeBufferPointer { ys in
                edgeRing.withUnsafeBufferPointer { rings in
                    bandEdges.withUnsafeBufferPointer { edges in
                        var ring: Int32 = -1
                        var winding = 0
                        var insideExterior = false
                        for k in Int(bandStarts[slot])..<Int(bandStarts[slot + 1]) {
                            let e = Int(edges[k])
                            let r = rings[e]
                            if r != ring {
                                if ring >= 0 && winding != 0 {
                                    if ringIsHole[Int(ring)] { return false }
                                    insideExterior = true
                                }
                                ring = r
                                winding = 0
                            }
                            let x0 = xs[e], y0 = ys[e], x1 = xs[e + 1], y1 = ys[e + 1]
                            if (y0 <= y) != (y1 <= y) || y0 == y || y1 == y {
                                let cross = (x1 - x0) * (y - y0) - (x - x0) * (y1 - y0)
                                if cross == 0 && min(x0, x1) <= x && x <= max(x0, x1)
                                    && min(y0, y1) <= y && y <= max(y0, y1) {
                                    return true
                                }
                                if y0 <= y {
                                    if y1 > y && cross > 0 { winding += 1 }
                                } else if y1 <= y && cross < 0 {
                                    winding -= 1
                                }
                            }
                        }
                        if ring >= 0 && winding != 0 {
                            if ringIsHole[Int(ring)] { return false }
                            insideExterior = true
                        }
                        return insideExterior
                    }
                }
            }
        }
    }
}

/// The band of `y` in a polygon whose bands start at `minY`, `scale` bands per unit, `count` bands.
@inline(__always)
private func band(_ y: Double, _ minY: Double, _ scale: Double, _ count: Int) -> Int {
    let b = Int((y - minY) * scale)
    return b < 0 ? 0 : (b >= count ? count - 1 : b)
}
