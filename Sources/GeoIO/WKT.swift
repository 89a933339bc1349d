import GeoCore

/// Well-Known Text (OGC Simple Features / ISO 13249-3), with the PostGIS `SRID=n;` prefix on read.
///
/// Reading: keywords in any case, `Z`/`M`/`ZM` tags (also attached, `POINTZ`), `EMPTY` at any
/// level, multipoints with or without parentheses around each point. Positions without a tag take
/// their dimensions from the first position (3 numbers XYZ, 4 XYZM). NaN and infinite numbers are
/// rejected, rings must be closed with at least 4 positions, line strings need at least 2.
/// Errors name the line, column and UTF-8 byte offset.
///
/// ```swift
/// let g = try WKT.decode("POLYGON ((0 0, 1 0, 1 1, 0 0))")
/// WKT.encode(g)                // "POLYGON ((0 0, 1 0, 1 1, 0 0))"
/// ```
public enum WKT {
    /// Decodes one geometry (an `SRID=n;` prefix is accepted and dropped).
    /// - Throws: ``GeoIOError`` with a `.text(offset:line:column:)` location.
    public static func decode(_ text: String) throws(GeoIOError) -> Geometry {
        try decodeWithSRID(text).geometry
    }

    /// Decodes one geometry and the SRID of an EWKT `SRID=n;` prefix (`nil` without one).
    public static func decodeWithSRID(_ text: String) throws(GeoIOError) -> (geometry: Geometry, srid: Int32?) {
        var copy = text
        let result = copy.withUTF8 { bytes in
            Result<(geometry: Geometry, srid: Int32?), GeoIOError> { () throws(GeoIOError) in
                guard let base = bytes.baseAddress, !bytes.isEmpty else {
                    throw .unexpectedEnd(expected: "a geometry keyword", at: .text(offset: 0, line: 1, column: 1))
                }
                var reader = WKTReader(base, count: bytes.count)
                return try reader.document()
            }
        }
        return try result.get()
    }

    /// Encodes a geometry as WKT (`POINT Z (1 2 3)`, `MULTIPOINT ((1 2), (3 4))`, `POINT EMPTY`).
    ///
    /// The `Z`/`M`/`ZM` tag is written when any vertex has `z`/`m`, and then every position has
    /// that many numbers (a missing value is written `NaN`).
    /// - Parameters:
    ///   - g: the geometry to write.
    ///   - precision: `nil` for the shortest text that reads back to the same `Double`
    ///     (`0.1`, `1e-07`); otherwise at most that many decimals, rounded, trailing zeros removed
    ///     (`precision: 2` writes 127.1234 as `127.12` and 2.5 as `2.5`). Values whose scaled
    ///     magnitude reaches 2^53 (e.g. 1e20) keep the shortest form (`1e+20`).
    public static func encode(_ g: Geometry, precision: Int? = nil) -> String {
        var w = WKTWriter(hasZ: g.hasZ, hasM: g.hasM, precision: precision.map { max(0, min($0, 17)) })
        w.geometry(g)
        return w.text
    }
}
