/// A 2D position in a coordinate reference system: 16 bytes, two `Double`s.
///
/// `x` is the easting or longitude and `y` the northing or latitude, always in that order
/// (GeoTwin never swaps axes). Heights (`z`) and measures (`m`) are held beside the 2D
/// coordinates by the geometry that owns them (``Point/z``, ``LineString/z``, ``Polygon/z``), as
/// one optional array per sequence, so the planar algorithms, indexes and renderers walk packed
/// 16-byte coordinates. ``Position`` is the 4D view of one vertex for code that needs all four.
public struct Coordinate: Hashable, Sendable {
    /// Easting, or longitude in degrees for geographic data.
    public var x: Double
    /// Northing, or latitude in degrees for geographic data.
    public var y: Double

    /// Creates a coordinate.
    @inlinable
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// Creates a coordinate from `(x, y)`.
    @inlinable
    public init(_ x: Double, _ y: Double) {
        self.init(x: x, y: y)
    }

    /// True when `x` and `y` are finite numbers.
    @inlinable
    public var isFinite: Bool { x.isFinite && y.isFinite }

    /// The same coordinate (kept for code written when coordinates carried z and m).
    @inlinable
    public var xy: Coordinate { self }

    /// True when `x` and `y` are equal.
    @inlinable
    public func equals2D(_ other: Coordinate) -> Bool {
        x == other.x && y == other.y
    }
}

/// One vertex with its optional height and measure: the 4D view the codecs read and write.
/// Geometries store vertices as packed ``Coordinate``s with `z` and `m` arrays beside them; a
/// `Position` is built on demand (``LineString/positions``) and never stored in bulk.
public struct Position: Hashable, Sendable {
    /// Easting or longitude.
    public var x: Double
    /// Northing or latitude.
    public var y: Double
    /// Optional height (units of the CRS).
    public var z: Double?
    /// Optional measure (linear referencing value).
    public var m: Double?

    /// Creates a position.
    @inlinable
    public init(x: Double, y: Double, z: Double? = nil, m: Double? = nil) {
        self.x = x
        self.y = y
        self.z = z
        self.m = m
    }

    /// The position of `coordinate` with `z` and `m`.
    @inlinable
    public init(_ coordinate: Coordinate, z: Double? = nil, m: Double? = nil) {
        self.init(x: coordinate.x, y: coordinate.y, z: z, m: m)
    }

    /// The 2D coordinate.
    @inlinable
    public var coordinate: Coordinate { Coordinate(x: x, y: y) }

    /// True when every ordinate present is finite.
    @inlinable
    public var isFinite: Bool {
        x.isFinite && y.isFinite && (z?.isFinite ?? true) && (m?.isFinite ?? true)
    }
}

/// Splitting positions into packed coordinates and optional z/m arrays, and joining them back.
public enum PositionSequence {
    /// The coordinates of `positions`, with a z array when any position has z (NaN where one
    /// lacks it) and likewise for m.
    public static func split(_ positions: [Position]) -> (coordinates: [Coordinate], z: [Double]?, m: [Double]?) {
        let coordinates = positions.map(\.coordinate)
        let z = positions.contains { $0.z != nil } ? positions.map { $0.z ?? .nan } : nil
        let m = positions.contains { $0.m != nil } ? positions.map { $0.m ?? .nan } : nil
        return (coordinates, z, m)
    }

    /// The positions of `coordinates` with their `z` and `m` values, when given.
    public static func join(_ coordinates: [Coordinate], z: [Double]?, m: [Double]?) -> [Position] {
        coordinates.indices.map { i in Position(coordinates[i], z: z?[i], m: m?[i]) }
    }
}
