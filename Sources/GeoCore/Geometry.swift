/// A point. An empty point (`POINT EMPTY` in WKT) has no coordinate.
public struct Point: Hashable, Sendable {
    /// The position, or `nil` for the empty point.
    public var coordinate: Coordinate?
    /// The height, when the point has one.
    public var z: Double?
    /// The measure, when the point has one.
    public var m: Double?

    /// Creates a point at `coordinate`.
    @inlinable
    public init(_ coordinate: Coordinate) { self.coordinate = coordinate }

    /// Creates a 2D point.
    @inlinable
    public init(x: Double, y: Double) { self.coordinate = Coordinate(x: x, y: y) }

    /// Creates a point that may be empty, with an optional height and measure.
    @inlinable
    public init(coordinate: Coordinate?, z: Double? = nil, m: Double? = nil) {
        self.coordinate = coordinate
        self.z = coordinate == nil ? nil : z
        self.m = coordinate == nil ? nil : m
    }

    /// Creates a point at `position` (its z and m kept).
    @inlinable
    public init(position: Position) {
        self.init(coordinate: position.coordinate, z: position.z, m: position.m)
    }

    /// The 4D position, or nil for the empty point.
    @inlinable
    public var position: Position? { coordinate.map { Position($0, z: z, m: m) } }

    /// The empty point.
    public static let empty = Point(coordinate: nil)
}

/// A sequence of two or more positions joined by straight segments (or none, for the empty line).
public struct LineString: Hashable, Sendable {
    /// The vertices in order.
    public var coordinates: [Coordinate]
    /// The vertices' heights, one per vertex, when the line has heights.
    public var z: [Double]?
    /// The vertices' measures, one per vertex, when the line has measures.
    public var m: [Double]?

    /// Creates a line from its vertices (and their heights and measures, one per vertex).
    @inlinable
    public init(_ coordinates: [Coordinate], z: [Double]? = nil, m: [Double]? = nil) {
        precondition(z.map { $0.count == coordinates.count } ?? true && m.map { $0.count == coordinates.count } ?? true,
                     "one z and one m value per vertex")
        self.coordinates = coordinates
        self.z = z
        self.m = m
    }

    /// Creates a line from 4D positions.
    @inlinable
    public init(positions: [Position]) {
        let (c, z, m) = PositionSequence.split(positions)
        self.init(c, z: z, m: m)
    }

    /// The vertices as 4D positions.
    @inlinable
    public var positions: [Position] { PositionSequence.join(coordinates, z: z, m: m) }

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
    /// Heights per ring (exterior first, then the holes), one per vertex, when the polygon has heights.
    public var z: [[Double]]?
    /// Measures per ring (exterior first, then the holes), one per vertex, when the polygon has measures.
    public var m: [[Double]]?

    /// Creates a polygon from an exterior ring and holes.
    @inlinable
    public init(exterior: [Coordinate], holes: [[Coordinate]] = []) {
        self.exterior = exterior
        self.holes = holes
    }

    /// Creates a polygon from its rings, exterior first (the order of WKB, WKT and GeoJSON), with
    /// heights and measures per ring when given.
    @inlinable
    public init(rings: [[Coordinate]], z: [[Double]]? = nil, m: [[Double]]? = nil) {
        self.exterior = rings.first ?? []
        self.holes = Array(rings.dropFirst())
        self.z = z
        self.m = m
    }

    /// Creates a polygon from rings of 4D positions, exterior first.
    @inlinable
    public init(positionRings: [[Position]]) {
        let parts = positionRings.map(PositionSequence.split)
        self.init(rings: parts.map(\.coordinates),
                  z: parts.contains { $0.z != nil } ? parts.map { $0.z ?? [Double](repeating: .nan, count: $0.coordinates.count) } : nil,
                  m: parts.contains { $0.m != nil } ? parts.map { $0.m ?? [Double](repeating: .nan, count: $0.coordinates.count) } : nil)
    }

    /// All rings, exterior first; no rings for the empty polygon.
    @inlinable
    public var rings: [[Coordinate]] { exterior.isEmpty && holes.isEmpty ? [] : [exterior] + holes }

    /// All rings as 4D positions, exterior first.
    @inlinable
    public var positionRings: [[Position]] {
        rings.enumerated().map { i, ring in PositionSequence.join(ring, z: z?[i], m: m?[i]) }
    }

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
    /// Decided from the parts' sizes, without visiting vertices.
    public var isEmpty: Bool {
        switch self {
        case .point(let p): p.coordinate == nil
        case .lineString(let l): l.coordinates.isEmpty
        case .polygon(let p): p.exterior.isEmpty && p.holes.allSatisfy(\.isEmpty)
        case .multiPoint(let mp): mp.points.allSatisfy { $0.coordinate == nil }
        case .multiLineString(let ml): ml.lineStrings.allSatisfy { $0.coordinates.isEmpty }
        case .multiPolygon(let mp): mp.polygons.allSatisfy { $0.exterior.isEmpty && $0.holes.allSatisfy(\.isEmpty) }
        case .geometryCollection(let gc): gc.geometries.allSatisfy(\.isEmpty)
        }
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
        switch self {
        case .point(let p): p.coordinate == nil ? 0 : 1
        case .lineString(let l): l.coordinates.count
        case .polygon(let p): p.holes.reduce(p.exterior.count) { $0 + $1.count }
        case .multiPoint(let mp): mp.points.reduce(0) { $0 + ($1.coordinate == nil ? 0 : 1) }
        case .multiLineString(let ml): ml.lineStrings.reduce(0) { $0 + $1.coordinates.count }
        case .multiPolygon(let mp): mp.polygons.reduce(0) { $0 + Geometry.polygon($1).coordinateCount }
        case .geometryCollection(let gc): gc.geometries.reduce(0) { $0 + $1.coordinateCount }
        }
    }

