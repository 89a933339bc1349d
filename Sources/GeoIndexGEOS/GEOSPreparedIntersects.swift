public import GeoCore
public import GeoGEOS
public import GeoIndex

/// A `GeoIndex/SpatialIndex` refinement step backed by GEOS prepared geometries: the query is
/// prepared once (GEOS builds its segment index and point-in-area locator), then each box
/// candidate is tested with `GEOSPreparedIntersects_r`. Robust (GEOS's exact orientation tests)
/// and fast for polygon-polygon queries with many candidates.
///
/// Uses the engine's GEOS context, so it follows the engine's threading rule: one thread at a
/// time. For many tasks, give each task its own engine.
///
/// ```swift
/// let engine = try GeometryEngine()
/// let hits = try index.intersecting(district, predicate: GEOSPreparedIntersects(engine: engine))
/// ```
public struct GEOSPreparedIntersects: IntersectionPredicate {
    /// The engine whose context prepares and tests.
    public let engine: GeometryEngine

    /// Creates the predicate over `engine`.
    public init(engine: GeometryEngine) { self.engine = engine }

    /// Converts and prepares the query geometry.
    public func prepare(_ query: Geometry) throws(GEOSError) -> PreparedGeometry {
        try PreparedGeometry(query, engine: engine)
    }

    /// True when the prepared query and `candidate` share at least one point (GEOS semantics).
    public func intersects(_ prepared: PreparedGeometry, _ candidate: Geometry) throws(GEOSError) -> Bool {
        try prepared.intersects(candidate)
    }
}
