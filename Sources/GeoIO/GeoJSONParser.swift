import GeoCore

/// The GeoJSON layer of the reader: objects, geometries, features and collections, read in one
/// pass straight into GeoCore values (no intermediate JSON tree). `coordinates` are read with the
/// shape their `type` asks for; when `type` comes after `coordinates` (rare), the coordinates are
/// skipped and read again once the type is known.
struct GeoJSONParser {
    var json: JSONCursor
    /// Reused buffer for the positions of one line or ring (copied out at its exact size).
    private var scratch: [Coordinate] = []
    /// Heights of the positions in `scratch`, kept only once one of them has a height.
    private var scratchZ: [Double] = []
    /// The height of the position `position()` read last, if it had one.
    private var lastZ: Double?

    /// The deepest nesting of geometry collections accepted.
    static let maxGeometryDepth = 32

    init(_ p: UnsafePointer<UInt8>, count: Int) {
        json = JSONCursor(p, count: count)
        scratch.reserveCapacity(1024)
    }

    /// What an object is allowed to be where it appears.
    enum Role {
        case any, geometry, feature
    }

    private enum ObjectType {
        case geometry(Geometry.Kind), feature, featureCollection
    }

    /// Reads the whole input as one GeoJSON object.
    mutating func document() throws(GeoIOError) -> GeoJSONObject {
        let object = try self.object(role: .any, depth: 0)
        if json.peek() != nil { throw .trailingData(at: json.here()) }
        return object
    }

    private static let typeNames: [(StaticString, ObjectType)] = [
        ("Point", .geometry(.point)), ("LineString", .geometry(.lineString)), ("Polygon", .geometry(.polygon)),
        ("MultiPoint", .geometry(.multiPoint)), ("MultiLineString", .geometry(.multiLineString)),
        ("MultiPolygon", .geometry(.multiPolygon)), ("GeometryCollection", .geometry(.geometryCollection)),
        ("Feature", .feature), ("FeatureCollection", .featureCollection),
    ]

    private mutating func typeMember(role: Role) throws(GeoIOError) -> ObjectType {
        guard let c = json.peek() else { throw .unexpectedEnd(expected: "a type name", at: json.here()) }
        guard c == UInt8(ascii: "\"") else { throw .wrongJSONType(expected: "a string", at: json.here()) }
        let start = json.i
        let span = try json.rawString()
        var found: ObjectType?
        for (name, t) in Self.typeNames where json.rawEquals(span, name) {
            found = t
            break
        }
        let at = GeoIOLocation.json(path: "", offset: start)
        guard let found else { throw .unknownGeometryType(try json.decode(span), at: at) }
        switch (role, found) {
        case (.geometry, .feature), (.geometry, .featureCollection):
            throw .unexpectedGeometryType(expected: "a geometry type", found: try json.decode(span), at: at)
        case (.feature, .geometry), (.feature, .featureCollection):
            throw .unexpectedGeometryType(expected: "Feature", found: try json.decode(span), at: at)
        default:
            return found
        }
    }

    /// Runs `body`, prefixing `component` to the JSON path of any error it throws.
    @inline(__always)
    private mutating func member<T>(_ component: String, _ body: (inout GeoJSONParser) throws(GeoIOError) -> T)
        throws(GeoIOError) -> T {
        do throws(GeoIOError) {
            return try body(&self)
        } catch {
            throw error.prefixingJSONPath(component)
        }
    }

