import GeoCore

/// The shape types of the ESRI Shapefile specification (1998).
public enum ShapeType: Int32, Hashable, Sendable, CustomStringConvertible {
    case null = 0, point = 1, polyLine = 3, polygon = 5, multiPoint = 8
    case pointZ = 11, polyLineZ = 13, polygonZ = 15, multiPointZ = 18
    case pointM = 21, polyLineM = 23, polygonM = 25, multiPointM = 28
    case multiPatch = 31

    /// `PolygonZ`, `Point`, ...
    public var description: String {
        switch self {
        case .null: "Null"
        case .point: "Point"
        case .polyLine: "PolyLine"
        case .polygon: "Polygon"
        case .multiPoint: "MultiPoint"
        case .pointZ: "PointZ"
        case .polyLineZ: "PolyLineZ"
        case .polygonZ: "PolygonZ"
        case .multiPointZ: "MultiPointZ"
        case .pointM: "PointM"
        case .polyLineM: "PolyLineM"
        case .polygonM: "PolygonM"
        case .multiPointM: "MultiPointM"
        case .multiPatch: "MultiPatch"
        }
    }

    /// The 2D base type (`PolygonZ` → `Polygon`).
    public var base: ShapeType {
        switch self {
        case .pointZ, .pointM: .point
        case .polyLineZ, .polyLineM: .polyLine
        case .polygonZ, .polygonM: .polygon
        case .multiPointZ, .multiPointM: .multiPoint
        default: self
        }
    }

    /// True for the Z types (which carry measures too).
    public var hasZ: Bool { [.pointZ, .polyLineZ, .polygonZ, .multiPointZ, .multiPatch].contains(self) }
    /// True for the M types and the Z types (whose measures are optional except for PointZ).
    public var hasM: Bool { hasZ || [.pointM, .polyLineM, .polygonM, .multiPointM].contains(self) }

    /// The geometry type name GDAL gives a layer of this type (`POLYGON`, `LINESTRING`, ...).
    public var layerGeometryTypeName: String {
        let base = switch self.base {
        case .point: "POINT"
        case .multiPoint: "MULTIPOINT"
        case .polyLine: "LINESTRING"
        case .polygon: "POLYGON"
        default: "GEOMETRY"
        }
        return base + (hasZ ? (self == .multiPatch ? "" : " Z") : "") + (hasM && !hasZ ? " M" : "")
    }
}

/// Measures below this are "no data" (ESRI Shapefile specification).
let shapefileNoMeasure = -1e38

/// Decoding one record's content (little-endian, after the 8-byte record header).
struct ShapeRecordDecoder {
    let bytes: UnsafeRawBufferPointer
    /// Where `bytes` starts in the file, for error places.
    let fileOffset: Int
    let path: String
    let record: Int

    private func fail(_ problem: String, at offset: Int) -> FileFormatError {
        FileFormatError(path: path, place: .record(record, byte: fileOffset + offset), problem: problem)
    }

    private func need(_ count: Int, at offset: Int, for what: String) throws(FileFormatError) {
        guard count >= 0, offset + count <= bytes.count else {
            throw fail("record content of \(bytes.count) bytes ends inside \(what) (needs \(offset + count))", at: offset)
        }
    }

