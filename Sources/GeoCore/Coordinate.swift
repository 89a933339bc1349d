/// A position in a coordinate reference system.
///
/// `x` is the easting or longitude and `y` the northing or latitude, always in that order
/// (GeoTwin never swaps axes). `z` is an optional height and `m` an optional measure; both are
/// carried through the codecs but ignored by the planar algorithms.
public struct Coordinate: Hashable, Sendable {
    /// Easting, or longitude in degrees for geographic data.
    public var x: Double
    /// Northing, or latitude in degrees for geographic data.
    public var y: Double
    /// Optional height (units of the CRS).
    public var z: Double?
    /// Optional measure (linear referencing value).
    public var m: Double?

    /// Creates a coordinate.
    @inlinable
    public init(x: Double, y: Double, z: Double? = nil, m: Double? = nil) {
        self.x = x
        self.y = y
        self.z = z
        self.m = m
    }

    /// Creates a 2D coordinate from `(x, y)`.
    @inlinable
    public init(_ x: Double, _ y: Double) {
        self.init(x: x, y: y)
    }

    /// True when `x` and `y` (and `z`, `m` where present) are finite numbers.
    @inlinable
    public var isFinite: Bool {
        x.isFinite && y.isFinite && (z?.isFinite ?? true) && (m?.isFinite ?? true)
    }

    /// The same position without `z` and `m`.
    @inlinable
    public var xy: Coordinate { Coordinate(x: x, y: y) }

    /// True when `x` and `y` are equal (`z` and `m` are not compared).
    @inlinable
    public func equals2D(_ other: Coordinate) -> Bool {
        x == other.x && y == other.y
    }
}
