public import GeoCore
internal import CGEOS

/// A geometry converted to GEOS once and kept for repeated operations, owned by one
/// ``GeometryEngine``.
///
/// Operations of the engine take handles as well as `Geometry` values; a handle avoids
/// converting the same geometry again on every call, and constructive operations return handles
/// so results can be chained without leaving GEOS. Not `Sendable`: use it on the engine's thread.
public final class GEOSGeometryHandle: GEOSGeometryConvertible {
    /// The engine whose context owns this geometry.
    public let engine: GeometryEngine
    let pointer: OpaquePointer

    init(engine: GeometryEngine, pointer: OpaquePointer) {
        self.engine = engine
        self.pointer = pointer
    }

    deinit {
        GEOSGeom_destroy_r(engine.context.handle, pointer)
    }

    /// The geometry as a GeoCore value (O(n) in the number of vertices). Linear rings become
    /// line strings; a missing Z (NaN in GEOS) becomes `nil`.
    public func geometry() throws(GEOSError) -> Geometry {
        try engine.makeGeometry(pointer)
    }

    /// True when the geometry has no points (GEOS `isEmpty`).
    public func isEmpty() throws(GEOSError) -> Bool {
        engine.context.clearError()
        return try engine.context.check("isEmpty", predicate: GEOSisEmpty_r(engine.context.handle, pointer))
    }

    /// Returns `self` when `engine` owns this handle; a handle of another engine is refused,
    /// because its GEOS objects belong to another context (and maybe another thread).
    public func geosHandle(in engine: GeometryEngine) throws(GEOSError) -> GEOSGeometryHandle {
        guard engine === self.engine else {
            throw GEOSError(operation: "use handle",
                            message: "the geometry handle belongs to another GeometryEngine; convert its geometry() instead")
        }
        return self
    }
}
