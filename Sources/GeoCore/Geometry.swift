/// A point. An empty point (`POINT EMPTY` in WKT) has no coordinate.
public struct Point: Hashable, Sendable {
    /// The position, or `nil` for the empty point.
    public var coordinate: Coordinate?

    /// Creates a point at `coordinate`.
    @inlinable
    public init(_ coordinate: Coordinate) { self.coordinate = coordinate }

    /// Creates a 2D point.
    @inlinable
    public init(x: Double, y: Double) { self.coordinate = Coordinate(x: x, y: y) }

    /// Creates a point that may be empty.
    @inlinable
    public init(coordinate: Coordinate?) { self.coordinate = coordinate }

    /// The empty point.
    public static let empty = Point(coordinate: nil)
}

/// A sequence of two or more positions joined by straight segments (or none, for the empty line).
public struct LineString: Hashable, Sendable {
    /// The vertices in order.
    public var coordinates: [Coordinate]

    /// Creates a line from its vertices.
    @inlinable
    public init(_ coordinates: [Coordinate]) { self.coordinates = coordinates }

    /// True when the line has vertices and its first and last are equal in x and y.
    @inlinable
    public var isClosed: Bool {
        guard let first = coordinates.first, let last = coordinates.last else { return false }
        return first.equals2D(last)
    }
}

/// A polygon: one exterior ring and zero or more holes. Each ring is closed (first vertex equals
/// the last). The codecs keep ring orientation as read; the GeoJSON writer applies the
/// right-hand rule (exterior counter-clockwise, holes clockwise).
public struct Polygon: Hashable, Sendable {
    /// The outer boundary; empty for the empty polygon.
    public var exterior: [Coordinate]
    /// The inner boundaries.
    public var holes: [[Coordinate]]

    /// Creates a polygon from an exterior ring and holes.
    @inlinable
    public init(exterior: [Coordinate], holes: [[Coordinate]] = []) {
        self.exterior = exterior
        self.holes = holes
    }

    /// Creates a polygon from its rings, exterior first (the order of WKB, WKT and GeoJSON).
    @inlinable
    public init(rings: [[Coordinate]]) {
        self.exterior = rings.first ?? []
        self.holes = Array(rings.dropFirst())
    }

    /// All rings, exterior first; no rings for the empty polygon.
    @inlinable
    public var rings: [[Coordinate]] { exterior.isEmpty && holes.isEmpty ? [] : [exterior] + holes }

    /// The empty polygon.
    public static let empty = Polygon(exterior: [])
}

/// A collection of points.
public struct MultiPoint: Hashable, Sendable {
    public var points: [Point]
    @inlinable
    public init(_ points: [Point]) { self.points = points }
    /// Creates a multipoint from coordinates.
    @inlinable
    public init(coordinates: [Coordinate]) { self.points = coordinates.map(Point.init) }
}

/// A collection of line strings.
public struct MultiLineString: Hashable, Sendable {
    public var lineStrings: [LineString]
    @inlinable
    public init(_ lineStrings: [LineString]) { self.lineStrings = lineStrings }
}

/// A collection of polygons (valid when their interiors do not overlap).
public struct MultiPolygon: Hashable, Sendable {
    public var polygons: [Polygon]
    @inlinable
    public init(_ polygons: [Polygon]) { self.polygons = polygons }
}

/// A heterogeneous collection of geometries (may nest).
public struct GeometryCollection: Hashable, Sendable {
    public var geometries: [Geometry]
    @inlinable
    public init(_ geometries: [Geometry]) { self.geometries = geometries }
}

/// Any of the seven OGC Simple Features geometry types, as a plain value.
public enum Geometry: Hashable, Sendable {
    case point(Point)
    case lineString(LineString)
    case polygon(Polygon)
    case multiPoint(MultiPoint)
    case multiLineString(MultiLineString)
    case multiPolygon(MultiPolygon)
    case geometryCollection(GeometryCollection)

