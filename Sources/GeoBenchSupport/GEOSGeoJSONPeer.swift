internal import CGEOS

/// GEOS's GeoJSON reader (`GEOSGeoJSONReader_readGeometry_r`), which turns a FeatureCollection
/// into a GeometryCollection (properties parsed and dropped). Owns its own GEOS context; one
/// thread at a time.
///
/// Benchmark support only: not part of the GeoTwin library products.
public final class GEOSGeoJSONPeer {
    private let handle: GEOSContextHandle_t
    private let reader: OpaquePointer

    /// Creates the reader.
    /// - Throws: ``BenchPeerError`` when GEOS cannot create it.
    public init() throws(BenchPeerError) {
        try loadGEOSForPeer()
        handle = GEOS_init_r()
        guard let r = GEOSGeoJSONReader_create_r(handle) else {
            GEOS_finish_r(handle)
            throw BenchPeerError("GEOS could not create a GeoJSON reader")
        }
        reader = r
    }

    deinit {
        GEOSGeoJSONReader_destroy_r(handle, reader)
        GEOS_finish_r(handle)
    }

    /// Parses `text` (NUL-terminated) into a GEOS geometry, counts its parts and coordinates,
    /// and frees it.
    /// - Throws: ``BenchPeerError`` when GEOS cannot read the text.
    public func read(_ text: [CChar]) throws(BenchPeerError) -> (geometries: Int, coordinates: Int) {
        let g = text.withUnsafeBufferPointer { GEOSGeoJSONReader_readGeometry_r(handle, reader, $0.baseAddress) }
        guard let g else { throw BenchPeerError("GEOS could not read the GeoJSON text") }
        defer { GEOSGeom_destroy_r(handle, g) }
        return (Int(GEOSGetNumGeometries_r(handle, g)), Int(GEOSGetNumCoordinates_r(handle, g)))
    }
}
