import Testing
@testable import GeoCore

@Suite struct CentroidTests {
    @Test func emptyHasNoCentroid() {
        #expect(Geometry.point(.empty).centroid == nil)
        #expect(Geometry.geometryCollection(GeometryCollection([])).centroid == nil)
    }

    @Test func squareCentroidIsItsCentre() throws {
        let sq = Polygon(exterior: [Coordinate(0, 0), Coordinate(2, 0), Coordinate(2, 2), Coordinate(0, 2), Coordinate(0, 0)])
        let c = try #require(Geometry.polygon(sq).centroid)
        #expect(c.x == 1 && c.y == 1)
    }

    @Test(arguments: PlanarFixtures.cases.map(\.name))
    func matchesShapely(name: String) throws {
        let c = try #require(PlanarFixtures.named(name))
        guard let expected = c.record["centroid"] as? [Double] else {
            #expect(c.geometry.centroid == nil)
            return
        }
        let got = try #require(c.geometry.centroid, "\(name) has a centroid in shapely")
        #expect(close(got.x, expected[0], 1e-10) && close(got.y, expected[1], 1e-10), "\(name): \(got) vs \(expected)")
    }
}
