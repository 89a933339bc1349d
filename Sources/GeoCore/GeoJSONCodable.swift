/// `Codable` in the shapes of GeoJSON (RFC 7946), so any `Encoder`/`Decoder` (Foundation's
/// `JSONDecoder` and `JSONEncoder`, property lists, ...) reads and writes GeoCore values:
///
/// ```swift
/// let collection = try JSONDecoder().decode(FeatureCollection.self, from: data)
/// let data = try JSONEncoder().encode(collection)
/// ```
///
/// Decoding reads `type`, `coordinates`, `geometries`, `features`, `properties` and `id`, in any
/// order, and ignores `bbox` and foreign members. A position is 2 or more numbers: the third is
/// the height (`z`), further ones are ignored. A line string needs 2 positions and a ring 4 with
/// the last equal to the first, as GeoIO's `GeoJSON` reader requires; `"geometry": null` (or none)
/// is a feature without geometry, `"properties": null` (or none) one without properties. A
/// decoded collection is in ``CRS/wgs84``. Errors are `DecodingError`s with the coding path.
///
/// Encoding writes `type` and `coordinates` (or `geometries`), features with `id` when they have
/// one, `geometry` (null when absent) and `properties`. Rings are written in their stored order
/// (decoding what was encoded gives the same value; GeoIO's writer applies the right-hand rule).
///
/// Numbers: a `Decoder` does not show how a number was written, so ``PropertyValue`` decodes a
/// number as `.int` whenever it is an integer that fits `Int64` (`1.0` too, with Foundation's
/// decoder) and as `.double` otherwise; GeoIO's own reader keeps `1.0` a `.double`.
extension Geometry: Codable {
    private enum CodingKeys: String, CodingKey {
        case type, coordinates, geometries
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let name = try c.decode(String.self, forKey: .type)
        guard let kind = Kind(rawValue: name) else {
            throw DecodingError.dataCorruptedError(forKey: .type, in: c,
                                                   debugDescription: "unknown geometry type \(name)")
        }
        func corrupt(_ message: String) -> DecodingError {
            DecodingError.dataCorruptedError(forKey: .coordinates, in: c, debugDescription: message)
        }
        func position(_ p: [Double]) throws -> Position {
            guard p.count >= 2 else { throw corrupt("a position of \(p.count) numbers; at least 2 are required") }
            return Position(x: p[0], y: p[1], z: p.count > 2 ? p[2] : nil)
        }
        func line(_ ps: [[Double]]) throws -> LineString {
            guard ps.isEmpty || ps.count >= 2 else { throw corrupt("a line string of 1 position; at least 2 are required") }
            return LineString(positions: try ps.map(position))
        }
        func polygon(_ rings: [[[Double]]]) throws -> Polygon {
            let positionRings = try rings.map { ring -> [Position] in
                let r = try ring.map(position)
                guard r.count >= 4 else { throw corrupt("a ring of \(r.count) positions; at least 4 are required") }
                guard r[0].coordinate.equals2D(r[r.count - 1].coordinate) else {
                    throw corrupt("a ring whose last position differs from its first")
                }
                return r
            }
            guard positionRings.contains(where: { $0.contains { $0.z != nil } }) else {
                return Polygon(rings: positionRings.map { $0.map(\.coordinate) })
            }
            return Polygon(positionRings: positionRings)
        }
        switch kind {
        case .point:
            let p = try c.decode([Double].self, forKey: .coordinates)
            self = .point(p.isEmpty ? .empty : Point(position: try position(p)))
        case .lineString:
            self = .lineString(try line(try c.decode([[Double]].self, forKey: .coordinates)))
        case .polygon:
            self = .polygon(try polygon(try c.decode([[[Double]]].self, forKey: .coordinates)))
        case .multiPoint:
            let ps = try c.decode([[Double]].self, forKey: .coordinates)
            self = .multiPoint(MultiPoint(try ps.map { Point(position: try position($0)) }))
        case .multiLineString:
            self = .multiLineString(MultiLineString(try c.decode([[[Double]]].self, forKey: .coordinates).map(line)))
        case .multiPolygon:
            self = .multiPolygon(MultiPolygon(try c.decode([[[[Double]]]].self, forKey: .coordinates).map(polygon)))
        case .geometryCollection:
            self = .geometryCollection(GeometryCollection(try c.decode([Geometry].self, forKey: .geometries)))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind.rawValue, forKey: .type)
        func position(_ p: Position) -> [Double] { p.z.map { [p.x, p.y, $0] } ?? [p.x, p.y] }
        switch self {
        case .point(let p):
            try c.encode(p.position.map(position) ?? [], forKey: .coordinates)
        case .lineString(let l):
            try c.encode(l.positions.map(position), forKey: .coordinates)
        case .polygon(let p):
            try c.encode(p.positionRings.map { $0.map(position) }, forKey: .coordinates)
        case .multiPoint(let mp):
            try c.encode(mp.points.compactMap { $0.position.map(position) }, forKey: .coordinates)
        case .multiLineString(let ml):
            try c.encode(ml.lineStrings.map { $0.positions.map(position) }, forKey: .coordinates)
        case .multiPolygon(let mp):
            try c.encode(mp.polygons.map { $0.positionRings.map { $0.map(position) } }, forKey: .coordinates)
        case .geometryCollection(let gc):
            try c.encode(gc.geometries, forKey: .geometries)
        }
    }
}

