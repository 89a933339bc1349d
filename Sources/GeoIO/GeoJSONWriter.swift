import GeoCore

extension GeoJSON {
    /// Encodes a geometry as compact GeoJSON.
    ///
    /// Output is deterministic: members in a fixed order, property keys sorted, no whitespace,
    /// numbers in the shortest form that reads back to the same `Double` (`127.5`, `1e-05`;
    /// coordinates drop a trailing `.0`, property doubles keep it so they read back as doubles).
    /// Polygons follow the right-hand rule (exterior counter-clockwise, holes clockwise), reversing
    /// rings as needed. Positions carry `z` when the vertex has one; `m` is not written.
    /// - Throws: ``GeoIOError/nonFiniteCoordinate(at:)`` or ``GeoIOError/invalidNumber(at:)``
    ///   (JSON has no NaN or infinity), with the JSON path of the offending value.
    public static func encode(_ geometry: Geometry) throws(GeoIOError) -> String {
        var w = GeoJSONWriter()
        try w.geometry(geometry, path: "$")
        return w.text
    }

    /// Encodes a feature as compact GeoJSON (see `encode(_:)` of a `Geometry`).
    public static func encode(_ feature: Feature) throws(GeoIOError) -> String {
        var w = GeoJSONWriter()
        try w.feature(feature, path: "$")
        return w.text
    }

    /// Encodes a feature collection as compact GeoJSON (see `encode(_:)` of a `Geometry`).
    /// - Parameters:
    ///   - collection: the features to encode.
    ///   - allowNonWGS84: write a collection whose `FeatureCollection/crs` is not
    ///     WGS 84 anyway (non-standard). By default such a collection is refused with
    ///     ``GeoIOError/notWGS84(crs:at:)``: reproject it to EPSG:4326 first (GeoProj's `Transformer`).
    public static func encode(_ collection: FeatureCollection, allowNonWGS84: Bool = false) throws(GeoIOError) -> String {
        if !allowNonWGS84, let crs = collection.crs, !crs.isWGS84 {
            throw .notWGS84(crs: crs.description, at: .json(path: "$", offset: -1))
        }
        var w = GeoJSONWriter()
        try w.featureCollection(collection)
        return w.text
    }

    /// Encodes the features of `streams`, as they are read, as one FeatureCollection followed by
    /// a newline, handing the UTF-8 bytes to `emit` in pieces of about `pieceSize` bytes, so a
    /// large file is written without holding its features or its text. After `emit` returns
    /// false the rest is read but not encoded.
    /// - Returns: the features read, and whether every piece was taken.
    /// - Throws: ``GeoDataError/malformed(path:error:)`` naming `path` and the feature's place in
    ///   the collection when a feature cannot be written (a non-finite number); a stream's error.
    static func encode(streams: [GeoDataLayerStream], path: String, pieceSize: Int,
                       emit: (UnsafeBufferPointer<UInt8>) -> Bool) throws(GeoDataError) -> (count: Int, complete: Bool) {
        var w = GeoJSONWriter()
        w.out.reserveCapacity(pieceSize + pieceSize / 2)
        var count = 0, writing = true
        w.beginCollection()
        for stream in streams {
            try stream.forEachFeature { (f) throws(GeoDataError) in
                defer { count += 1 }
                guard writing else { return }
                if count > 0 { w.out.append(UInt8(ascii: ",")) }
                do throws(GeoIOError) { try w.feature(f, path: "$.features[\(count)]") } catch {
                    throw .malformed(path: path, error: error)
                }
                if w.out.count >= pieceSize {
                    writing = w.out.withUnsafeBufferPointer(emit)
                    w.out.removeAll(keepingCapacity: true)
                }
            }
        }
        guard writing else { return (count, false) }
        w.endCollection()
        w.out.append(0x0A)
        return (count, w.out.withUnsafeBufferPointer(emit))
    }

