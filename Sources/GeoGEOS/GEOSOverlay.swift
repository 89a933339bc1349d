public import GeoCore
internal import CGEOS

extension GeometryEngine {
    private func overlay(
        _ name: String, _ a: some GEOSGeometryConvertible, _ b: some GEOSGeometryConvertible,
        _ function: (GEOSContextHandle_t?, OpaquePointer?, OpaquePointer?) -> OpaquePointer?
    ) throws(GEOSError) -> GEOSGeometryHandle {
        let ga = try operand(a)
        let gb = try operand(b)
        context.clearError()
        return try adopt(name, function(context.handle, ga.pointer, gb.pointer))
    }

    /// The points common to `a` and `b` (GEOS OverlayNG).
    public func intersection(_ a: some GEOSGeometryConvertible, _ b: some GEOSGeometryConvertible) throws(GEOSError) -> GEOSGeometryHandle {
        try overlay("intersection", a, b, GEOSIntersection_r)
    }

    /// The points of `a` or `b`, dissolved into one geometry.
    public func union(_ a: some GEOSGeometryConvertible, _ b: some GEOSGeometryConvertible) throws(GEOSError) -> GEOSGeometryHandle {
        try overlay("union", a, b, GEOSUnion_r)
    }

    /// The points of `a` not in `b`.
    public func difference(_ a: some GEOSGeometryConvertible, _ b: some GEOSGeometryConvertible) throws(GEOSError) -> GEOSGeometryHandle {
        try overlay("difference", a, b, GEOSDifference_r)
    }

    /// The points in exactly one of `a` and `b`.
    public func symmetricDifference(_ a: some GEOSGeometryConvertible, _ b: some GEOSGeometryConvertible) throws(GEOSError) -> GEOSGeometryHandle {
        try overlay("symmetricDifference", a, b, GEOSSymDifference_r)
    }

    /// The union of every member of `geometry` (a collection or multi-geometry) in one pass:
    /// overlapping and touching polygons dissolve into one (GEOS cascaded `UnaryUnion`).
    public func unaryUnion(_ geometry: some GEOSGeometryConvertible) throws(GEOSError) -> GEOSGeometryHandle {
        let g = try operand(geometry)
        context.clearError()
        return try adopt("unaryUnion", GEOSUnaryUnion_r(context.handle, g.pointer))
    }

    /// The union of many geometries in one pass (dissolve), as GEOS's `UnaryUnion` of their
    /// collection. Faster than folding ``union(_:_:)`` pairwise; the empty list gives an empty
    /// geometry collection.
    public func unaryUnion(_ geometries: [Geometry]) throws(GEOSError) -> GEOSGeometryHandle {
        try unaryUnion(Geometry.geometryCollection(GeometryCollection(geometries)))
    }

    /// The union of many converted geometries in one pass; each handle must belong to this engine.
    /// The handles are copied into one GEOS collection, so they stay usable.
    public func unaryUnion(_ handles: [GEOSGeometryHandle]) throws(GEOSError) -> GEOSGeometryHandle {
        let h = context.handle
        guard let n = UInt32(exactly: handles.count) else {
            throw GEOSError(operation: "unaryUnion", message: "\(handles.count) geometries exceed GEOS's limit")
        }
        var copies: [OpaquePointer?] = []
        copies.reserveCapacity(handles.count)
        do {
            for handle in handles {
                let g = try operand(handle)
                context.clearError()
                copies.append(try context.check("unaryUnion", GEOSGeom_clone_r(h, g.pointer)))
            }
        } catch {
            for copy in copies { GEOSGeom_destroy_r(h, copy) }
            throw error
        }
        context.clearError()
        let collection = copies.withUnsafeMutableBufferPointer { buffer in
            GEOSGeom_createCollection_r(h, Int32(GEOS_GEOMETRYCOLLECTION.rawValue), buffer.baseAddress, n)
        }
        let all = try adopt("unaryUnion", collection)
        return try unaryUnion(all)
    }
}
