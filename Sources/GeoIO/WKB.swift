import GeoCore

/// Well-Known Binary (OGC Simple Features / ISO 13249-3) and PostGIS Extended WKB.
///
/// Reading accepts both byte orders, ISO type codes (`1000`/`2000`/`3000` added for Z/M/ZM) and
/// EWKB flags (`0x80000000` Z, `0x40000000` M, `0x20000000` SRID follows the type code), mixed
/// freely. An empty point is stored as NaN coordinates (the GEOS/PostGIS convention); NaN or
/// infinite ordinates anywhere else are rejected. Rings must be closed with at least 4 positions,
/// line strings need at least 2 (or none). Every count is checked against the remaining bytes
/// before anything is allocated, and collections may nest at most ``maxNestingDepth`` levels.
///
/// ```swift
/// let bytes = WKB.encode(.point(Point(x: 127.0, y: 37.5)))
/// let point = try WKB.decode(bytes)
/// ```
public enum WKB {
    /// The byte order of multi-byte values (the first byte of every WKB geometry: 0 big, 1 little).
    public enum ByteOrder: UInt8, Hashable, Sendable {
        /// XDR, marker byte 0.
        case bigEndian = 0
        /// NDR, marker byte 1 (what most software writes).
        case littleEndian = 1
    }

    /// Which family of type codes the writer uses.
    public enum Flavor: Hashable, Sendable {
        /// ISO WKB: Z/M/ZM as type code + 1000/2000/3000 (what GeoPackage and GEOS 3.12 ISO write).
        case iso
        /// PostGIS EWKB: Z/M as high-bit flags, and the SRID after the top-level type code when given.
        case extended(srid: Int32?)
    }

    /// The deepest nesting of multi-geometries and collections the reader accepts (a top-level
    /// geometry is level 0).
    public static let maxNestingDepth = 32

    /// Decodes one WKB or EWKB geometry that fills `bytes` exactly.
    /// - Throws: ``GeoIOError`` with the byte offset of the problem.
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws(GeoIOError) -> Geometry {
        try decodeWithSRID(bytes).geometry
    }

    /// Decodes one WKB or EWKB geometry that fills `bytes` exactly.
    /// - Throws: ``GeoIOError`` with the byte offset of the problem.
    public static func decode(_ bytes: [UInt8]) throws(GeoIOError) -> Geometry {
        try decodeWithSRID(bytes).geometry
    }

    /// Decodes one geometry and the EWKB SRID of its top level (`nil` for ISO WKB or EWKB without
    /// the SRID flag).
    public static func decodeWithSRID(_ bytes: UnsafeRawBufferPointer) throws(GeoIOError)
        -> (geometry: Geometry, srid: Int32?) {
        var reader = WKBReader(bytes, origin: 0)
        let result = try reader.readGeometry(depth: 0)
        if reader.position != bytes.count { throw .trailingData(at: .byteOffset(reader.position)) }
        return result
    }

    /// Decodes one geometry and the EWKB SRID of its top level from an array.
    public static func decodeWithSRID(_ bytes: [UInt8]) throws(GeoIOError) -> (geometry: Geometry, srid: Int32?) {
        let result = bytes.withUnsafeBytes { raw in
            Result<(geometry: Geometry, srid: Int32?), GeoIOError> { () throws(GeoIOError) in
                try decodeWithSRID(raw)
            }
        }
        return try result.get()
    }

    /// Encodes `g` as WKB. Z and M are written for every vertex when any vertex has them (a
    /// missing value is written as NaN); the empty point is written as NaN coordinates.
    /// - Parameters:
    ///   - g: the geometry to encode.
    ///   - byteOrder: the byte order of every value (default little-endian).
    ///   - flavor: ISO type codes (default) or EWKB flags with an optional SRID.
    public static func encode(_ g: Geometry, byteOrder: ByteOrder = .littleEndian, flavor: Flavor = .iso) -> [UInt8] {
        var writer = WKBWriter(byteOrder: byteOrder, flavor: flavor, hasZ: g.hasZ, hasM: g.hasM)
        writer.out.reserveCapacity(9 + g.coordinateCount * 8 * writer.dimensions)
        writer.write(g, topLevel: true)
        return writer.out
    }

    /// Appends the WKB of `g` to `out`, the bytes ``encode(_:byteOrder:flavor:)`` returns,
    /// without a buffer of its own (for writers of many records).
    /// - Returns: the number of bytes appended.
    @discardableResult
    public static func encode(_ g: Geometry, appendingTo out: inout [UInt8], byteOrder: ByteOrder = .littleEndian,
                              flavor: Flavor = .iso) -> Int {
        var writer = WKBWriter(byteOrder: byteOrder, flavor: flavor, hasZ: g.hasZ, hasM: g.hasM)
        swap(&writer.out, &out)
        defer { swap(&writer.out, &out) }
        let start = writer.out.count
        writer.write(g, topLevel: true)
        return writer.out.count - start
    }
}
