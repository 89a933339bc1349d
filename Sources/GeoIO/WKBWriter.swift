import GeoCore

/// Appends WKB for geometries with a fixed byte order, flavor and dimensions.
struct WKBWriter {
    var out: [UInt8] = []
    let byteOrder: WKB.ByteOrder
    let flavor: WKB.Flavor
    let hasZ: Bool
    let hasM: Bool

    init(byteOrder: WKB.ByteOrder, flavor: WKB.Flavor, hasZ: Bool, hasM: Bool) {
        self.byteOrder = byteOrder
        self.flavor = flavor
        self.hasZ = hasZ
        self.hasM = hasM
    }

    /// Ordinates per position (2 to 4).
    var dimensions: Int { 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0) }

    /// True when a `[Coordinate]` is laid out in memory exactly as 2D little-endian WKB points
    /// (x then y, 8 bytes each, no padding, on a little-endian machine).
    static let coordinatesAreLittleEndianXY = MemoryLayout<Coordinate>.size == 16 && MemoryLayout<Coordinate>.stride == 16
        && MemoryLayout<Coordinate>.offset(of: \.x) == 0 && MemoryLayout<Coordinate>.offset(of: \.y) == 8
        && UInt16(1).littleEndian == 1

    @inline(__always)
    private mutating func append(_ v: UInt32) {
        let stored = byteOrder == .littleEndian ? v.littleEndian : v.bigEndian
        withUnsafeBytes(of: stored) { out.append(contentsOf: $0) }
    }

    @inline(__always)
    private mutating func append(_ d: Double) {
        let bits = d.bitPattern
        let stored = byteOrder == .littleEndian ? bits.littleEndian : bits.bigEndian
        withUnsafeBytes(of: stored) { out.append(contentsOf: $0) }
    }

    private mutating func header(_ base: UInt32, topLevel: Bool) {
        out.append(byteOrder.rawValue)
        switch flavor {
        case .iso:
            append(base + (hasZ ? 1000 : 0) + (hasM ? 2000 : 0))
        case .extended(let srid):
            var code = base
            if hasZ { code |= 0x8000_0000 }
            if hasM { code |= 0x4000_0000 }
            if topLevel, let srid {
                append(code | 0x2000_0000)
                append(UInt32(bitPattern: srid))
            } else {
                append(code)
            }
        }
    }

    private mutating func position(_ c: Coordinate, z: Double?, m: Double?) {
        append(c.x)
        append(c.y)
        if hasZ { append(z ?? .nan) }
        if hasM { append(m ?? .nan) }
    }

    private mutating func positions(_ cs: [Coordinate], z: [Double]?, m: [Double]?) {
        append(UInt32(truncatingIfNeeded: cs.count))
        if !hasZ && !hasM {
            if byteOrder == .littleEndian && Self.coordinatesAreLittleEndianXY {
                // The array already holds x, y, x, y, ... as little-endian doubles: copy it whole.
                cs.withUnsafeBytes { out.append(contentsOf: $0) }
                return
            }
            for c in cs {
                append(c.x)
                append(c.y)
            }
            return
        }
        for i in cs.indices { position(cs[i], z: z?[i], m: m?[i]) }
    }

    private mutating func point(_ p: Point, topLevel: Bool) {
        header(1, topLevel: topLevel)
        position(p.coordinate ?? Coordinate(x: .nan, y: .nan), z: p.coordinate == nil ? .nan : p.z, m: p.coordinate == nil ? .nan : p.m)
    }

    private mutating func polygon(_ p: Polygon, topLevel: Bool) {
        header(3, topLevel: topLevel)
        let rings = p.rings
        append(UInt32(truncatingIfNeeded: rings.count))
        for (i, r) in rings.enumerated() { positions(r, z: p.z?[i], m: p.m?[i]) }
    }

    mutating func write(_ g: Geometry, topLevel: Bool) {
        switch g {
        case .point(let p):
            point(p, topLevel: topLevel)
        case .lineString(let l):
            header(2, topLevel: topLevel)
            positions(l.coordinates, z: l.z, m: l.m)
        case .polygon(let p):
            polygon(p, topLevel: topLevel)
        case .multiPoint(let mp):
            header(4, topLevel: topLevel)
            append(UInt32(truncatingIfNeeded: mp.points.count))
            for p in mp.points { point(p, topLevel: false) }
        case .multiLineString(let ml):
            header(5, topLevel: topLevel)
            append(UInt32(truncatingIfNeeded: ml.lineStrings.count))
            for l in ml.lineStrings {
                header(2, topLevel: false)
                positions(l.coordinates, z: l.z, m: l.m)
            }
        case .multiPolygon(let mp):
            header(6, topLevel: topLevel)
            append(UInt32(truncatingIfNeeded: mp.polygons.count))
            for p in mp.polygons { polygon(p, topLevel: false) }
        case .geometryCollection(let gc):
            header(7, topLevel: topLevel)
            append(UInt32(truncatingIfNeeded: gc.geometries.count))
            for member in gc.geometries { write(member, topLevel: false) }
        }
    }
}
