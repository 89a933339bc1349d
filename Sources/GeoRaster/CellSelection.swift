import GeoCore

/// Which cells a geometry selects when it is burnt into a grid.
public enum BurnRule: Sendable, Hashable {
    /// Polygons select cells whose centre is inside (a centre on the boundary counts when the
    /// polygon lies to its right, GDAL's half-open scanline rule); lines and points select each
    /// cell that contains one of their points, every point belonging to exactly one cell
    /// (half-open: `[col, col+1) x [row, row+1)` in cell space).
    case cellCenter
    /// Every cell whose closed square the geometry touches, even at a single edge or corner
    /// point (a true supercover).
    case allTouched
}

/// Enumerates the cells a geometry selects on a grid. Cells may be reported more than once
/// (for example where a polygon's interior and its boundary both select a cell).
enum CellSelection {
    static func forEachCell(of geometry: Geometry, grid: RasterGrid, rule: BurnRule,
                            _ body: (Int, Int) -> Void) {
        switch geometry {
        case .point(let p):
            if let c = p.coordinate { point(c, grid, rule, body) }
        case .multiPoint(let m):
            for p in m.points { if let c = p.coordinate { point(c, grid, rule, body) } }
        case .lineString(let l):
            line(l.coordinates, grid, rule, body)
        case .multiLineString(let m):
            for l in m.lineStrings { line(l.coordinates, grid, rule, body) }
        case .polygon(let p):
            polygon(p, grid, rule, body)
        case .multiPolygon(let m):
            for p in m.polygons { polygon(p, grid, rule, body) }
        case .geometryCollection(let c):
            for g in c.geometries { forEachCell(of: g, grid: grid, rule: rule, body) }
        }
    }

    private static func point(_ c: Coordinate, _ grid: RasterGrid, _ rule: BurnRule, _ body: (Int, Int) -> Void) {
        let (u, v) = grid.inverse.cell(x: c.x, y: c.y)
        guard u.isFinite, v.isFinite else { return }
        switch rule {
        case .cellCenter:
            let col = floorIndex(u, -1, grid.width), row = floorIndex(v, -1, grid.height)
            if inside(row, col, grid) { body(row, col) }
        case .allTouched:
            for row in closedRange(v) {
                for col in closedRange(u) where inside(row, col, grid) { body(row, col) }
            }
        }
    }

    /// Cells `k` with `k <= x <= k + 1`.
    private static func closedRange(_ x: Double) -> ClosedRange<Int> {
        let f = floorIndex(x, -2, 1 << 40)
        return x == x.rounded(.down) ? (f - 1)...f : f...f
    }

    private static func inside(_ row: Int, _ col: Int, _ grid: RasterGrid) -> Bool {
        row >= 0 && col >= 0 && row < grid.height && col < grid.width
    }

    private static func line(_ coords: [Coordinate], _ grid: RasterGrid, _ rule: BurnRule,
                             _ body: (Int, Int) -> Void) {
        guard let first = coords.first else { return }
        if coords.count == 1 { point(first, grid, rule, body); return }
        var prev = grid.inverse.cell(x: first.x, y: first.y)
        for c in coords.dropFirst() {
            let next = grid.inverse.cell(x: c.x, y: c.y)
            guard prev.col.isFinite, prev.row.isFinite, next.col.isFinite, next.row.isFinite else { prev = next; continue }
            switch rule {
            case .allTouched: closedSegment(prev.col, prev.row, next.col, next.row, grid, body)
            case .cellCenter: halfOpenSegment(prev.col, prev.row, next.col, next.row, grid, body)
            }
            prev = next
        }
    }

    /// Cells whose closed square meets the segment.
    private static func closedSegment(_ u0: Double, _ v0: Double, _ u1: Double, _ v1: Double,
                                      _ grid: RasterGrid, _ body: (Int, Int) -> Void) {
        let vlo = min(v0, v1), vhi = max(v0, v1)
        let rFirst = max(0, ceilIndex(vlo, -1, grid.height) - 1), rLast = min(grid.height - 1, floorIndex(vhi, -1, grid.height))
        guard rFirst <= rLast else { return }
        for r in rFirst...rLast {
            let (a, b) = uInterval(u0, v0, u1, v1, Double(r), Double(r + 1))
            let cFirst = max(0, ceilIndex(a, -1, grid.width) - 1), cLast = min(grid.width - 1, floorIndex(b, -1, grid.width))
            if cFirst <= cLast { for c in cFirst...cLast { body(r, c) } }
        }
    }

