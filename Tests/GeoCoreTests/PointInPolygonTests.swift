import Testing
@testable import GeoCore

@Suite struct PointInPolygonTests {
    let square = Polygon(
        exterior: [Coordinate(0, 0), Coordinate(10, 0), Coordinate(10, 10), Coordinate(0, 10), Coordinate(0, 0)],
        holes: [[Coordinate(4, 4), Coordinate(6, 4), Coordinate(6, 6), Coordinate(4, 6), Coordinate(4, 4)]])

    @Test func boundaryRule() {
        #expect(square.locate(Coordinate(0, 5)) == .boundary)       // on an exterior edge
        #expect(square.locate(Coordinate(10, 10)) == .boundary)     // on a vertex
        #expect(square.locate(Coordinate(5, 4)) == .boundary)       // on a hole edge
        #expect(square.locate(Coordinate(5, 5)) == .exterior)       // inside the hole
        #expect(square.locate(Coordinate(1, 1)) == .interior)
        #expect(square.locate(Coordinate(-1, 5)) == .exterior)
        #expect(!square.contains(Coordinate(0, 5)))
        #expect(square.covers(Coordinate(0, 5)))
    }

    @Test func rayThroughVertexCountsOnce() {
        // A diamond: a horizontal ray from (0, 0) passes exactly through the vertices (2, 0) and (-2, 0).
        let diamond = Polygon(exterior: [Coordinate(-2, 0), Coordinate(0, -2), Coordinate(2, 0), Coordinate(0, 2), Coordinate(-2, 0)])
        #expect(diamond.locate(Coordinate(0, 0)) == .interior)
        #expect(diamond.locate(Coordinate(-3, 0)) == .exterior)
        #expect(diamond.locate(Coordinate(3, 0)) == .exterior)
    }

    @Test func multipolygonMembers() {
        let mp = MultiPolygon([square, Polygon(exterior: [Coordinate(20, 0), Coordinate(30, 0), Coordinate(30, 10), Coordinate(20, 0)])])
        #expect(mp.locate(Coordinate(25, 1)) == .interior)
        #expect(mp.locate(Coordinate(5, 5)) == .exterior)
        #expect(mp.locate(Coordinate(20, 0)) == .boundary)
    }

    @Test(arguments: PlanarFixtures.cases.filter { $0.record["probes"] != nil }.map(\.name))
    func matchesShapely(name: String) throws {
        let c = try #require(PlanarFixtures.named(name))
        let probes = try #require(c.record["probes"] as? [[String: Any]])
        #expect(probes.count > 60)
        for probe in probes {
            let p = try #require(PlanarFixtures.coordinate(probe["point"] as Any))
            let expected = try #require(probe["location"] as? String)
            let got: String = switch c.geometry.locate(p) {
            case .interior: "interior"
            case .boundary: "boundary"
            case .exterior: "exterior"
            }
            #expect(got == expected, "\(name) at \(p)")
        }
    }
}
