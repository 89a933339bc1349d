internal import CGEOS

extension GeometryEngine {
    /// The planar area (square units of the geometry); 0 for points and lines.
    public func area(_ geometry: some GEOSGeometryConvertible) throws(GEOSError) -> Double {
        let g = try operand(geometry)
        var value = 0.0
        context.clearError()
        guard GEOSArea_r(context.handle, g.pointer, &value) == 1 else { throw context.failure("area") }
        return value
    }

    /// The planar length of lines, or perimeter of polygons (units of the geometry).
    public func length(_ geometry: some GEOSGeometryConvertible) throws(GEOSError) -> Double {
        let g = try operand(geometry)
        var value = 0.0
        context.clearError()
        guard GEOSLength_r(context.handle, g.pointer, &value) == 1 else { throw context.failure("length") }
        return value
    }

    /// The shortest planar distance between `a` and `b` (units of the geometries); 0 when they
    /// intersect. An empty operand is an error (GEOS 3.11 would answer 0, later GEOS NaN).
    public func distance(_ a: some GEOSGeometryConvertible, _ b: some GEOSGeometryConvertible) throws(GEOSError) -> Double {
        let ga = try operand(a)
        let gb = try operand(b)
        guard try !ga.isEmpty(), try !gb.isEmpty() else {
            throw GEOSError(operation: "distance", message: "the distance to an empty geometry is undefined")
        }
        var value = 0.0
        context.clearError()
        guard GEOSDistance_r(context.handle, ga.pointer, gb.pointer, &value) == 1 else { throw context.failure("distance") }
        return value
    }

    /// True when `distance(a, b) <= distance`, found without computing the full distance when
    /// possible (GEOS `DistanceWithin`).
    public func isWithinDistance(
        _ a: some GEOSGeometryConvertible, _ b: some GEOSGeometryConvertible, distance: Double
    ) throws(GEOSError) -> Bool {
        let ga = try operand(a)
        let gb = try operand(b)
        context.clearError()
        return try context.check("isWithinDistance", predicate: GEOSDistanceWithin_r(context.handle, ga.pointer, gb.pointer, distance))
    }
}