    /// Encodes any GeoJSON object (see `encode(_:)` of a `Geometry`).
    public static func encode(_ object: GeoJSONObject) throws(GeoIOError) -> String {
        switch object {
        case .geometry(let g): try encode(g)
        case .feature(let f): try encode(f)
        case .featureCollection(let fc): try encode(fc)
        }
    }

    /// Encodes a plain JSON value (object keys sorted, compact), e.g. for reports.
    /// - Throws: ``GeoIOError/invalidNumber(at:)`` for a non-finite double.
    public static func encode(_ value: PropertyValue) throws(GeoIOError) -> String {
        var w = GeoJSONWriter()
        try w.value(value, path: "$")
        return w.text
    }
}

/// Appends compact GeoJSON to a byte buffer.
struct GeoJSONWriter {
    var out: [UInt8] = []

    var text: String { String(decoding: out, as: UTF8.self) }

    private mutating func raw(_ s: StaticString) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// Shortest round-trip text of a finite double; `trimZero` drops a trailing `.0`.
    private mutating func number(_ d: Double, trimZero: Bool) {
        ShortestDouble.append(d, trimZero: trimZero, to: &out)
    }

    mutating func string(_ s: String) {
        out.append(UInt8(ascii: "\""))
        for c in s.utf8 {
            switch c {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0x08: raw("\\b")
            case 0x0C: raw("\\f")
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                raw("\\u00")
                out.append(hex[Int(c >> 4)])
                out.append(hex[Int(c & 15)])
            default:
                out.append(c)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    mutating func value(_ v: PropertyValue, path: @autoclosure () -> String) throws(GeoIOError) {
        switch v {
        case .null: raw("null")
        case .bool(let b): b ? raw("true") : raw("false")
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .double(let d):
            guard d.isFinite else { throw .invalidNumber(at: .json(path: path(), offset: -1)) }
            number(d, trimZero: false)
        case .string(let s): string(s)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (k, item) in items.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                try value(item, path: path() + "[\(k)]")
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            try object(members, path: path())
        }
    }

    private mutating func object(_ members: [String: PropertyValue], path: @autoclosure () -> String) throws(GeoIOError) {
        out.append(UInt8(ascii: "{"))
        for (k, key) in members.keys.sorted().enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            string(key)
            out.append(UInt8(ascii: ":"))
            try value(members[key] ?? .null, path: path() + JSONPath.member(key))
        }
        out.append(UInt8(ascii: "}"))
    }

    /// Writes `[x,y]`, or `[x,y,z]` when `z` is a number (a NaN height is a vertex without one).
    private mutating func position(_ c: Coordinate, z: Double?, path: @autoclosure () -> String) throws(GeoIOError) {
        guard c.x.isFinite, c.y.isFinite, z.map({ $0.isFinite || $0.isNaN }) ?? true else {
            throw .nonFiniteCoordinate(at: .json(path: path(), offset: -1))
        }
        out.append(UInt8(ascii: "["))
        number(c.x, trimZero: true)
        out.append(UInt8(ascii: ","))
        number(c.y, trimZero: true)
        if let z, !z.isNaN {
            out.append(UInt8(ascii: ","))
            number(z, trimZero: true)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// Writes the positions `cs[i]` (with `z[i]`) for `i` in `order`.
    private mutating func positions<I: Sequence<Int>>(_ cs: [Coordinate], z: [Double]?, order: I, path: @autoclosure () -> String) throws(GeoIOError) {
        out.append(UInt8(ascii: "["))
        var first = true
        for i in order {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            try position(cs[i], z: z?[i], path: path())
        }
        out.append(UInt8(ascii: "]"))
    }

    private mutating func positions(_ cs: [Coordinate], z: [Double]?, path: @autoclosure () -> String) throws(GeoIOError) {
        try positions(cs, z: z, order: cs.indices, path: path())
    }

    /// Twice the signed area of a ring (positive when counter-clockwise).
    private static func doubleSignedArea(_ ring: [Coordinate]) -> Double {
        guard ring.count > 2 else { return 0 }
        var sum = 0.0
        let x0 = ring[0].x, y0 = ring[0].y
        for k in 1..<(ring.count - 1) {
            let a = ring[k], b = ring[k + 1]
            sum += (a.x - x0) * (b.y - y0) - (b.x - x0) * (a.y - y0)
        }
        return sum
    }

    private mutating func ring(_ r: [Coordinate], z: [Double]?, counterClockwise: Bool, path: @autoclosure () -> String) throws(GeoIOError) {
        let area = Self.doubleSignedArea(r)
        if (area < 0 && counterClockwise) || (area > 0 && !counterClockwise) {
            try positions(r, z: z, order: r.indices.reversed(), path: path())
        } else {
            try positions(r, z: z, path: path())
        }
    }

    private mutating func polygonRings(_ p: Polygon, path: @autoclosure () -> String) throws(GeoIOError) {
        out.append(UInt8(ascii: "["))
        for (k, r) in p.rings.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            try ring(r, z: p.z?[k], counterClockwise: k == 0, path: path())
        }
        out.append(UInt8(ascii: "]"))
    }

    mutating func geometry(_ g: Geometry, path: @autoclosure () -> String) throws(GeoIOError) {
        raw("{\"type\":\"")
        out.append(contentsOf: g.kind.rawValue.utf8)
        if case .geometryCollection(let gc) = g {
            raw("\",\"geometries\":[")
            for (k, member) in gc.geometries.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                try geometry(member, path: path() + ".geometries[\(k)]")
            }
            raw("]}")
            return
        }
        raw("\",\"coordinates\":")
        // The path of the coordinates, built only should one of them be refused.
        func at() -> String { path() + ".coordinates" }
        switch g {
        case .point(let p):
            if let c = p.coordinate { try position(c, z: p.z, path: at()) } else { raw("[]") }
        case .lineString(let l):
            try positions(l.coordinates, z: l.z, path: at())
        case .polygon(let p):
            try polygonRings(p, path: at())
        case .multiPoint(let mp):
            let points = mp.points.filter { $0.coordinate != nil }
            let z: [Double]? = points.contains { $0.z != nil } ? points.map { $0.z ?? .nan } : nil
            try positions(points.compactMap(\.coordinate), z: z, path: at())
        case .multiLineString(let ml):
            out.append(UInt8(ascii: "["))
            for (k, l) in ml.lineStrings.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                try positions(l.coordinates, z: l.z, path: at())
            }
            out.append(UInt8(ascii: "]"))
        case .multiPolygon(let mp):
            out.append(UInt8(ascii: "["))
            for (k, p) in mp.polygons.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                try polygonRings(p, path: at())
            }
            out.append(UInt8(ascii: "]"))
        case .geometryCollection:
            break
        }
        out.append(UInt8(ascii: "}"))
    }

    mutating func feature(_ f: Feature, path: @autoclosure () -> String) throws(GeoIOError) {
        raw("{\"type\":\"Feature\"")
        switch f.id {
        case .string(let s)?:
            raw(",\"id\":")
            string(s)
        case .int(let i)?:
            raw(",\"id\":")
            out.append(contentsOf: String(i).utf8)
        case nil:
            break
        }
        raw(",\"geometry\":")
        if let g = f.geometry { try geometry(g, path: path() + ".geometry") } else { raw("null") }
        raw(",\"properties\":")
        try object(f.properties, path: path() + ".properties")
        out.append(UInt8(ascii: "}"))
    }

    /// The opening of a FeatureCollection whose features follow one by one
    /// (``feature(_:path:)``, separated by commas), closed by ``endCollection()``.
    mutating func beginCollection() { raw("{\"type\":\"FeatureCollection\",\"features\":[") }

    /// The end of a FeatureCollection begun by ``beginCollection()``.
    mutating func endCollection() { raw("]}") }

    mutating func featureCollection(_ fc: FeatureCollection) throws(GeoIOError) {
        beginCollection()
        for (k, f) in fc.features.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            try feature(f, path: "$.features[\(k)]")
        }
        endCollection()
    }
}