    /// Reads one GeoJSON object allowed in `role`.
    mutating func object(role: Role, depth: Int) throws(GeoIOError) -> GeoJSONObject {
        guard let c = json.peek() else { throw .unexpectedEnd(expected: "a GeoJSON object", at: json.here()) }
        guard c == UInt8(ascii: "{") else {
            throw .wrongJSONType(expected: "a GeoJSON object, found \(JSONCursor.kindName(c))", at: json.here())
        }
        if depth > Self.maxGeometryDepth { throw .nestingTooDeep(limit: Self.maxGeometryDepth, at: json.here()) }
        let objectStart = json.i
        json.i += 1
        var type: ObjectType?
        var geometry: Geometry?
        var deferredCoordinates: Int?
        var geometries: [Geometry]?
        var featureGeometry: Geometry?
        var properties: [String: PropertyValue] = [:]
        var id: FeatureID?
        var features: [Feature]?
        if json.peek() == UInt8(ascii: "}") {
            throw .missingMember("type", at: .json(path: "", offset: objectStart))
        }
        repeat {
            _ = json.peek()
            let key = try json.rawString()
            try json.expect(UInt8(ascii: ":"), "':'")
            if json.rawEquals(key, "type") {
                type = try member(".type") { (s) throws(GeoIOError) in try s.typeMember(role: role) }
            } else if role != .feature && json.rawEquals(key, "coordinates") {
                if case .geometry(let kind)? = type {
                    geometry = try member(".coordinates") { (s) throws(GeoIOError) in try s.coordinates(kind) }
                } else {
                    deferredCoordinates = json.i
                    try member(".coordinates") { (s) throws(GeoIOError) in try s.json.skipValue(depth: 0) }
                }
            } else if role != .feature && json.rawEquals(key, "geometries") {
                geometries = try member(".geometries") { (s) throws(GeoIOError) in
                    try s.array { (s) throws(GeoIOError) in try s.geometry(depth: depth + 1) }
                }
            } else if role != .geometry && json.rawEquals(key, "geometry") {
                featureGeometry = try member(".geometry") { (s) throws(GeoIOError) in
                    try s.json.consumeNull() ? nil : try s.geometry(depth: depth + 1)
                }
            } else if role != .geometry && json.rawEquals(key, "properties") {
                properties = try member(".properties") { (s) throws(GeoIOError) in
                    try s.json.consumeNull() ? [:] : try s.json.propertyObject(depth: 0)
                }
            } else if role != .geometry && json.rawEquals(key, "id") {
                id = try member(".id") { (s) throws(GeoIOError) in try s.featureID() }
            } else if role == .any && json.rawEquals(key, "features") {
                features = try member(".features") { (s) throws(GeoIOError) in
                    try s.array { (s) throws(GeoIOError) in try s.feature(depth: depth + 1) }
                }
            } else {
                try member(JSONPath.member(try json.decode(key))) { (s) throws(GeoIOError) in
                    try s.json.skipValue(depth: 0)
                }
            }
        } while try json.nextElement(close: UInt8(ascii: "}"))

        let here = GeoIOLocation.json(path: "", offset: objectStart)
        switch type {
        case nil:
            throw .missingMember("type", at: here)
        case .geometry(.geometryCollection):
            guard let geometries else { throw .missingMember("geometries", at: here) }
            return .geometry(.geometryCollection(GeometryCollection(geometries)))
        case .geometry(let kind):
            if let geometry { return .geometry(geometry) }
            guard let deferredCoordinates else { throw .missingMember("coordinates", at: here) }
            let resume = json.i
            json.i = deferredCoordinates
            let g = try member(".coordinates") { (s) throws(GeoIOError) in try s.coordinates(kind) }
            json.i = resume
            return .geometry(g)
        case .feature:
            return .feature(Feature(id: id, geometry: featureGeometry, properties: properties))
        case .featureCollection:
            guard let features else { throw .missingMember("features", at: here) }
            return .featureCollection(FeatureCollection(features, crs: .wgs84))
        }
    }

    private mutating func geometry(depth: Int) throws(GeoIOError) -> Geometry {
        guard case .geometry(let g) = try object(role: .geometry, depth: depth) else {
            throw .wrongJSONType(expected: "a geometry", at: json.here())
        }
        return g
    }

    private mutating func feature(depth: Int) throws(GeoIOError) -> Feature {
        guard case .feature(let f) = try object(role: .feature, depth: depth) else {
            throw .wrongJSONType(expected: "a Feature", at: json.here())
        }
        return f
    }