/// Decodes a geometry object that must be of `kind`, for the geometry structs' conformances.
private func decodeGeometry<T>(_ decoder: any Decoder, _ kind: Geometry.Kind,
                               _ extract: (Geometry) -> T?) throws -> T {
    let g = try Geometry(from: decoder)
    guard let value = extract(g) else {
        throw DecodingError.dataCorrupted(DecodingError.Context(
            codingPath: decoder.codingPath, debugDescription: "expected a \(kind.rawValue), found a \(g.kind.rawValue)"))
    }
    return value
}

extension Point: Codable {
    /// Decodes a GeoJSON `Point` object.
    public init(from decoder: any Decoder) throws {
        self = try decodeGeometry(decoder, .point) { if case .point(let v) = $0 { v } else { nil } }
    }
    /// Encodes a GeoJSON `Point` object.
    public func encode(to encoder: any Encoder) throws { try Geometry.point(self).encode(to: encoder) }
}

extension LineString: Codable {
    /// Decodes a GeoJSON `LineString` object.
    public init(from decoder: any Decoder) throws {
        self = try decodeGeometry(decoder, .lineString) { if case .lineString(let v) = $0 { v } else { nil } }
    }
    /// Encodes a GeoJSON `LineString` object.
    public func encode(to encoder: any Encoder) throws { try Geometry.lineString(self).encode(to: encoder) }
}

extension Polygon: Codable {
    /// Decodes a GeoJSON `Polygon` object.
    public init(from decoder: any Decoder) throws {
        self = try decodeGeometry(decoder, .polygon) { if case .polygon(let v) = $0 { v } else { nil } }
    }
    /// Encodes a GeoJSON `Polygon` object.
    public func encode(to encoder: any Encoder) throws { try Geometry.polygon(self).encode(to: encoder) }
}

extension MultiPoint: Codable {
    /// Decodes a GeoJSON `MultiPoint` object.
    public init(from decoder: any Decoder) throws {
        self = try decodeGeometry(decoder, .multiPoint) { if case .multiPoint(let v) = $0 { v } else { nil } }
    }
    /// Encodes a GeoJSON `MultiPoint` object.
    public func encode(to encoder: any Encoder) throws { try Geometry.multiPoint(self).encode(to: encoder) }
}

