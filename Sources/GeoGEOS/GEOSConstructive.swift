internal import CGEOS

extension GeometryEngine {
    private func unary(
        _ name: String, _ geometry: some GEOSGeometryConvertible,
        _ function: (GEOSContextHandle_t?, OpaquePointer?) -> OpaquePointer?
    ) throws(GEOSError) -> GEOSGeometryHandle {
        let g = try operand(geometry)
        context.clearError()
        return try adopt(name, function(context.handle, g.pointer))
    }

    /// Douglas-Peucker simplification with `tolerance` (units of the geometry). Fast, but may
    /// make polygons invalid or collapse them; see ``topologyPreservingSimplify(_:tolerance:)``.
    public func simplify(_ geometry: some GEOSGeometryConvertible, tolerance: Double) throws(GEOSError) -> GEOSGeometryHandle {
        try unary("simplify", geometry) { h, g in GEOSSimplify_r(h, g, tolerance) }
    }

    /// Simplification with `tolerance` (units of the geometry) that keeps the result valid and
    /// keeps rings from crossing or collapsing (GEOS `TopologyPreserveSimplify`).
    public func topologyPreservingSimplify(_ geometry: some GEOSGeometryConvertible, tolerance: Double) throws(GEOSError) -> GEOSGeometryHandle {
        try unary("topologyPreservingSimplify", geometry) { h, g in GEOSTopologyPreserveSimplify_r(h, g, tolerance) }
    }

    /// The smallest convex polygon containing every point (a line or point when degenerate).
    public func convexHull(_ geometry: some GEOSGeometryConvertible) throws(GEOSError) -> GEOSGeometryHandle {
        try unary("convexHull", geometry, GEOSConvexHull_r)
    }

    /// The centre of mass of the highest-dimension parts (may lie outside the geometry).
    public func centroid(_ geometry: some GEOSGeometryConvertible) throws(GEOSError) -> GEOSGeometryHandle {
        try unary("centroid", geometry, GEOSGetCentroid_r)
    }

    /// A point guaranteed to lie in the interior (or on a line or point) of the geometry.
    public func pointOnSurface(_ geometry: some GEOSGeometryConvertible) throws(GEOSError) -> GEOSGeometryHandle {
        try unary("pointOnSurface", geometry, GEOSPointOnSurface_r)
    }
}