    private mutating func featureID() throws(GeoIOError) -> FeatureID {
        guard let c = json.peek() else { throw .unexpectedEnd(expected: "an id", at: json.here()) }
        if c == UInt8(ascii: "\"") { return .string(try json.string()) }
        guard c == UInt8(ascii: "-") || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) else {
            throw .wrongJSONType(expected: "a string or number", at: json.here())
        }
        let start = json.i
        let n = try json.number()
        if n.isInteger { return .int(n.integer) }
        return .string(String(decoding: UnsafeBufferPointer(start: json.p + start, count: json.i - start), as: UTF8.self))
    }

    /// Reads a JSON array whose elements `element` reads, prefixing `[index]` to error paths.
    @inline(__always)
    private mutating func array<T>(_ element: (inout GeoJSONParser) throws(GeoIOError) -> T) throws(GeoIOError) -> [T] {
        guard let c = json.peek() else { throw .unexpectedEnd(expected: "an array", at: json.here()) }
        guard c == UInt8(ascii: "[") else {
            throw .wrongJSONType(expected: "an array, found \(JSONCursor.kindName(c))", at: json.here())
        }
        json.i += 1
        var items: [T] = []
        if json.peek() == UInt8(ascii: "]") {
            json.i += 1
            return items
        }
        repeat {
            let index = items.count
            items.append(try member("[\(index)]", element))
        } while try json.nextElement(close: UInt8(ascii: "]"))
        return items
    }

    // MARK: coordinates

    private mutating func coordinates(_ kind: Geometry.Kind) throws(GeoIOError) -> Geometry {
        switch kind {
        case .point:
            if try emptyArray() { return .point(.empty) }
            let c = try position()
            return .point(Point(coordinate: c, z: lastZ))
        case .lineString:
            let (c, z) = try positions(minimum: 2)
            return .lineString(LineString(c, z: z))
        case .polygon:
            return .polygon(try polygon())
        case .multiPoint:
            let (c, z) = try positions(minimum: 1)
            return .multiPoint(MultiPoint(c.indices.map { Point(coordinate: c[$0], z: z?[$0]) }))
        case .multiLineString:
            let lines = try array { (s) throws(GeoIOError) in
                let (c, z) = try s.positions(minimum: 2)
                return LineString(c, z: z)
            }
            return .multiLineString(MultiLineString(lines))
        case .multiPolygon:
            let polygons = try array { (s) throws(GeoIOError) in try s.polygon() }
            return .multiPolygon(MultiPolygon(polygons))
        case .geometryCollection:
            throw .missingMember("geometries", at: json.here())
        }
    }

    /// Consumes `[]` if it is next.
    private mutating func emptyArray() throws(GeoIOError) -> Bool {
        guard json.peek() == UInt8(ascii: "[") else { return false }
        let save = json.i
        json.i += 1
        if json.peek() == UInt8(ascii: "]") {
            json.i += 1
            return true
        }
        json.i = save
        return false
    }

    /// Reads a position `[x, y]` or `[x, y, z]`; further numbers are checked and ignored.
    @inline(__always)
    private mutating func position() throws(GeoIOError) -> Coordinate {
        guard let c = json.peek() else { throw .unexpectedEnd(expected: "a position", at: json.here()) }
        guard c == UInt8(ascii: "[") else {
            throw .wrongJSONType(expected: "a position (array of numbers), found \(JSONCursor.kindName(c))",
                                 at: json.here())
        }
        json.i += 1
        let x = try ordinate(0)
        guard json.peek() == UInt8(ascii: ",") else {
            throw .wrongJSONType(expected: "a position of at least 2 numbers", at: json.here())
        }
        json.i += 1
        let coordinate = Coordinate(x: x, y: try ordinate(1))
        lastZ = nil
        if try json.nextElement(close: UInt8(ascii: "]")) {
            lastZ = try ordinate(2)
            var k = 3
            while try json.nextElement(close: UInt8(ascii: "]")) {
                _ = try ordinate(k)
                k += 1
            }
        }
        return coordinate
    }

    @inline(__always)
    private mutating func ordinate(_ index: Int) throws(GeoIOError) -> Double {
        json.skipWhitespace()
        guard json.i < json.end else { throw .unexpectedEnd(expected: "a number", at: json.here()) }
        let c = json.p[json.i]
        guard c == UInt8(ascii: "-") || (c &- UInt8(ascii: "0")) < 10 else {
            throw .wrongJSONType(expected: "a number, found \(JSONCursor.kindName(c))",
                                 at: .json(path: "[\(index)]", offset: json.i))
        }
        let start = json.i
        guard let n = DecimalNumber.scan(json.p, from: start, to: json.end, json: true) else {
            throw .invalidNumber(at: .json(path: "[\(index)]", offset: start))
        }
        guard n.value.isFinite else {
            // The scanner reads decimal numbers only (JSON has no NaN or Infinity), so a
            // non-finite value is a well-formed number beyond a 64-bit float, as `1e400`.
            let token = String(decoding: UnsafeBufferPointer(start: json.p + start, count: n.end - start), as: UTF8.self)
            throw .numberOutOfRange("\(token) is beyond the range of a 64-bit float (±1.8e308)",
                                    at: .json(path: "[\(index)]", offset: start))
        }
        json.i = n.end
        return n.value
    }

    /// Reads an array of positions into an exactly sized array; fewer than `minimum` (but more
    /// than zero) positions is an error.
    private mutating func positions(minimum: Int) throws(GeoIOError) -> ([Coordinate], [Double]?) {
        guard let c = json.peek() else { throw .unexpectedEnd(expected: "an array of positions", at: json.here()) }
        guard c == UInt8(ascii: "[") else {
            throw .wrongJSONType(expected: "an array of positions, found \(JSONCursor.kindName(c))", at: json.here())
        }
        let start = json.i
        json.i += 1
        scratch.removeAll(keepingCapacity: true)
        scratchZ.removeAll(keepingCapacity: true)
        var hasZ = false
        if json.peek() == UInt8(ascii: "]") {
            json.i += 1
            return ([], nil)
        }
        repeat {
            do throws(GeoIOError) {
                scratch.append(try position())
            } catch {
                throw error.prefixingJSONPath("[\(scratch.count)]")
            }
            if let z = lastZ {
                if !hasZ {
                    // The first height: the positions before it had none.
                    hasZ = true
                    scratchZ = [Double](repeating: .nan, count: scratch.count - 1)
                }
                scratchZ.append(z)
            } else if hasZ {
                scratchZ.append(.nan)
            }
        } while try json.nextElement(close: UInt8(ascii: "]"))
        let n = scratch.count
        if n < minimum { throw .tooFewPositions(count: n, minimum: minimum, at: .json(path: "", offset: start)) }
        // Never build a zero-capacity array in place: that writes the shared empty storage.
        guard n > 0 else { return ([], nil) }
        let coordinates = scratch.withUnsafeBufferPointer { source in
            [Coordinate](unsafeUninitializedCapacity: n) { target, initialized in
                for k in 0..<n { target.initializeElement(at: k, to: source[k]) }
                initialized = n
            }
        }
        return (coordinates, hasZ ? Array(scratchZ) : nil)
    }

    /// Reads a polygon's rings, with heights per ring when any position has one.
    private mutating func polygon() throws(GeoIOError) -> Polygon {
        let rings = try rings()
        guard rings.contains(where: { $0.1 != nil }) else { return Polygon(rings: rings.map(\.0)) }
        return Polygon(rings: rings.map(\.0), z: rings.map { $0.1 ?? [Double](repeating: .nan, count: $0.0.count) })
    }

    /// Reads the rings of a polygon: each closed, with at least 4 positions.
    private mutating func rings() throws(GeoIOError) -> [([Coordinate], [Double]?)] {
        try array { (s) throws(GeoIOError) in
            _ = s.json.peek()
            let start = s.json.i
            let (ring, z) = try s.positions(minimum: 4)
            if ring.isEmpty { throw .tooFewPositions(count: 0, minimum: 4, at: .json(path: "", offset: start)) }
            if !ring[0].equals2D(ring[ring.count - 1]) { throw .ringNotClosed(at: .json(path: "", offset: start)) }
            return (ring, z)
        }
    }
}