    /// The OGC type of a geometry.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case point = "Point"
        case lineString = "LineString"
        case polygon = "Polygon"
        case multiPoint = "MultiPoint"
        case multiLineString = "MultiLineString"
        case multiPolygon = "MultiPolygon"
        case geometryCollection = "GeometryCollection"
    }

    /// The OGC type of this geometry.
    public var kind: Kind {
        switch self {
        case .point: .point
        case .lineString: .lineString
        case .polygon: .polygon
        case .multiPoint: .multiPoint
        case .multiLineString: .multiLineString
        case .multiPolygon: .multiPolygon
        case .geometryCollection: .geometryCollection
        }
    }

    /// The dimension family of a geometry type: single and multi types of one dimension share
    /// a family.
    public enum Family: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
        /// Point and MultiPoint.
        case point
        /// LineString and MultiLineString.
        case line
        /// Polygon and MultiPolygon.
        case polygon
        /// GeometryCollection (any mix).
        case collection

        public var description: String { rawValue }
    }

    /// The family of this geometry's type.
    public var family: Family {
        switch self {
        case .point, .multiPoint: .point
        case .lineString, .multiLineString: .line
        case .polygon, .multiPolygon: .polygon
        case .geometryCollection: .collection
        }
    }

    /// True when the geometry has no coordinate at all.
    public var isEmpty: Bool {
        var empty = true
        forEachCoordinate { _ in empty = false }
        return empty
    }

    /// Calls `body` for every vertex, in storage order (rings keep their closing vertex).
    public func forEachCoordinate(_ body: (Coordinate) throws -> Void) rethrows {
        switch self {
        case .point(let p):
            if let c = p.coordinate { try body(c) }
        case .lineString(let l):
            for c in l.coordinates { try body(c) }
        case .polygon(let p):
            for c in p.exterior { try body(c) }
            for h in p.holes { for c in h { try body(c) } }
        case .multiPoint(let mp):
            for p in mp.points { if let c = p.coordinate { try body(c) } }
        case .multiLineString(let ml):
            for l in ml.lineStrings { for c in l.coordinates { try body(c) } }
        case .multiPolygon(let mp):
            for p in mp.polygons {
                for c in p.exterior { try body(c) }
                for h in p.holes { for c in h { try body(c) } }
            }
        case .geometryCollection(let gc):
            for g in gc.geometries { try g.forEachCoordinate(body) }
        }
    }

    /// The number of vertices.
    public var coordinateCount: Int {
        var n = 0
        forEachCoordinate { _ in n += 1 }
        return n
    }

    /// True when any vertex carries a `z` value.
    public var hasZ: Bool {
        var found = false
        forEachCoordinate { if $0.z != nil { found = true } }
        return found
    }

    /// True when any vertex carries an `m` value.
    public var hasM: Bool {
        var found = false
        forEachCoordinate { if $0.m != nil { found = true } }
        return found
    }

    /// Returns the geometry with every vertex replaced by `transform(vertex)`.
    public func mapCoordinates(_ transform: (Coordinate) throws -> Coordinate) rethrows -> Geometry {
        func ring(_ r: [Coordinate]) throws -> [Coordinate] { try r.map(transform) }
        func poly(_ p: Polygon) throws -> Polygon {
            Polygon(exterior: try ring(p.exterior), holes: try p.holes.map(ring))
        }
        switch self {
        case .point(let p):
            return .point(Point(coordinate: try p.coordinate.map(transform)))
        case .lineString(let l):
            return .lineString(LineString(try ring(l.coordinates)))
        case .polygon(let p):
            return .polygon(try poly(p))
        case .multiPoint(let mp):
            return .multiPoint(MultiPoint(try mp.points.map { Point(coordinate: try $0.coordinate.map(transform)) }))
        case .multiLineString(let ml):
            return .multiLineString(MultiLineString(try ml.lineStrings.map { LineString(try ring($0.coordinates)) }))
        case .multiPolygon(let mp):
            return .multiPolygon(MultiPolygon(try mp.polygons.map(poly)))
        case .geometryCollection(let gc):
            return .geometryCollection(GeometryCollection(try gc.geometries.map { try $0.mapCoordinates(transform) }))
        }
    }
}
