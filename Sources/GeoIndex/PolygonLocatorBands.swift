import GeoCore

/// Exact point-in-polygon for the polygon parts of a ``PolygonLocator``, with an edge index per part.
///
/// Every ring's vertices live in two flat arrays shared by the whole set. Each part's y-extent
/// is cut into horizontal bands; a band lists, in ring order, every edge whose closed y-range
/// meets it, so a query scans only the edges of the one band holding the point's `y`. An edge
/// that can decide a point (crossing the horizontal through it, or holding it) has a y-range
/// containing the point's `y`, and the band of a value is monotone in the value, so that edge is
/// always listed in the point's band.
///
/// The per-edge test is GeoCore's (``PointInRing``), term for term, so the answer equals
/// `Polygon.covers` bit for bit: even-odd parity with the half-open crossing rule, a point on any
/// edge or vertex of a ring is on that ring, the exterior is decided first and then the first
/// hole, in order, that is not exterior.
struct PolygonLocatorBands: Sendable {
    /// Vertex coordinates of every ring; edge `e` runs from vertex `e` to vertex `e + 1`.
    private var xs: [Double] = []
    private var ys: [Double] = []
    /// The ring (global number) of the edge starting at vertex `e`; -1 when no edge starts there.
    private var edgeRing: [Int32] = []
    /// Per ring: true when the ring has fewer than three positions and is only a segment (or a
    /// point) that can hold a point on its boundary but encloses nothing, as in GeoCore.
    private var ringIsSegment: [Bool] = []
    /// Per part: its exterior ring (global number; its holes follow it).
    private var exteriorRing: [Int32] = []
    /// Per part: first band in `bandStarts`, band count, minimum y, bands per unit of y.
    private var bandOffset: [Int32] = []
    private var bandCount: [Int32] = []
    private var bandMinY: [Double] = []
    private var bandScale: [Double] = []
    /// `bandStarts[bandOffset[p] + b] ..< bandStarts[bandOffset[p] + b + 1]` indexes `bandEdges`.
    private var bandStarts: [Int32] = []
    private var bandEdges: [Int32] = []
    /// Per part: the box of its exterior ring (nothing outside it is covered).
    private(set) var boxes: [BoundingBox] = []

    /// The number of parts.
    var count: Int { boxes.count }