    /// Cells `[c, c+1) x [r, r+1)` containing a point of the segment.
    private static func halfOpenSegment(_ u0: Double, _ v0: Double, _ u1: Double, _ v1: Double,
                                        _ grid: RasterGrid, _ body: (Int, Int) -> Void) {
        let vlo = min(v0, v1), vhi = max(v0, v1)
        let rFirst = max(0, floorIndex(vlo, -1, grid.height)), rLast = min(grid.height - 1, floorIndex(vhi, -1, grid.height))
        guard rFirst <= rLast else { return }
        for r in rFirst...rLast {
            let top = Double(r), bottom = Double(r + 1)
            var cA: Int, cB: Int
            if v0 == v1 {
                cA = floorIndex(min(u0, u1), -2, grid.width + 1)
                cB = floorIndex(max(u0, u1), -2, grid.width + 1)
            } else {
                let vStart = max(vlo, top), vEnd = min(vhi, bottom)
                let open = vEnd == bottom
                if open && vStart == vEnd { continue }
                let ua = pointAt(u0, v0, u1, v1, v: vStart, lowEnd: true).0
                let ub = pointAt(u0, v0, u1, v1, v: vEnd, lowEnd: false).0
                cA = floorIndex(ua, -2, grid.width + 1)
                cB = floorIndex(ub, -1, grid.width + 2) - (open && ub == ub.rounded(.down) && ua < ub ? 1 : 0)
                if cA > cB { swap(&cA, &cB) }
            }
            let cFirst = max(0, cA), cLast = min(grid.width - 1, cB)
            if cFirst <= cLast { for c in cFirst...cLast { body(r, c) } }
        }
    }

    /// The point of the segment at height `v` (an endpoint when `v` is an endpoint's height).
    private static func pointAt(_ u0: Double, _ v0: Double, _ u1: Double, _ v1: Double, v: Double,
                                lowEnd: Bool) -> (Double, Double) {
        if v0 == v1 { return lowEnd ? (min(u0, u1), v) : (max(u0, u1), v) }
        if v == v0 { return (u0, v0) }
        if v == v1 { return (u1, v1) }
        return (u0 + (v - v0) * (u1 - u0) / (v1 - v0), v)
    }

    /// The u-range of the segment's points with `top <= v <= bottom`.
    private static func uInterval(_ u0: Double, _ v0: Double, _ u1: Double, _ v1: Double,
                                  _ top: Double, _ bottom: Double) -> (Double, Double) {
        if v0 == v1 { return (min(u0, u1), max(u0, u1)) }
        let vlo = max(min(v0, v1), top), vhi = min(max(v0, v1), bottom)
        let ua = pointAt(u0, v0, u1, v1, v: vlo, lowEnd: true).0
        let ub = pointAt(u0, v0, u1, v1, v: vhi, lowEnd: false).0
        return (min(ua, ub), max(ua, ub))
    }

    private static func polygon(_ p: Polygon, _ grid: RasterGrid, _ rule: BurnRule, _ body: (Int, Int) -> Void) {
        let rings = p.rings.map { ring in ring.map { grid.inverse.cell(x: $0.x, y: $0.y) } }
        guard let ext = rings.first, ext.count >= 3 else { return }
        var vlo = Double.infinity, vhi = -Double.infinity
        for q in ext where q.row.isFinite { vlo = min(vlo, q.row); vhi = max(vhi, q.row) }
        guard vlo <= vhi else { return }
        let rFirst = max(0, floorIndex(vlo, -1, grid.height)), rLast = min(grid.height - 1, floorIndex(vhi, -1, grid.height))
        var crossings: [Double] = []
        if rFirst <= rLast {
            for r in rFirst...rLast {
                let v = Double(r) + 0.5
                crossings.removeAll(keepingCapacity: true)
                for ring in rings where ring.count >= 2 {
                    for i in 0..<(ring.count - 1) {
                        let (ua, va) = ring[i], (ub, vb) = ring[i + 1]
                        if (va > v) != (vb > v) {
                            crossings.append(ua + (v - va) * (ub - ua) / (vb - va))
                        }
                    }
                }
                crossings.sort()
                var k = 0
                while k + 1 < crossings.count {
                    // centres c + 0.5 in [a, b)
                    let cFirst = max(0, ceilIndex(crossings[k] - 0.5, -1, grid.width))
                    let cLast = min(grid.width - 1, ceilIndex(crossings[k + 1] - 0.5, -1, grid.width) - 1)
                    if cFirst <= cLast { for c in cFirst...cLast { body(r, c) } }
                    k += 2
                }
            }
        }
        if rule == .allTouched {
            for ring in p.rings { line(ring, grid, .allTouched, body) }
        }
    }
}
