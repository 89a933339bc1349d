package import GeoCore
internal import CGEOS

extension GeometryEngine {
    /// Parses Well-Known Text with GEOS's own reader (`GEOSWKTReader_read_r`), for GeoTwin's
    /// tests and tools inside this package; the public WKT codec is GeoIO's.
    package func geometry(wkt: String) throws(GEOSError) -> Geometry {
        let h = context.handle
        context.clearError()
        guard let reader = GEOSWKTReader_create_r(h) else { throw context.failure("read WKT") }
        defer { GEOSWKTReader_destroy_r(h, reader) }
        let g = try context.check("read WKT", GEOSWKTReader_read_r(h, reader, wkt))
        defer { GEOSGeom_destroy_r(h, g) }
        return try makeGeometry(g)
    }
}
