import Testing
@testable import GeoCore

@Suite struct LengthTests {
    @Test func threeFourFive() {
        #expect(Path.length([Coordinate(0, 0), Coordinate(3, 4)]) == 5)
        #expect(Path.length([Coordinate(0, 0)]) == 0)
    }

    @Test func polygonLengthIsPerimeterOfAllRings() {
        let p = Polygon(rings: [
            [Coordinate(0, 0), Coordinate(10, 0), Coordinate(10, 10), Coordinate(0, 10), Coordinate(0, 0)],
            [Coordinate(2, 2), Coordinate(4, 2), Coordinate(4, 4), Coordinate(2, 4), Coordinate(2, 2)],
        ])
        #expect(Geometry.polygon(p).length == 48)
    }

    @Test func hypotDoesNotOverflow() {
        #expect(close(Path.length([Coordinate(0, 0), Coordinate(3e200, 4e200)]), 5e200, 1e-15))
    }

    @Test(arguments: PlanarFixtures.cases.map(\.name))
    func matchesShapely(name: String) throws {
        let c = try #require(PlanarFixtures.named(name))
        let expected = try #require(c.record["length"] as? Double)
        #expect(close(c.geometry.length, expected, 1e-12), "\(name): \(c.geometry.length) vs \(expected)")
    }
}