    /// True when any part carries heights (`z`).
    public var hasZ: Bool {
        switch self {
        case .point(let p): p.z != nil
        case .lineString(let l): l.z != nil
        case .polygon(let p): p.z != nil
        case .multiPoint(let mp): mp.points.contains { $0.z != nil }
        case .multiLineString(let ml): ml.lineStrings.contains { $0.z != nil }
        case .multiPolygon(let mp): mp.polygons.contains { $0.z != nil }
        case .geometryCollection(let gc): gc.geometries.contains { $0.hasZ }
        }
    }

    /// True when any part carries measures (`m`).
    public var hasM: Bool {
        switch self {
        case .point(let p): p.m != nil
        case .lineString(let l): l.m != nil
        case .polygon(let p): p.m != nil
        case .multiPoint(let mp): mp.points.contains { $0.m != nil }
        case .multiLineString(let ml): ml.lineStrings.contains { $0.m != nil }
        case .multiPolygon(let mp): mp.polygons.contains { $0.m != nil }
        case .geometryCollection(let gc): gc.geometries.contains { $0.hasM }
        }
    }

    /// Calls `body` for every vertex as a 4D position, in storage order.
    public func forEachPosition(_ body: (Position) throws -> Void) rethrows {
        switch self {
        case .point(let p): if let q = p.position { try body(q) }
        case .lineString(let l): for q in l.positions { try body(q) }
        case .polygon(let p): for r in p.positionRings { for q in r { try body(q) } }
        case .multiPoint(let mp): for p in mp.points { if let q = p.position { try body(q) } }
        case .multiLineString(let ml): for l in ml.lineStrings { for q in l.positions { try body(q) } }
        case .multiPolygon(let mp): for p in mp.polygons { for r in p.positionRings { for q in r { try body(q) } } }
        case .geometryCollection(let gc): for g in gc.geometries { try g.forEachPosition(body) }
        }
    }

    /// The geometry without heights and measures.
    public var dropZM: Geometry {
        switch self {
        case .point(let p): .point(Point(coordinate: p.coordinate))
        case .lineString(let l): .lineString(LineString(l.coordinates))
        case .polygon(let p): .polygon(Polygon(exterior: p.exterior, holes: p.holes))
        case .multiPoint(let mp): .multiPoint(MultiPoint(mp.points.map { Point(coordinate: $0.coordinate) }))
        case .multiLineString(let ml): .multiLineString(MultiLineString(ml.lineStrings.map { LineString($0.coordinates) }))
        case .multiPolygon(let mp): .multiPolygon(MultiPolygon(mp.polygons.map { Polygon(exterior: $0.exterior, holes: $0.holes) }))
        case .geometryCollection(let gc): .geometryCollection(GeometryCollection(gc.geometries.map(\.dropZM)))
        }
    }

    /// Returns the geometry with every vertex replaced by `transform(vertex)` (x and y; heights
    /// and measures are kept).
    public func mapCoordinates(_ transform: (Coordinate) throws -> Coordinate) rethrows -> Geometry {
        try mapPositions { p in
            let c = try transform(p.coordinate)
            return Position(c, z: p.z, m: p.m)
        }
    }

    /// Returns the geometry with every vertex replaced by `transform(position)`: x, y and z
    /// (m as the transform returns it). A part whose transform drops z for every vertex loses it.
    public func mapPositions(_ transform: (Position) throws -> Position) rethrows -> Geometry {
        func line(_ l: LineString) throws -> LineString {
            guard l.z != nil || l.m != nil else {
                return LineString(try l.coordinates.map { try transform(Position($0)).coordinate })
            }
            return LineString(positions: try l.positions.map(transform))
        }
        func poly(_ p: Polygon) throws -> Polygon {
            guard p.z != nil || p.m != nil else {
                return Polygon(exterior: try p.exterior.map { try transform(Position($0)).coordinate },
                               holes: try p.holes.map { try $0.map { try transform(Position($0)).coordinate } })
            }
            return Polygon(positionRings: try p.positionRings.map { try $0.map(transform) })
        }
        func point(_ p: Point) throws -> Point {
            guard let q = p.position else { return p }
            return Point(position: try transform(q))
        }
        switch self {
        case .point(let p): return .point(try point(p))
        case .lineString(let l): return .lineString(try line(l))
        case .polygon(let p): return .polygon(try poly(p))
        case .multiPoint(let mp): return .multiPoint(MultiPoint(try mp.points.map(point)))
        case .multiLineString(let ml): return .multiLineString(MultiLineString(try ml.lineStrings.map(line)))
        case .multiPolygon(let mp): return .multiPolygon(MultiPolygon(try mp.polygons.map(poly)))
        case .geometryCollection(let gc):
            return .geometryCollection(GeometryCollection(try gc.geometries.map { try $0.mapPositions(transform) }))
        }
    }
}
