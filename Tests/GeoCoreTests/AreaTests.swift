import Testing
@testable import GeoCore

@Suite struct AreaTests {
    @Test func unitSquareOrientation() {
        let ccw = [Coordinate(0, 0), Coordinate(1, 0), Coordinate(1, 1), Coordinate(0, 1), Coordinate(0, 0)]
        #expect(Ring.signedArea(ccw) == 1)
        #expect(Ring.signedArea(Array(ccw.reversed())) == -1)
        #expect(Ring.isCounterClockwise(ccw))
        #expect(Polygon(exterior: Array(ccw.reversed())).area == 1)
    }

    @Test func holesSubtractWhateverTheirOrientation() {
        let outer = [Coordinate(0, 0), Coordinate(10, 0), Coordinate(10, 10), Coordinate(0, 10), Coordinate(0, 0)]
        let hole = [Coordinate(2, 2), Coordinate(4, 2), Coordinate(4, 4), Coordinate(2, 4), Coordinate(2, 2)]
        #expect(Polygon(exterior: outer, holes: [hole]).area == 96)
        #expect(Polygon(exterior: outer, holes: [Array(hole.reversed())]).area == 96)
        #expect(Polygon(exterior: Array(outer.reversed()), holes: [hole]).signedArea == -96)
    }

    @Test func degenerateRingsHaveNoArea() {
        #expect(Ring.signedArea([]) == 0)
        #expect(Ring.signedArea([Coordinate(0, 0), Coordinate(1, 1)]) == 0)
        #expect(Geometry.lineString(LineString([Coordinate(0, 0), Coordinate(1, 1)])).area == 0)
    }

    @Test(arguments: PlanarFixtures.cases.map(\.name))
    func matchesShapely(name: String) throws {
        let c = try #require(PlanarFixtures.named(name))
        let expected = try #require(c.record["area"] as? Double)
        #expect(close(c.geometry.area, expected, 1e-12), "\(name): \(c.geometry.area) vs \(expected)")
    }

    @Test func fixturesLoaded() {
        #expect(PlanarFixtures.cases.count == 14)
    }
}
