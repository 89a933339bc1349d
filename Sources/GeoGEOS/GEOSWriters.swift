internal import CGEOS

// Text and binary output straight from GEOS, for exchanging geometries with GEOS-based tools
// without converting back to GeoCore. Every writer option is set explicitly, because GEOS 3.11
// and 3.12+ differ in their defaults (3.12 writes Z and M by default and trims differently), so
// GeoGEOS writes the same bytes whichever GEOS it links.

/// Byte order of Well-Known Binary output.
public enum WKBByteOrder: Hashable, Sendable {
    /// Little endian (NDR), the order of every common platform and of GeoPackage.
    case littleEndian
    /// Big endian (XDR).
    case bigEndian
}

extension GEOSGeometryHandle {
    /// The geometry as Well-Known Text, with Z when the geometry has Z (M is never written).
    ///
    /// - Parameter decimals: digits after the decimal point, or `nil` for the shortest text that
    ///   reads back to the same doubles (GEOS's full precision). Trailing zeros are trimmed.
    public func wkt(decimals: Int? = nil) throws(GEOSError) -> String {
        let h = engine.context.handle
        guard let precision = Int32(exactly: decimals ?? -1), precision >= -1 else {
            throw GEOSError(operation: "write WKT", message: "decimals \(decimals ?? -1) is not in 0...\(Int32.max)")
        }
        engine.context.clearError()
        let hasZ = try engine.context.check("write WKT", predicate: GEOSHasZ_r(h, pointer))
        guard let writer = GEOSWKTWriter_create_r(h) else { throw engine.context.failure("write WKT") }
        defer { GEOSWKTWriter_destroy_r(h, writer) }
        GEOSWKTWriter_setTrim_r(h, writer, 1)
        GEOSWKTWriter_setRoundingPrecision_r(h, writer, precision)
        GEOSWKTWriter_setOutputDimension_r(h, writer, hasZ ? 3 : 2)
        GEOSWKTWriter_setOld3D_r(h, writer, 0)
        return try engine.context.takeString("write WKT", GEOSWKTWriter_write_r(h, writer, pointer))
    }

    /// The geometry as ISO Well-Known Binary (Z types 1001..1007 when the geometry has Z; no
    /// SRID, no M).
    public func wkb(byteOrder: WKBByteOrder = .littleEndian) throws(GEOSError) -> [UInt8] {
        let h = engine.context.handle
        engine.context.clearError()
        let hasZ = try engine.context.check("write WKB", predicate: GEOSHasZ_r(h, pointer))
        guard let writer = GEOSWKBWriter_create_r(h) else { throw engine.context.failure("write WKB") }
        defer { GEOSWKBWriter_destroy_r(h, writer) }
        GEOSWKBWriter_setOutputDimension_r(h, writer, hasZ ? 3 : 2)
        GEOSWKBWriter_setByteOrder_r(h, writer, Int32(byteOrder == .littleEndian ? GEOS_WKB_NDR.rawValue : GEOS_WKB_XDR.rawValue))
        GEOSWKBWriter_setFlavor_r(h, writer, Int32(GEOS_WKB_ISO.rawValue))
        GEOSWKBWriter_setIncludeSRID_r(h, writer, 0)
        var size = 0
        guard let bytes = GEOSWKBWriter_write_r(h, writer, pointer, &size) else { throw engine.context.failure("write WKB") }
        defer { GEOSFree_r(h, bytes) }
        return Array(UnsafeBufferPointer(start: bytes, count: size))
    }
}
