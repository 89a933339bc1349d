internal import CGEOS

/// A GEOS binary predicate function (`GEOSIntersects_r` and its siblings).
typealias GEOSBinaryPredicate = (GEOSContextHandle_t?, OpaquePointer?, OpaquePointer?) -> CChar

extension GeometryEngine {
    private func predicate(
        _ name: String, _ a: some GEOSGeometryConvertible, _ b: some GEOSGeometryConvertible,
        _ function: GEOSBinaryPredicate
    ) throws(GEOSError) -> Bool {
        let ga = try operand(a)
        let gb = try operand(b)
        context.clearError()
        return try context.check(name, predicate: function(context.handle, ga.pointer, gb.pointer))
    }

    /// True when `a` and `b` share at least one point.
    public func intersects(_ a: some GEOSGeometryConvertible, _ b: some GEOSGeometryConvertible) throws(GEOSError) -> Bool {
        try predicate("intersects", a, b, GEOSIntersects_r)
    }

    /// True when `a` and `b` share no point.
    public func disjoint(_ a: some GEOSGeometryConvertible, _ b: some GEOSGeometryConvertible) throws(GEOSError) -> Bool {
        try predicate("disjoint", a, b, GEOSDisjoint_r)
    }

    /// True when no point of `b` lies outside `a` and the interiors meet (OGC `Contains`):
    /// a polygon does not contain a line lying on its boundary.
    public func contains(_ a: some GEOSGeometryConvertible, _ b: some GEOSGeometryConvertible) throws(GEOSError) -> Bool {
        try predicate("contains", a, b, GEOSContains_r)
    }

    /// True when `a` lies inside `b` (`contains(b, a)`).
    public func within(_ a: some GEOSGeometryConvertible, _ b: some GEOSGeometryConvertible) throws(GEOSError) -> Bool {
        try predicate("within", a, b, GEOSWithin_r)
    }

    /// True when no point of `b` lies outside `a` (boundary points count as covered).
    public func covers(_ a: some GEOSGeometryConvertible, _ b: some GEOSGeometryConvertible) throws(GEOSError) -> Bool {
        try predicate("covers", a, b, GEOSCovers_r)
    }

    /// True when no point of `a` lies outside `b` (`covers(b, a)`).
    public func coveredBy(_ a: some GEOSGeometryConvertible, _ b: some GEOSGeometryConvertible) throws(GEOSError) -> Bool {
        try predicate("coveredBy", a, b, GEOSCoveredBy_r)
    }

    /// True when `a` and `b` meet only on their boundaries.
    public func touches(_ a: some GEOSGeometryConvertible, _ b: some GEOSGeometryConvertible) throws(GEOSError) -> Bool {
        try predicate("touches", a, b, GEOSTouches_r)
    }

    /// True when `a` and `b` share some interior points of lower dimension than the larger of them
    /// (a line passing through a polygon, two lines meeting at a point).
    public func crosses(_ a: some GEOSGeometryConvertible, _ b: some GEOSGeometryConvertible) throws(GEOSError) -> Bool {
        try predicate("crosses", a, b, GEOSCrosses_r)
    }

    /// True when `a` and `b` have the same dimension, share interior points, and neither covers the other.
    public func overlaps(_ a: some GEOSGeometryConvertible, _ b: some GEOSGeometryConvertible) throws(GEOSError) -> Bool {
        try predicate("overlaps", a, b, GEOSOverlaps_r)
    }

    /// True when `a` and `b` cover the same points (topological equality: vertex order, ring start
    /// and redundant vertices do not matter).
    public func equals(_ a: some GEOSGeometryConvertible, _ b: some GEOSGeometryConvertible) throws(GEOSError) -> Bool {
        try predicate("equals", a, b, GEOSEquals_r)
    }

    /// True when `a` and `b` have the same structure and their vertices, in the same order, are
    /// within `tolerance` (units of the geometries) of each other.
    public func equalsExact(
        _ a: some GEOSGeometryConvertible, _ b: some GEOSGeometryConvertible, tolerance: Double = 0
    ) throws(GEOSError) -> Bool {
        let ga = try operand(a)
        let gb = try operand(b)
        context.clearError()
        return try context.check("equalsExact", predicate: GEOSEqualsExact_r(context.handle, ga.pointer, gb.pointer, tolerance))
    }

    /// The DE-9IM intersection matrix of `a` and `b`, nine characters of `0`, `1`, `2` or `F`
    /// (e.g. `"212101212"` for two overlapping polygons).
    public func relate(_ a: some GEOSGeometryConvertible, _ b: some GEOSGeometryConvertible) throws(GEOSError) -> String {
        let ga = try operand(a)
        let gb = try operand(b)
        context.clearError()
        return try context.takeString("relate", GEOSRelate_r(context.handle, ga.pointer, gb.pointer))
    }

    /// True when the DE-9IM matrix of `a` and `b` matches `pattern` (nine characters of
    /// `0`, `1`, `2`, `F`, `T` or `*`).
    public func relate(
        _ a: some GEOSGeometryConvertible, _ b: some GEOSGeometryConvertible, matches pattern: String
    ) throws(GEOSError) -> Bool {
        guard pattern.utf8.count == 9, pattern.utf8.allSatisfy({ "012FT*".utf8.contains($0) }) else {
            throw GEOSError(operation: "relate pattern", message: "\"\(pattern)\" is not a DE-9IM pattern of nine characters from 0 1 2 F T *")
        }
        let ga = try operand(a)
        let gb = try operand(b)
        context.clearError()
        let result = GEOSRelatePattern_r(context.handle, ga.pointer, gb.pointer, pattern)
        return try context.check("relate pattern", predicate: result)
    }
}