    private func int32(_ at: Int) -> Int32 { bytes.loadUnaligned(fromByteOffset: at, as: Int32.self).littleEndian }
    private func double(_ at: Int) -> Double {
        Double(bitPattern: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self).littleEndian)
    }

    /// The geometry, nil for a Null shape.
    func decode() throws(FileFormatError) -> Geometry? {
        try need(4, at: 0, for: "the shape type")
        let code = int32(0)
        guard let type = ShapeType(rawValue: code) else { throw fail("unknown shape type \(code)", at: 0) }
        switch type {
        case .null: return nil
        case .multiPatch: throw fail("MultiPatch shapes are not supported", at: 0)
        case .point, .pointZ, .pointM:
            let size = type == .point ? 20 : type == .pointM ? 28 : 36
            try need(size - (type == .pointZ ? 8 : 0), at: 0, for: "the \(type) coordinates")
            let x = double(4), y = double(12)
            var z: Double?, m: Double?
            if type == .pointZ {
                z = double(20)
                if bytes.count >= 36 { m = double(28) }
            } else if type == .pointM {
                m = double(20)
            }
            if let mm = m, mm < shapefileNoMeasure { m = nil }
            return .point(Point(coordinate: Coordinate(x: x, y: y), z: z, m: m))
        case .multiPoint, .multiPointZ, .multiPointM:
            try need(40, at: 0, for: "the point count")
            let n = Int(int32(36))
            let xyEnd = 40 + n * 16
            guard n >= 0, n <= (bytes.count - 40) / 16 else {
                throw fail("point count \(n) exceeds the \(bytes.count)-byte record", at: 36)
            }
            let (z, m) = try zm(type: type, count: n, after: xyEnd)
            var points: [Point] = []
            points.reserveCapacity(n)
            for i in 0..<n {
                let mi = m.flatMap { $0[i] < shapefileNoMeasure ? nil : $0[i] }
                points.append(Point(coordinate: Coordinate(x: double(40 + 16 * i), y: double(48 + 16 * i)), z: z?[i], m: mi))
            }
            return .multiPoint(MultiPoint(points))
        case .polyLine, .polyLineZ, .polyLineM, .polygon, .polygonZ, .polygonM:
            try need(44, at: 0, for: "the part and point counts")
            let parts = Int(int32(36)), n = Int(int32(40))
            guard parts >= 0, parts <= (bytes.count - 44) / 4 else {
                throw fail("part count \(parts) exceeds the \(bytes.count)-byte record", at: 36)
            }
            let pointsAt = 44 + 4 * parts
            guard n >= 0, n <= (bytes.count - pointsAt) / 16 else {
                throw fail("point count \(n) exceeds the \(bytes.count)-byte record", at: 40)
            }
            var starts: [Int] = []
            starts.reserveCapacity(parts)
            for p in 0..<parts {
                let s = Int(int32(44 + 4 * p))
                guard s >= 0, s <= n, s >= (starts.last ?? 0), p > 0 || s == 0 else {
                    throw fail("part \(p) starts at point \(s), outside 0...\(n) or before the previous part", at: 44 + 4 * p)
                }
                starts.append(s)
            }
            let (z, m) = try zm(type: type, count: n, after: pointsAt + 16 * n)
            var coords: [Coordinate] = []
            coords.reserveCapacity(n)
            for i in 0..<n { coords.append(Coordinate(x: double(pointsAt + 16 * i), y: double(pointsAt + 8 + 16 * i))) }
            let ranges = starts.indices.map { starts[$0]..<(($0 + 1 < starts.count) ? starts[$0 + 1] : n) }
            let m2 = m.map { $0.map { $0 < shapefileNoMeasure ? Double.nan : $0 } }
            if type.base == .polyLine {
                let lines = ranges.map { r in
                    LineString(Array(coords[r]), z: z.map { Array($0[r]) }, m: m2.map { Array($0[r]) })
                }
                if lines.isEmpty { return nil }
                return lines.count == 1 ? .lineString(lines[0]) : .multiLineString(MultiLineString(lines))
            }
            let rings = ranges.map { r in ShapeRing(coordinates: Array(coords[r]), z: z.map { Array($0[r]) }, m: m2.map { Array($0[r]) }) }
            return ShapeRing.polygons(from: rings)
        }
    }

    /// The Z values (Z types) and M values (M types; optional in Z types) that follow the points.
    private func zm(type: ShapeType, count n: Int, after start: Int) throws(FileFormatError) -> ([Double]?, [Double]?) {
        var at = start
        var z: [Double]?
        if type.hasZ {
            try need(16 + 8 * n, at: at, for: "the Z range and values")
            z = (0..<n).map { double(at + 16 + 8 * $0) }
            at += 16 + 8 * n
        }
        var m: [Double]?
        if type.hasM, !type.hasZ || bytes.count >= at + 16 + 8 * n {
            try need(16 + 8 * n, at: at, for: "the M range and values")
            m = (0..<n).map { double(at + 16 + 8 * $0) }
        }
        return (z, m)
    }
}

/// A ring of a Polygon shape, with its heights and measures.
struct ShapeRing {
    var coordinates: [Coordinate]
    var z: [Double]?
    var m: [Double]?

    /// Twice the signed area (positive when counter-clockwise, in a y-up frame), summed relative
    /// to the first vertex so that slivers far from the origin keep their sign.
    var signedArea2: Double { Self.signedArea2(coordinates) }

    /// ``signedArea2`` of the ring `c`.
    static func signedArea2(_ c: [Coordinate]) -> Double {
        var s = 0.0
        guard c.count > 2 else { return 0 }
        let ox = c[0].x, oy = c[0].y
        for i in 0..<(c.count - 1) {
            s += (c[i].x - ox) * (c[i + 1].y - oy) - (c[i + 1].x - ox) * (c[i].y - oy)
        }
        return s
    }

