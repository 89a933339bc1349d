import GeoCore

/// The GeoPackage geometry encoding (OGC 12-128r18, 2.1.3): a header (`GP`, version, flags,
/// `srs_id`, optional envelope) followed by ISO WKB.
///
/// ```swift
/// let blob = GeoPackageBinary.encode(.point(Point(x: 127, y: 37.5)), srsID: 4326)
/// let (geometry, header) = try GeoPackageBinary.decode(blob)
/// ```
public enum GeoPackageBinary {
    /// The envelope stored in a header (flags bits 1-3).
    public enum EnvelopeKind: UInt8, Hashable, Sendable, CaseIterable {
        /// No envelope.
        case none = 0
        /// `[minX, maxX, minY, maxY]`.
        case xy = 1
        /// `[minX, maxX, minY, maxY, minZ, maxZ]`.
        case xyz = 2
        /// `[minX, maxX, minY, maxY, minM, maxM]`.
        case xym = 3
        /// `[minX, maxX, minY, maxY, minZ, maxZ, minM, maxM]`.
        case xyzm = 4

        /// The number of doubles the envelope holds.
        public var valueCount: Int { [0, 4, 6, 6, 8][Int(rawValue)] }
    }

    /// A decoded header.
    public struct Header: Hashable, Sendable {
        /// The version byte (0 for GeoPackage 1.x).
        public var version: UInt8
        /// The byte order of `srsID` and the envelope.
        public var byteOrder: WKB.ByteOrder
        /// Which envelope the header carries.
        public var envelopeKind: EnvelopeKind
        /// The envelope values in the order of ``EnvelopeKind`` (empty for `.none`).
        public var envelope: [Double]
        /// The empty-geometry flag (bit 4).
        public var isEmpty: Bool
        /// The extended-geometry flag (bit 5, a GeoPackage extension geometry type).
        public var isExtended: Bool
        /// The spatial reference system id (a key of `gpkg_spatial_ref_sys`).
        public var srsID: Int32
        /// Header length in bytes; the WKB starts here.
        public var length: Int

        /// The x/y part of the envelope as a box, or nil without an envelope.
        public var boundingBox: BoundingBox? {
            envelope.count >= 4 ? BoundingBox(minX: envelope[0], minY: envelope[2], maxX: envelope[1], maxY: envelope[3]) : nil
        }
    }

    /// Why a blob is not a valid GeoPackage geometry.
    public enum DecodeError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The header is malformed; `reason` says how (bad magic, reserved envelope code, truncated).
        case header(String)
        /// The WKB after the header is malformed (the offset is counted from the start of the WKB).
        case wkb(GeoIOError)

