internal import CGEOS

/// One geometry indexed by GEOS for many predicates against it (GEOS prepared geometry):
/// after the first call, each test against another geometry costs about O(log n) in the
/// prepared geometry's vertices instead of O(n).
///
/// A prepared geometry belongs to one ``GeometryEngine`` and is **not shareable across
/// threads**: GEOS builds its indexes lazily inside the object on first use, so two threads
/// using one instance at once race. It is deliberately not `Sendable`. To test one geometry
/// from many tasks, give each task its own, or borrow one from a ``PreparedGeometryPool``.
public final class PreparedGeometry {
    /// The engine that owns the prepared geometry and converts the operands.
    public let engine: GeometryEngine
    /// The prepared geometry itself (kept alive: GEOS's prepared object refers to it).
    public let base: GEOSGeometryHandle
    private let prepared: OpaquePointer

    /// Prepares `geometry` in `engine` (converting it when it is a GeoCore value).
    public init(_ geometry: some GEOSGeometryConvertible, engine: GeometryEngine) throws(GEOSError) {
        let base = try engine.operand(geometry)
        engine.context.clearError()
        self.prepared = try engine.context.check("prepare", GEOSPrepare_r(engine.context.handle, base.pointer))
        self.engine = engine
        self.base = base
    }

    deinit {
        GEOSPreparedGeom_destroy_r(engine.context.handle, prepared)
    }

    private func test(
        _ name: String, _ other: some GEOSGeometryConvertible,
        _ function: (GEOSContextHandle_t?, OpaquePointer?, OpaquePointer?) -> CChar
    ) throws(GEOSError) -> Bool {
        let g = try engine.operand(other)
        engine.context.clearError()
        return try engine.context.check(name, predicate: function(engine.context.handle, prepared, g.pointer))
    }

    /// True when the prepared geometry contains `other` (OGC `Contains`).
    public func contains(_ other: some GEOSGeometryConvertible) throws(GEOSError) -> Bool {
        try test("prepared contains", other, GEOSPreparedContains_r)
    }

    /// True when `other` lies in the interior of the prepared geometry, touching none of its
    /// boundary (the cheapest prepared test).
    public func containsProperly(_ other: some GEOSGeometryConvertible) throws(GEOSError) -> Bool {
        try test("prepared containsProperly", other, GEOSPreparedContainsProperly_r)
    }

    /// True when no point of `other` lies outside the prepared geometry.
    public func covers(_ other: some GEOSGeometryConvertible) throws(GEOSError) -> Bool {
        try test("prepared covers", other, GEOSPreparedCovers_r)
    }

    /// True when no point of the prepared geometry lies outside `other`.
    public func coveredBy(_ other: some GEOSGeometryConvertible) throws(GEOSError) -> Bool {
        try test("prepared coveredBy", other, GEOSPreparedCoveredBy_r)
    }

    /// True when the prepared geometry and `other` share at least one point.
    public func intersects(_ other: some GEOSGeometryConvertible) throws(GEOSError) -> Bool {
        try test("prepared intersects", other, GEOSPreparedIntersects_r)
    }

    /// True when the prepared geometry and `other` share no point.
    public func disjoint(_ other: some GEOSGeometryConvertible) throws(GEOSError) -> Bool {
        try test("prepared disjoint", other, GEOSPreparedDisjoint_r)
    }

    /// True when the prepared geometry lies inside `other`.
    public func within(_ other: some GEOSGeometryConvertible) throws(GEOSError) -> Bool {
        try test("prepared within", other, GEOSPreparedWithin_r)
    }

    /// True when the prepared geometry and `other` meet only on their boundaries.
    public func touches(_ other: some GEOSGeometryConvertible) throws(GEOSError) -> Bool {
        try test("prepared touches", other, GEOSPreparedTouches_r)
    }

    /// True when the prepared geometry and `other` cross (see ``GeometryEngine/crosses(_:_:)``).
    public func crosses(_ other: some GEOSGeometryConvertible) throws(GEOSError) -> Bool {
        try test("prepared crosses", other, GEOSPreparedCrosses_r)
    }

    /// True when the prepared geometry and `other` overlap (see ``GeometryEngine/overlaps(_:_:)``).
    public func overlaps(_ other: some GEOSGeometryConvertible) throws(GEOSError) -> Bool {
        try test("prepared overlaps", other, GEOSPreparedOverlaps_r)
    }

    /// True when `other` lies within `distance` (units of the geometries) of the prepared geometry.
    public func isWithinDistance(_ other: some GEOSGeometryConvertible, distance: Double) throws(GEOSError) -> Bool {
        try test("prepared isWithinDistance", other) { h, p, g in GEOSPreparedDistanceWithin_r(h, p, g, distance) }
    }
}