    var reversed: ShapeRing {
        ShapeRing(coordinates: coordinates.reversed(), z: z.map { $0.reversed() }, m: m.map { $0.reversed() })
    }

    /// The polygons of a Polygon shape's rings, as GDAL reads them: clockwise rings are shells,
    /// counter-clockwise rings holes, each hole given to the smallest shell that contains it; a
    /// hole no shell contains becomes a shell of its own. One shell gives a Polygon, several a
    /// MultiPolygon; nil when there are no rings.
    static func polygons(from rings: [ShapeRing]) -> Geometry? {
        let rings = rings.filter { !$0.coordinates.isEmpty }
        guard !rings.isEmpty else { return nil }
        if rings.count == 1 { return .polygon(polygon(shell: rings[0], holes: [])) }
        var shells: [(ring: ShapeRing, area: Double, box: BoundingBox, holes: [ShapeRing])] = []
        var holes: [ShapeRing] = []
        for r in rings {
            if r.signedArea2 <= 0 {
                shells.append((r, -r.signedArea2, Self.box(r.coordinates), []))
            } else {
                holes.append(r)
            }
        }
        for hole in holes {
            let box = Self.box(hole.coordinates)
            var best: Int?
            for (i, s) in shells.enumerated() where s.box.contains(box) {
                if contains(s.ring.coordinates, hole.coordinates), best.map({ s.area < shells[$0].area }) ?? true { best = i }
            }
            if let best {
                shells[best].holes.append(hole)
            } else {
                let shell = hole.reversed
                shells.append((shell, -shell.signedArea2, box, []))
            }
        }
        let polygons = shells.map { polygon(shell: $0.ring, holes: $0.holes) }
        return polygons.count == 1 ? .polygon(polygons[0]) : .multiPolygon(MultiPolygon(polygons))
    }

    private static func polygon(shell: ShapeRing, holes: [ShapeRing]) -> Polygon {
        let all = [shell] + holes
        let hasZ = all.contains { $0.z != nil }, hasM = all.contains { $0.m != nil }
        return Polygon(rings: all.map(\.coordinates),
                       z: hasZ ? all.map { $0.z ?? [Double](repeating: 0, count: $0.coordinates.count) } : nil,
                       m: hasM ? all.map { $0.m ?? [Double](repeating: .nan, count: $0.coordinates.count) } : nil)
    }

    /// True when most of up to five vertices of `hole` that are neither vertices of `shell` nor on
    /// its boundary lie inside it (a hole may touch its shell); true as well when no vertex
    /// decides (a sliver lying along the shell), since a counter-clockwise ring is a hole.
    private static func contains(_ shell: [Coordinate], _ hole: [Coordinate]) -> Bool {
        var inside = 0, outside = 0
        // A vertex of the shell is found by a scan like the boundary's (a set of the shell's
        // vertices, built per hole, was 7 % of reading the national emd Shapefile).
        for v in hole.dropLast() where !shell.contains(where: { $0.x == v.x && $0.y == v.y }) && !onBoundary(v, shell) {
            if pointInRing(v, shell) { inside += 1 } else { outside += 1 }
            if inside + outside == 5 { break }
        }
        return inside >= outside
    }

    /// True when `p` lies exactly on a segment of `ring`.
    private static func onBoundary(_ p: Coordinate, _ ring: [Coordinate]) -> Bool {
        for i in 0..<max(0, ring.count - 1) {
            let a = ring[i], b = ring[i + 1]
            guard p.x >= min(a.x, b.x), p.x <= max(a.x, b.x), p.y >= min(a.y, b.y), p.y <= max(a.y, b.y) else { continue }
            if (b.x - a.x) * (p.y - a.y) == (b.y - a.y) * (p.x - a.x) { return true }
        }
        return false
    }

    static func box(_ coordinates: [Coordinate]) -> BoundingBox {
        var b = BoundingBox.empty
        for c in coordinates { b.expand(toInclude: c) }
        return b
    }

    /// Even-odd crossing test of `p` against `ring`.
    static func pointInRing(_ p: Coordinate, _ ring: [Coordinate]) -> Bool {
        var inside = false
        var j = ring.count - 1
        for i in 0..<ring.count {
            let a = ring[i], b = ring[j]
            if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
            j = i
        }
        return inside
    }
}
