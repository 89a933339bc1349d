/// Where a CRS is meant to be used, as a longitude/latitude box in degrees (EPSG's
/// "area of use").
public struct AreaOfUse: Hashable, Sendable {
    /// Western limit, degrees of longitude (greater than ``east`` when the area crosses the antimeridian).
    public var west: Double
    /// Southern limit, degrees of latitude.
    public var south: Double
    /// Eastern limit, degrees of longitude.
    public var east: Double
    /// Northern limit, degrees of latitude.
    public var north: Double
    /// EPSG's description, e.g. "Republic of Korea (South Korea) - onshore and offshore."
    public var name: String

    /// Creates an area of use.
    public init(west: Double, south: Double, east: Double, north: Double, name: String) {
        self.west = west
        self.south = south
        self.east = east
        self.north = north
        self.name = name
    }
}

/// A reference ellipsoid, as geodesic computations need it.
public struct Ellipsoid: Hashable, Sendable {
    /// Equatorial radius, metres.
    public var semiMajorAxis: Double
    /// Inverse flattening `a / (a - b)`; 0 for a sphere.
    public var inverseFlattening: Double

    /// Creates an ellipsoid.
    public init(semiMajorAxis: Double, inverseFlattening: Double) {
        self.semiMajorAxis = semiMajorAxis
        self.inverseFlattening = inverseFlattening
    }

    /// Flattening `1 / inverseFlattening` (0 for a sphere).
    public var flattening: Double { inverseFlattening == 0 ? 0 : 1 / inverseFlattening }

    /// WGS 84 (EPSG:7030): a = 6,378,137 m, 1/f = 298.257223563.
    public static let wgs84 = Ellipsoid(semiMajorAxis: 6_378_137, inverseFlattening: 298.257223563)

    /// GRS 1980 (EPSG:7019), the ellipsoid of Korea 2000: a = 6,378,137 m, 1/f = 298.257222101.
    public static let grs80 = Ellipsoid(semiMajorAxis: 6_378_137, inverseFlattening: 298.257222101)
}