    /// Appends a polygon whose exterior is not empty and returns its part number, or throws
    /// `.nonFinite` for a NaN or infinite coordinate and `.tooLarge` past Int32 addressing.
    @discardableResult
    mutating func append(_ polygon: Polygon) throws(AppendError) -> Int {
        var box = BoundingBox.empty
        var exteriorBox = BoundingBox.empty
        var edges: [Int32] = []
        let firstRing = ringIsSegment.count
        for (k, ring) in polygon.rings.enumerated() {
            guard xs.count + ring.count + 2 < Int(Int32.max) else { throw .tooLarge }
            let r = Int32(ringIsSegment.count)
            ringIsSegment.append(ring.count < 3)
            for c in ring where !(c.x.isFinite && c.y.isFinite) { throw .nonFinite }
            // The positions, closed when needed: GeoCore's edges (r[i-1], r[i]) plus its closing
            // edge (r[n-1], r[0]), in the same direction so every product rounds the same way.
            var points = ring
            if ring.count >= 3, ring[0] != ring[ring.count - 1] { points.append(ring[0]) }
            if ring.count == 1 { points.append(ring[0]) }
            let hasLength = points.indices.dropLast().contains { points[$0] != points[$0 + 1] }
            var keptDegenerate = false
            for (i, c) in points.enumerated() {
                var starts = false
                if i + 1 < points.count {
                    // A zero-length edge holds only its vertex, which a neighbouring edge of
                    // length holds too (with an exactly zero product); keep one only when the
                    // ring has no edge of length at all.
                    starts = c != points[i + 1] || (!hasLength && !keptDegenerate)
                    if starts && c == points[i + 1] { keptDegenerate = true }
                }
                if starts { edges.append(Int32(xs.count)) }
                xs.append(c.x)
                ys.append(c.y)
                edgeRing.append(starts ? r : -1)
                box.expand(toInclude: c)
                if k == 0 { exteriorBox.expand(toInclude: c) }
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
        guard bandEdges.count + edges.count * 2 + nb < Int(Int32.max) else { throw .tooLarge }
        exteriorRing.append(Int32(firstRing))
        bandOffset.append(Int32(bandStarts.count))
        bandCount.append(Int32(nb))
        bandMinY.append(box.minY)
        bandScale.append(scale)
        for list in lists {
            guard bandEdges.count + list.count < Int(Int32.max) else { throw .tooLarge }
            bandStarts.append(Int32(bandEdges.count))
            bandEdges.append(contentsOf: list)
        }
        bandStarts.append(Int32(bandEdges.count))
        boxes.append(exteriorBox)
        return boxes.count - 1
    }

    enum AppendError: Error { case nonFinite, tooLarge }

    /// Calls `body` with the box of every edge of every part (zero-length edges of point-like
    /// rings included).
    func forEachEdgeBox(_ body: (BoundingBox) -> Void) {
        for i in 0..<max(0, xs.count - 1) where edgeRing[i] >= 0 {
            body(BoundingBox(corner: Coordinate(xs[i], ys[i]), Coordinate(xs[i + 1], ys[i + 1])))
        }
    }

    /// True when part `p` covers `(x, y)`: the answer of GeoCore's `Polygon.covers`.
    func covers(_ p: Int, x: Double, y: Double) -> Bool {
        let box = boxes[p]
        guard x >= box.minX, x <= box.maxX, y >= box.minY, y <= box.maxY else { return false }
        let slot = Int(bandOffset[p]) + band(y, bandMinY[p], bandScale[p], Int(bandCount[p]))
        let exterior = exteriorRing[p]
        return xs.withUnsafeBufferPointer { xs in
            ys.withUnsafeBufferPointer { ys in
                edgeRing.withUnsafeBufferPointer { rings in
                    bandEdges.withUnsafeBufferPointer { edges in
                        var ring: Int32 = -1
                        var segmentOnly = false
                        var inside = false
                        var onRing = false
                        var insideExterior = false
                        /// The verdict once `ring` is complete: true or false when the part is
                        /// decided, nil to go on with the next hole.
                        func settle() -> Bool? {
                            if ring == exterior {
                                if onRing { return true }
                                if !inside { return false }
                                insideExterior = true
                                return nil
                            }
                            // A hole: the exterior, if it had no edge in the band, is exterior.
                            if !insideExterior { return false }
                            if onRing { return true }
                            return inside ? false : nil
                        }
                        for k in Int(bandStarts[slot])..<Int(bandStarts[slot + 1]) {
                            let e = Int(edges[k])
                            let r = rings[e]
                            if r != ring {
                                if ring >= 0, let verdict = settle() { return verdict }
                                ring = r
                                segmentOnly = ringIsSegment[Int(r)]
                                inside = false
                                onRing = false
                            }
                            if onRing { continue }
                            let ax = xs[e], ay = ys[e], bx = xs[e + 1], by = ys[e + 1]
                            // PointInRing.locate, edge (a, b).
                            if !segmentOnly && (ay > y) != (by > y) {
                                let cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax)
                                if cross == 0 {
                                    onRing = true
                                } else if (cross > 0) == (by > ay) {
                                    inside.toggle()
                                }
                            } else if Segment.contains(Coordinate(x, y), Coordinate(ax, ay), Coordinate(bx, by)) {
                                onRing = true
                            }
                        }
                        if ring >= 0, let verdict = settle() { return verdict }
                        return insideExterior
                    }
                }
            }
        }
    }
}

/// The band of `y` in a part whose bands start at `minY`, `scale` bands per unit, `count` bands.
@inline(__always)
private func band(_ y: Double, _ minY: Double, _ scale: Double, _ count: Int) -> Int {
    let v = (y - minY) * scale
    guard v >= 0 else { return 0 }
    return v >= Double(count) ? count - 1 : Int(v)
}
