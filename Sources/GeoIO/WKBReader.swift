import GeoCore

/// A cursor over WKB bytes. Every read checks the remaining length first; counts are checked
/// against the remaining bytes before any allocation. Offsets in errors are `origin + position`.
struct WKBReader {
    private let bytes: UnsafeRawBufferPointer
    private let origin: Int
    /// The next byte to read, relative to the start of `bytes`.
    private(set) var position = 0
    private var littleEndian = true

    /// The smallest possible encoded geometry (byte order, type code, a 4-byte count).
    private static let minimumGeometrySize = 9

    init(_ bytes: UnsafeRawBufferPointer, origin: Int) {
        self.bytes = bytes
        self.origin = origin
    }

    private var remaining: Int { bytes.count - position }

    private func at(_ p: Int) -> GeoIOLocation { .byteOffset(origin + p) }

    private mutating func need(_ n: Int, _ what: String) throws(GeoIOError) {
        if n > remaining { throw .unexpectedEnd(expected: what, at: at(position)) }
    }

    private mutating func readUInt32(_ what: String) throws(GeoIOError) -> UInt32 {
        try need(4, what)
        let raw = bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self)
        position += 4
        return littleEndian ? UInt32(littleEndian: raw) : UInt32(bigEndian: raw)
    }

    @inline(__always)
    private func double(at p: Int) -> Double {
        let raw = bytes.loadUnaligned(fromByteOffset: p, as: UInt64.self)
        return Double(bitPattern: littleEndian ? UInt64(littleEndian: raw) : UInt64(bigEndian: raw))
    }

    /// Reads a count and checks that `count * minimumSize` bytes remain.
    private mutating func readCount(elementSize minimumSize: Int, _ what: String) throws(GeoIOError) -> Int {
        let countOffset = position
        let n = try readUInt32(what)
        let (total, overflow) = UInt64(n).multipliedReportingOverflow(by: UInt64(minimumSize))
        if overflow || total > UInt64(remaining) {
            throw .countExceedsInput(count: UInt64(n), at: at(countOffset))
        }
        return Int(n)
    }

    /// The dimensions of one geometry header.
    private struct Header {
        var kind: Geometry.Kind
        var hasZ: Bool
        var hasM: Bool
        var srid: Int32?
        var dimensions: Int { 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0) }
    }

    private mutating func readHeader() throws(GeoIOError) -> Header {
        try need(1, "byte order")
        let order = bytes[position]
        guard order <= 1 else { throw .invalidByteOrder(order, at: at(position)) }
        littleEndian = order == 1
        position += 1
        let codeOffset = position
        let raw = try readUInt32("geometry type code")
        var code = raw
        var hasZ = false, hasM = false
        var srid: Int32?
        if code & 0xE000_0000 != 0 {
            hasZ = code & 0x8000_0000 != 0
            hasM = code & 0x4000_0000 != 0
            if code & 0x2000_0000 != 0 { srid = Int32(bitPattern: try readUInt32("SRID")) }
            code &= 0x0FFF_FFFF
        }
        switch code / 1000 {
        case 0: break
        case 1: hasZ = true
        case 2: hasM = true
        case 3: hasZ = true; hasM = true
        default: throw .unknownGeometryType("WKB code \(raw)", at: at(codeOffset))
        }
        let kind: Geometry.Kind
        switch code % 1000 {
        case 1: kind = .point
        case 2: kind = .lineString
        case 3: kind = .polygon
        case 4: kind = .multiPoint
        case 5: kind = .multiLineString
        case 6: kind = .multiPolygon
        case 7: kind = .geometryCollection
        default: throw .unknownGeometryType("WKB code \(raw)", at: at(codeOffset))
        }
        return Header(kind: kind, hasZ: hasZ, hasM: hasM, srid: srid)
    }

    /// Reads one geometry (recursively) and the SRID of its header.
    mutating func readGeometry(depth: Int) throws(GeoIOError) -> (geometry: Geometry, srid: Int32?) {
        let start = position
        if depth > WKB.maxNestingDepth { throw .nestingTooDeep(limit: WKB.maxNestingDepth, at: at(start)) }
        let h = try readHeader()
        switch h.kind {
        case .point:
            return (.point(try readPoint(h)), h.srid)
        case .lineString:
            return (.lineString(try readLine(h)), h.srid)
        case .polygon:
            return (.polygon(try readPolygon(h)), h.srid)
        case .multiPoint:
            let n = try readCount(elementSize: Self.minimumGeometrySize, "number of points")
            var points: [Point] = []
            points.reserveCapacity(n)
            for _ in 0..<n {
                let (g, _) = try readMember(depth: depth, expected: .point)
                if case .point(let p) = g { points.append(p) }
            }
            return (.multiPoint(MultiPoint(points)), h.srid)
        case .multiLineString:
            let n = try readCount(elementSize: Self.minimumGeometrySize, "number of line strings")
            var lines: [LineString] = []
            lines.reserveCapacity(n)
            for _ in 0..<n {
                let (g, _) = try readMember(depth: depth, expected: .lineString)
                if case .lineString(let l) = g { lines.append(l) }
            }
            return (.multiLineString(MultiLineString(lines)), h.srid)
        case .multiPolygon:
            let n = try readCount(elementSize: Self.minimumGeometrySize, "number of polygons")
            var polygons: [Polygon] = []
            polygons.reserveCapacity(n)
            for _ in 0..<n {
                let (g, _) = try readMember(depth: depth, expected: .polygon)
                if case .polygon(let p) = g { polygons.append(p) }
            }
            return (.multiPolygon(MultiPolygon(polygons)), h.srid)
        case .geometryCollection:
            let n = try readCount(elementSize: Self.minimumGeometrySize, "number of geometries")
            var members: [Geometry] = []
            members.reserveCapacity(n)
            for _ in 0..<n { members.append(try readGeometry(depth: depth + 1).geometry) }
            return (.geometryCollection(GeometryCollection(members)), h.srid)
        }
    }

    private mutating func readMember(depth: Int, expected: Geometry.Kind) throws(GeoIOError)
        -> (Geometry, Int32?) {
        let start = position
        let member = try readGeometry(depth: depth + 1)
        if member.geometry.kind != expected {
            throw .unexpectedGeometryType(expected: expected.rawValue, found: member.geometry.kind.rawValue,
                                          at: at(start))
        }
        return member
    }

    private mutating func readPoint(_ h: Header) throws(GeoIOError) -> Point {
        let size = 8 * h.dimensions
        try need(size, "point coordinates")
        let p = position
        position += size
        let x = double(at: p), y = double(at: p + 8)
        if x.isNaN && y.isNaN { return .empty }
        let c = try coordinate(at: p)
        var q = p + 16
        var z: Double?, m: Double?
        if h.hasZ { z = try ordinate(at: q); q += 8 }
        if h.hasM { m = try ordinate(at: q) }
        return Point(coordinate: c, z: z, m: m)
    }

    @inline(__always)
    private func coordinate(at p: Int) throws(GeoIOError) -> Coordinate {
        let c = Coordinate(x: double(at: p), y: double(at: p + 8))
        guard c.isFinite else { throw .nonFiniteCoordinate(at: at(p)) }
        return c
    }

    @inline(__always)
    private func ordinate(at p: Int) throws(GeoIOError) -> Double {
        let v = double(at: p)
        guard v.isFinite else { throw .nonFiniteCoordinate(at: at(p)) }
        return v
    }

    /// Reads a count and that many positions: packed 2D coordinates, with z and m arrays when
    /// the header declares them.
    private mutating func readPositions(_ h: Header) throws(GeoIOError) -> (coordinates: [Coordinate], z: [Double]?, m: [Double]?) {
        let size = 8 * h.dimensions
        let n = try readCount(elementSize: size, "number of positions")
        // Never build a zero-capacity array in place: that writes the shared empty storage.
        guard n > 0 else { return ([], h.hasZ ? [] : nil, h.hasM ? [] : nil) }
        let start = position
        var failure: GeoIOError?
        let coords = [Coordinate](unsafeUninitializedCapacity: n) { buffer, initialized in
            #if _endian(little)
            // Little-endian x, y pairs on a little-endian machine are already the array's
            // layout: one copy, then the finiteness check over the copied values.
            if littleEndian && size == MemoryLayout<Coordinate>.stride, let source = bytes.baseAddress {
                UnsafeMutableRawPointer(buffer.baseAddress.unsafelyUnwrapped)
                    .copyMemory(from: source + start, byteCount: n * size)
                initialized = n
                for i in 0..<n where !buffer[i].isFinite {
                    failure = .nonFiniteCoordinate(at: at(start + i * size))
                    return
                }
                return
            }
            #endif
            var p = start
            for i in 0..<n {
                do throws(GeoIOError) {
                    buffer.initializeElement(at: i, to: try coordinate(at: p))
                } catch {
                    failure = error
                    return
                }
                initialized = i + 1
                p += size
            }
        }
        if let failure { throw failure }
        var z: [Double]?, m: [Double]?
        if h.hasZ { z = try ordinates(n, from: start + 16, stride: size) }
        if h.hasM { m = try ordinates(n, from: start + (h.hasZ ? 24 : 16), stride: size) }
        position = start + n * size
        return (coords, z, m)
    }

    private func ordinates(_ n: Int, from first: Int, stride: Int) throws(GeoIOError) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(n)
        var p = first
        for _ in 0..<n {
            out.append(try ordinate(at: p))
            p += stride
        }
        return out
    }

    private mutating func readLine(_ h: Header) throws(GeoIOError) -> LineString {
        let countOffset = position
        let (coords, z, m) = try readPositions(h)
        if coords.count == 1 { throw .tooFewPositions(count: 1, minimum: 2, at: at(countOffset)) }
        return LineString(coords, z: z, m: m)
    }

    private mutating func readPolygon(_ h: Header) throws(GeoIOError) -> Polygon {
        let n = try readCount(elementSize: 4, "number of rings")
        // The exterior and the holes go straight where the polygon keeps them.
        var exterior: [Coordinate] = []
        var holes: [[Coordinate]] = []
        var zs: [[Double]] = [], ms: [[Double]] = []
        if n > 1 { holes.reserveCapacity(n - 1) }
        for i in 0..<n {
            let countOffset = position
            let (ring, z, m) = try readPositions(h)
            if ring.count < 4 { throw .tooFewPositions(count: ring.count, minimum: 4, at: at(countOffset)) }
            if !ring[0].equals2D(ring[ring.count - 1]) { throw .ringNotClosed(at: at(countOffset)) }
            if i == 0 { exterior = ring } else { holes.append(ring) }
            if let z { zs.append(z) }
            if let m { ms.append(m) }
        }
        var polygon = Polygon(exterior: exterior, holes: holes)
        polygon.z = h.hasZ && n > 0 ? zs : nil
        polygon.m = h.hasM && n > 0 ? ms : nil
        return polygon
    }
}
