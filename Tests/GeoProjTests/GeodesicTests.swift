import GeoCore
import Testing
@testable import GeoProj

@Suite struct GeodesicTests {
    let wgs84 = Geodesic()

    @Test func distancesMatchPyprojToAMillimetre() throws {
        for row in try ProjFixtures.load().distances {
            let d = try wgs84.distance(from: Coordinate(row.a), to: Coordinate(row.b))
            #expect(abs(d - row.metres) < 1e-3, "\(row.from)-\(row.to): \(d)")
        }
    }

    @Test func lineLengthsMatchPyproj() throws {
        for row in try ProjFixtures.load().lengths {
            let line = LineString(row.coordinates.map(Coordinate.init))
            #expect(abs(try wgs84.length(of: line.coordinates) - row.metres) < 1e-3, "\(row.name)")
            #expect(abs(try wgs84.length(.multiLineString(MultiLineString([line, line]))) - 2 * row.metres) < 2e-3)
        }
    }

    @Test func polygonAreasWithHolesMatchPyprojToASquareMetre() throws {
        for row in try ProjFixtures.load().areas {
            let rings = row.rings.map { $0.map(Coordinate.init) }
            let polygon = Polygon(rings: rings)
            #expect(abs(try wgs84.area(of: polygon) - row.squareMetres) < 1, "\(row.name)")
            let reversed = Polygon(rings: rings.map { Array($0.reversed()) })
            #expect(abs(try wgs84.area(.polygon(reversed)) - row.squareMetres) < 1, "\(row.name) reversed")
        }
    }

    @Test func crsEllipsoidAndBadCoordinates() throws {
        let grs80 = try Geodesic(crs: CRS(epsg: 5179))
        #expect(grs80.ellipsoid.semiMajorAxis == 6_378_137)
        #expect(abs(grs80.ellipsoid.inverseFlattening - 298.257222101) < 1e-9)
        #expect(throws: ProjError.self) { _ = try wgs84.distance(from: Coordinate(0, 91), to: Coordinate(0, 0)) }
        #expect(throws: ProjError.self) { _ = try wgs84.length(of: [Coordinate(0, 0), Coordinate(.infinity, 0)]) }
        #expect(try wgs84.area(.lineString(LineString([Coordinate(0, 0), Coordinate(1, 1)]))) == 0)
        #expect(try wgs84.length(.point(Point(x: 0, y: 0))) == 0)
    }
}
