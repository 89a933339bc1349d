import GeoCore

/// Clips rings and lines to an axis-aligned rectangle (the map frame), in pixel coordinates.
///
/// Rings use Sutherland–Hodgman (one pass per edge); where a concave ring leaves and re-enters
/// the rectangle this leaves zero-width edges along the border, which is why the renderer clips
/// to the frame grown by a few pixels, outside the visible area. Lines use Liang–Barsky per
/// segment and split into several parts where they leave and re-enter.
public struct RectangleClipper: Sendable {
    /// The clip rectangle.
    public let rect: BoundingBox

    /// Creates a clipper for `rect`.
    public init(rect: BoundingBox) { self.rect = rect }

    /// Clips an open ring (no closing vertex) given as interleaved `x, y`; returns the clipped
    /// ring, empty when nothing is inside.
    public func clipRing(_ xy: ArraySlice<Double>) -> [Double] {
        var ring = Array(xy)
        if ring.count < 6 { return [] }
        if insideAll(ring) { return ring }
        for edge in 0..<4 {
            ring = clip(ring, edge: edge)
            if ring.count < 6 { return [] }
        }
        return ring
    }

    /// Clips an open line; returns its visible pieces in order (each with at least two vertices).
    public func clipLine(_ xy: ArraySlice<Double>) -> [[Double]] {
        let line = Array(xy)
        let n = line.count / 2
        guard n >= 2 else { return [] }
        if insideAll(line) { return [line] }
        var pieces: [[Double]] = []
        var current: [Double] = []
        for s in 0..<(n - 1) {
            let x0 = line[2 * s], y0 = line[2 * s + 1], x1 = line[2 * s + 2], y1 = line[2 * s + 3]
            guard let (t0, t1) = liangBarsky(x0, y0, x1, y1) else {
                if current.count >= 4 { pieces.append(current) }
                current = []
                continue
            }
            let ax = x0 + t0 * (x1 - x0), ay = y0 + t0 * (y1 - y0)
            let bx = x0 + t1 * (x1 - x0), by = y0 + t1 * (y1 - y0)
            if current.isEmpty || t0 > 0 {
                if current.count >= 4 { pieces.append(current) }
                current = [ax, ay]
            }
            current.append(bx)
            current.append(by)
            if t1 < 1 {
                pieces.append(current)
                current = []
            }
        }
        if current.count >= 4 { pieces.append(current) }
        return pieces
    }

    private func insideAll(_ xy: [Double]) -> Bool {
        var i = 0
        while i + 1 < xy.count {
            if !(xy[i] >= rect.minX && xy[i] <= rect.maxX && xy[i + 1] >= rect.minY && xy[i + 1] <= rect.maxY) {
                return false
            }
            i += 2
        }
        return true
    }

    /// Signed position of a point against one edge: >= 0 is inside.
    private func side(_ x: Double, _ y: Double, _ edge: Int) -> Double {
        switch edge {
        case 0: x - rect.minX
        case 1: rect.maxX - x
        case 2: y - rect.minY
        default: rect.maxY - y
        }
    }

    private func clip(_ ring: [Double], edge: Int) -> [Double] {
        let n = ring.count / 2
        var out = [Double]()
        out.reserveCapacity(ring.count + 8)
        var px = ring[2 * (n - 1)], py = ring[2 * (n - 1) + 1]
        var ps = side(px, py, edge)
        for i in 0..<n {
            let cx = ring[2 * i], cy = ring[2 * i + 1]
            let cs = side(cx, cy, edge)
            if cs >= 0 {
                if ps < 0 { appendCrossing(&out, px, py, ps, cx, cy, cs) }
                out.append(cx)
                out.append(cy)
            } else if ps >= 0 {
                appendCrossing(&out, px, py, ps, cx, cy, cs)
            }
            px = cx; py = cy; ps = cs
        }
        return out
    }

    private func appendCrossing(_ out: inout [Double], _ ax: Double, _ ay: Double, _ sa: Double,
                                _ bx: Double, _ by: Double, _ sb: Double) {
        let t = sa / (sa - sb)
        out.append(ax + t * (bx - ax))
        out.append(ay + t * (by - ay))
    }

    /// The parameter interval of segment (x0,y0)-(x1,y1) inside the rectangle, or nil.
    private func liangBarsky(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> (Double, Double)? {
        let dx = x1 - x0, dy = y1 - y0
        var t0 = 0.0, t1 = 1.0
        let p = [-dx, dx, -dy, dy]
        let q = [x0 - rect.minX, rect.maxX - x0, y0 - rect.minY, rect.maxY - y0]
        for i in 0..<4 {
            if p[i] == 0 {
                if q[i] < 0 { return nil }
            } else {
                let r = q[i] / p[i]
                if p[i] < 0 {
                    if r > t1 { return nil }
                    if r > t0 { t0 = r }
                } else {
                    if r < t0 { return nil }
                    if r < t1 { t1 = r }
                }
            }
        }
        return (t0, t1)
    }
}