        /// One line of text.
        public var description: String {
            switch self {
            case .header(let r): r
            case .wkb(let e): "WKB \(e)"
            }
        }
    }

    /// The length of a blob's header, checked as ``decodeHeader(_:)`` checks it (the WKB starts
    /// there), and its envelope kind.
    static func headerLength(_ bytes: UnsafeRawBufferPointer) throws(DecodeError) -> (length: Int, kind: EnvelopeKind) {
        guard bytes.count >= 8 else { throw .header("blob of \(bytes.count) bytes is shorter than the 8-byte header") }
        guard bytes[0] == 0x47, bytes[1] == 0x50 else {
            throw .header("bad magic 0x\(hex(bytes[0]))\(hex(bytes[1])) (expected 'GP')")
        }
        let flags = bytes[3]
        guard let kind = EnvelopeKind(rawValue: (flags >> 1) & 7) else {
            throw .header("invalid envelope code \((flags >> 1) & 7)")
        }
        let length = 8 + 8 * kind.valueCount
        guard bytes.count >= length else {
            throw .header("blob of \(bytes.count) bytes is shorter than its \(length)-byte header")
        }
        return (length, kind)
    }

    /// Decodes the header of a blob.
    public static func decodeHeader(_ bytes: UnsafeRawBufferPointer) throws(DecodeError) -> Header {
        let (length, kind) = try headerLength(bytes)
        let flags = bytes[3]
        let order: WKB.ByteOrder = flags & 1 == 1 ? .littleEndian : .bigEndian
        var srs = UInt32(0)
        for i in 0..<4 { srs |= UInt32(bytes[4 + i]) << (order == .littleEndian ? 8 * i : 8 * (3 - i)) }
        var envelope: [Double] = []
        envelope.reserveCapacity(kind.valueCount)
        for k in 0..<kind.valueCount {
            var bits = UInt64(0)
            for i in 0..<8 {
                bits |= UInt64(bytes[8 + 8 * k + i]) << (order == .littleEndian ? 8 * i : 8 * (7 - i))
            }
            envelope.append(Double(bitPattern: bits))
        }
        return Header(version: bytes[2], byteOrder: order, envelopeKind: kind, envelope: envelope,
                      isEmpty: flags & 0x10 != 0, isExtended: flags & 0x20 != 0,
                      srsID: Int32(bitPattern: srs), length: length)
    }

    /// Decodes a whole blob: header and geometry.
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws(DecodeError) -> (geometry: Geometry, header: Header) {
        let header = try decodeHeader(bytes)
        guard bytes.count > header.length else { throw .header("no WKB after the \(header.length)-byte header") }
        do {
            let geometry = try WKB.decode(UnsafeRawBufferPointer(rebasing: bytes[header.length...]))
            return (geometry, header)
        } catch {
            throw .wkb(error)
        }
    }

    /// Decodes a whole blob from an array.
    public static func decode(_ bytes: [UInt8]) throws(DecodeError) -> (geometry: Geometry, header: Header) {
        let result = bytes.withUnsafeBytes { raw in
            Result<(geometry: Geometry, header: Header), DecodeError> { () throws(DecodeError) in try decode(raw) }
        }
        return try result.get()
    }

    /// Encodes `geometry` with a header: version 0, the given byte order for header and WKB, the
    /// empty flag for an empty geometry, and an envelope of `envelope` kind (no envelope is
    /// written for points and empty geometries, as the standard recommends).
    public static func encode(_ geometry: Geometry, srsID: Int32, envelope: EnvelopeKind = .xy,
                              byteOrder: WKB.ByteOrder = .littleEndian) -> [UInt8] {
        encode(geometry, srsID: srsID, envelope: envelope, byteOrder: byteOrder, boundingBox: nil)
    }

    /// ``encode(_:srsID:envelope:byteOrder:)`` with the geometry's bounding box when the caller
    /// has it already; header and WKB are written into one array.
    static func encode(_ geometry: Geometry, srsID: Int32, envelope: EnvelopeKind = .xy,
                       byteOrder: WKB.ByteOrder = .littleEndian, boundingBox known: BoundingBox?) -> [UInt8] {
        let empty = geometry.isEmpty
        let isPoint = if case .point = geometry { true } else { false }
        let kind: EnvelopeKind = empty || isPoint ? .none : envelope
        var writer = WKBWriter(byteOrder: byteOrder, flavor: .iso, hasZ: geometry.hasZ, hasM: geometry.hasM)
        writer.out.reserveCapacity(8 + 8 * kind.valueCount + 9 + geometry.coordinateCount * 8 * writer.dimensions)
        var values: [Double] = []
        if kind != .none {
            let box = known ?? geometry.boundingBox
            values = [box.minX, box.maxX, box.minY, box.maxY]
            if kind == .xyz || kind == .xyzm { values += range(geometry) { $0.z } }
            if kind == .xym || kind == .xyzm { values += range(geometry) { $0.m } }
        }
        appendHeader(to: &writer.out, srsID: srsID, envelope: kind, envelopeValues: values, empty: empty, byteOrder)
        writer.write(geometry, topLevel: true)
        return writer.out
    }

    /// The blob ``encode(_:srsID:envelope:byteOrder:)`` gives for the geometry `encoded` decodes
    /// to, little-endian with an x, y envelope: the header, then the WKB as it is (the plain WKB
    /// an ``EncodedGeometry`` holds is what the encoder writes for that geometry).
    /// When the geometry came in a blob with this very header (a GeoPackage's, written by GDAL
    /// or GeoTwin for the same reference system), that blob is returned as it is.
    static func encode(_ encoded: EncodedGeometry, srsID: Int32) -> [UInt8] {
        let box = encoded.boundingBox
        if encoded.wkbOffset == 40, hasHeader(encoded.storage, srsID: srsID, envelope: box) { return encoded.storage }
        var out: [UInt8] = []
        out.reserveCapacity(40 + encoded.storage.count - encoded.wkbOffset)
        appendHeader(to: &out, srsID: srsID, envelope: .xy, envelopeValues: [box.minX, box.maxX, box.minY, box.maxY],
                     empty: false, .littleEndian)
        out += encoded.storage[encoded.wkbOffset...]
        return out
    }

    /// Whether `blob` starts with the header ``appendHeader(to:srsID:envelope:envelopeValues:empty:_:)``
    /// writes for a non-empty geometry, little-endian, with the x, y `envelope`.
    private static func hasHeader(_ blob: [UInt8], srsID: Int32, envelope box: BoundingBox) -> Bool {
        blob.withUnsafeBytes { b in
            guard b.count >= 40, b[0] == 0x47, b[1] == 0x50, b[2] == 0, b[3] == 1 | EnvelopeKind.xy.rawValue << 1,
                  UInt32(littleEndian: b.loadUnaligned(fromByteOffset: 4, as: UInt32.self)) == UInt32(bitPattern: srsID) else { return false }
            // In the header's order: minX, maxX, minY, maxY.
            func value(_ k: Int) -> UInt64 { UInt64(littleEndian: b.loadUnaligned(fromByteOffset: 8 + 8 * k, as: UInt64.self)) }
            return value(0) == box.minX.bitPattern && value(1) == box.maxX.bitPattern
                && value(2) == box.minY.bitPattern && value(3) == box.maxY.bitPattern
        }
    }

    /// Appends a blob's header: magic, version 0, flags, SRS id and the envelope's values.
    private static func appendHeader(to out: inout [UInt8], srsID: Int32, envelope kind: EnvelopeKind, envelopeValues: [Double],
                                     empty: Bool, _ byteOrder: WKB.ByteOrder) {
        out += [0x47, 0x50, 0]
        out.append((byteOrder == .littleEndian ? 1 : 0) | kind.rawValue << 1 | (empty ? 0x10 : 0))
        append(UInt32(bitPattern: srsID), to: &out, byteOrder)
        for v in envelopeValues { append(v.bitPattern, to: &out, byteOrder) }
    }

    private static func range(_ g: Geometry, _ value: (Position) -> Double?) -> [Double] {
        var lo = Double.infinity, hi = -Double.infinity
        g.forEachPosition { c in
            if let v = value(c) { lo = min(lo, v); hi = max(hi, v) }
        }
        return lo <= hi ? [lo, hi] : [0, 0]
    }

    private static func append<T: FixedWidthInteger>(_ v: T, to out: inout [UInt8], _ order: WKB.ByteOrder) {
        let bytes = MemoryLayout<T>.size
        for i in 0..<bytes {
            let shift = order == .littleEndian ? 8 * i : 8 * (bytes - 1 - i)
            out.append(UInt8(truncatingIfNeeded: v >> shift))
        }
    }

    private static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
    }
}
