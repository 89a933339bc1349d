/// Planar tests on one straight segment `a`–`b`, shared by point-in-polygon, simplification and
/// the spatial index's exact refinement.
public enum Segment {
    /// True when `p` lies on the closed segment `a`–`b`: zero cross product (in double
    /// arithmetic) and within the segment's box.
    @inlinable
    public static func contains(_ p: Coordinate, _ a: Coordinate, _ b: Coordinate) -> Bool {
        guard p.x >= Swift.min(a.x, b.x), p.x <= Swift.max(a.x, b.x),
              p.y >= Swift.min(a.y, b.y), p.y <= Swift.max(a.y, b.y) else { return false }
        return (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x) == 0
    }

    /// Squared distance from `p` to the segment `a`–`b` (to the point `a` when `a == b`).
    @inlinable
    public static func distanceSquared(_ p: Coordinate, _ a: Coordinate, _ b: Coordinate) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let len2 = dx * dx + dy * dy
        var t = 0.0
        if len2 > 0 {
            t = ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2
            t = Swift.min(1, Swift.max(0, t))
        }
        let ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y
        return ex * ex + ey * ey
    }
}