extension MultiLineString: Codable {
    /// Decodes a GeoJSON `MultiLineString` object.
    public init(from decoder: any Decoder) throws {
        self = try decodeGeometry(decoder, .multiLineString) { if case .multiLineString(let v) = $0 { v } else { nil } }
    }
    /// Encodes a GeoJSON `MultiLineString` object.
    public func encode(to encoder: any Encoder) throws { try Geometry.multiLineString(self).encode(to: encoder) }
}

extension MultiPolygon: Codable {
    /// Decodes a GeoJSON `MultiPolygon` object.
    public init(from decoder: any Decoder) throws {
        self = try decodeGeometry(decoder, .multiPolygon) { if case .multiPolygon(let v) = $0 { v } else { nil } }
    }
    /// Encodes a GeoJSON `MultiPolygon` object.
    public func encode(to encoder: any Encoder) throws { try Geometry.multiPolygon(self).encode(to: encoder) }
}

extension GeometryCollection: Codable {
    /// Decodes a GeoJSON `GeometryCollection` object.
    public init(from decoder: any Decoder) throws {
        self = try decodeGeometry(decoder, .geometryCollection) { if case .geometryCollection(let v) = $0 { v } else { nil } }
    }
    /// Encodes a GeoJSON `GeometryCollection` object.
    public func encode(to encoder: any Encoder) throws { try Geometry.geometryCollection(self).encode(to: encoder) }
}

extension PropertyValue: Codable {
    /// Decodes any JSON value: null, boolean, integer (fits `Int64`), other number, string,
    /// array or object.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? c.decode(Int64.self) {
            self = .int(i)
        } else if let d = try? c.decode(Double.self) {
            self = .double(d)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([PropertyValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: PropertyValue].self))
        }
    }

    /// Encodes the value as the JSON value it stands for.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .int(let i): try c.encode(i)
        case .double(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }
}

extension FeatureID: Codable {
    /// Decodes a string or a number; a number that is not an integer is kept as its text
    /// (`2.5` becomes `"2.5"`), as GeoIO's reader does.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let i = try? c.decode(Int64.self) {
            self = .int(i)
        } else {
            self = .string(String(describing: try c.decode(Double.self)))
        }
    }

    /// Encodes a string or an integer.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .int(let i): try c.encode(i)
        }
    }
}

private enum GeoJSONMemberKeys: String, CodingKey {
    case type, id, geometry, properties, features
}

private func expectType(_ name: String, in c: KeyedDecodingContainer<GeoJSONMemberKeys>) throws {
    let found = try c.decode(String.self, forKey: .type)
    guard found == name else {
        throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "expected a \(name), found \(found)")
    }
}

extension Feature: Codable {
    /// Decodes a GeoJSON `Feature` object.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: GeoJSONMemberKeys.self)
        try expectType("Feature", in: c)
        self.init(id: try c.decodeIfPresent(FeatureID.self, forKey: .id),
                  geometry: try c.decodeIfPresent(Geometry.self, forKey: .geometry),
                  properties: try c.decodeIfPresent([String: PropertyValue].self, forKey: .properties) ?? [:])
    }

    /// Encodes a GeoJSON `Feature` object (`geometry` null when there is none).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: GeoJSONMemberKeys.self)
        try c.encode("Feature", forKey: .type)
        try c.encodeIfPresent(id, forKey: .id)
        if let geometry { try c.encode(geometry, forKey: .geometry) } else { try c.encodeNil(forKey: .geometry) }
        try c.encode(properties, forKey: .properties)
    }
}

extension FeatureCollection: Codable {
    /// Decodes a GeoJSON `FeatureCollection` object; its CRS is ``CRS/wgs84``.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: GeoJSONMemberKeys.self)
        try expectType("FeatureCollection", in: c)
        self.init(try c.decode([Feature].self, forKey: .features), crs: .wgs84)
    }

    /// Encodes a GeoJSON `FeatureCollection` object (the CRS is not written: GeoJSON is WGS 84).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: GeoJSONMemberKeys.self)
        try c.encode("FeatureCollection", forKey: .type)
        try c.encode(features, forKey: .features)
    }
}
