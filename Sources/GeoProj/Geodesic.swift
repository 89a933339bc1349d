public import GeoCore
internal import CPROJ

/// Distances, lengths and areas on an ellipsoid (PROJ's geodesic routines, after Karney 2013),
/// for coordinates in degrees with x = longitude and y = latitude.
///
/// Results are exact to within nanometres for distances and square millimetres for areas,
/// whatever the size of the geometry; planar measures in a projected CRS are not.
///
/// ```swift
/// let wgs84 = Geodesic()
/// let metres = try wgs84.distance(from: Coordinate(126.978, 37.567), to: Coordinate(129.076, 35.180))
/// ```
public struct Geodesic: Hashable, Sendable {
    /// The ellipsoid measured on.
    public let ellipsoid: Ellipsoid

    /// Measures on `ellipsoid` (WGS 84 by default).
    public init(ellipsoid: Ellipsoid = .wgs84) {
        self.ellipsoid = ellipsoid
    }

    /// Measures on the ellipsoid of `crs`'s datum; coordinates are then longitude/latitude on
    /// that datum (GRS 80 for the Korea 2000 systems).
    public init(crs: CRS) throws(ProjError) {
        try self.init(crs: crs.resolved())
    }

    /// Measures on the ellipsoid of a resolved CRS's datum.
    public init(crs: ResolvedCRS) throws(ProjError) {
        guard let ellipsoid = crs.ellipsoid else {
            throw .invalidArgument("\(crs.description) has no ellipsoid to measure on")
        }
        self.ellipsoid = ellipsoid
    }

    private func geodesic() -> geod_geodesic {
        var g = geod_geodesic()
        geod_init(&g, ellipsoid.semiMajorAxis, ellipsoid.flattening)
        return g
    }

    private func validate(_ c: Coordinate) throws(ProjError) {
        guard c.x.isFinite, c.y.isFinite else {
            throw .invalidCoordinate(point: c, reason: "longitude and latitude must be finite numbers")
        }
        guard abs(c.y) <= 90 else {
            throw .invalidCoordinate(point: c, reason: "latitude \(c.y) is beyond ±90 degrees")
        }
    }

    /// The length of the shortest path on the ellipsoid between `a` and `b`, in metres.
    public func distance(from a: Coordinate, to b: Coordinate) throws(ProjError) -> Double {
        try validate(a)
        try validate(b)
        var g = geodesic()
        var s12 = 0.0
        geod_inverse(&g, a.y, a.x, b.y, b.x, &s12, nil, nil)
        return s12
    }

    /// The length of a path through `coordinates` along geodesics, in metres (0 for fewer than
    /// two points).
    public func length(of coordinates: [Coordinate]) throws(ProjError) -> Double {
        for c in coordinates { try validate(c) }
        var g = geodesic()
        var total = 0.0
        for i in coordinates.indices.dropFirst() {
            var s12 = 0.0
            geod_inverse(&g, coordinates[i - 1].y, coordinates[i - 1].x, coordinates[i].y, coordinates[i].x, &s12, nil, nil)
            total += s12
        }
        return total
    }

    /// The length of lines, or the perimeter of polygons (every ring), in metres; 0 for points.
    public func length(_ geometry: Geometry) throws(ProjError) -> Double {
        switch geometry {
        case .point, .multiPoint:
            return 0
        case .lineString(let line):
            return try length(of: line.coordinates)
        case .multiLineString(let lines):
            var total = 0.0
            for line in lines.lineStrings { total += try length(of: line.coordinates) }
            return total
        case .polygon(let polygon):
            var total = 0.0
            for ring in polygon.rings { total += try length(of: ring) }
            return total
        case .multiPolygon(let polygons):
            var total = 0.0
            for polygon in polygons.polygons { total += try length(.polygon(polygon)) }
            return total
        case .geometryCollection(let collection):
            var total = 0.0
            for member in collection.geometries { total += try length(member) }
            return total
        }
    }

    /// The area enclosed by one ring, in square metres, whatever its orientation.
    public func area(ofRing ring: [Coordinate]) throws(ProjError) -> Double {
        guard ring.count >= 3 else { return 0 }
        guard let n = Int32(exactly: ring.count) else {
            throw .invalidArgument("a ring of \(ring.count) vertices is too long for PROJ's polygon area")
        }
        for c in ring { try validate(c) }
        var lats = ring.map(\.y)
        var lons = ring.map(\.x)
        var g = geodesic()
        var area = 0.0
        var perimeter = 0.0
        geod_polygonarea(&g, &lats, &lons, n, &area, &perimeter)
        return abs(area)
    }

    /// The area of a polygon on the ellipsoid, holes subtracted, in square metres.
    public func area(of polygon: Polygon) throws(ProjError) -> Double {
        var total = try area(ofRing: polygon.exterior)
        for hole in polygon.holes { total -= try area(ofRing: hole) }
        return total
    }

    /// The area of the polygons of `geometry` (holes subtracted), in square metres; 0 for points
    /// and lines.
    public func area(_ geometry: Geometry) throws(ProjError) -> Double {
        switch geometry {
        case .point, .multiPoint, .lineString, .multiLineString:
            return 0
        case .polygon(let polygon):
            return try area(of: polygon)
        case .multiPolygon(let polygons):
            var total = 0.0
            for polygon in polygons.polygons { total += try area(of: polygon) }
            return total
        case .geometryCollection(let collection):
            var total = 0.0
            for member in collection.geometries { total += try area(member) }
            return total
        }
    }
}
