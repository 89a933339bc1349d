import Testing
@testable import GeoCore

@Suite struct SimplifyTests {
    @Test func keepsEndpointsAndDropsCollinear() {
        let line = [Coordinate(0, 0), Coordinate(1, 0), Coordinate(2, 0), Coordinate(3, 0)]
        #expect(DouglasPeucker.simplify(line, tolerance: 0) == [Coordinate(0, 0), Coordinate(3, 0)])
        #expect(DouglasPeucker.simplify([Coordinate(0, 0)], tolerance: 1) == [Coordinate(0, 0)])
    }

    @Test func toleranceIsExclusive() {
        let line = [Coordinate(0, 0), Coordinate(1, 1), Coordinate(2, 0)]
        #expect(DouglasPeucker.simplify(line, tolerance: 1).count == 2)
        #expect(DouglasPeucker.simplify(line, tolerance: 0.999).count == 3)
    }

    @Test func collapsedPolygonBecomesEmpty() {
        let tri = Polygon(exterior: [Coordinate(0, 0), Coordinate(10, 0), Coordinate(5, 0.1), Coordinate(0, 0)])
        #expect(Geometry.polygon(tri).simplified(tolerance: 1) == .polygon(.empty))
    }

    /// A zigzag keeps every vertex and splits one vertex off at a time: a recursive version would
    /// nest `n` calls deep.
    @Test func longLineDoesNotRecurse() {
        let n = 5_000
        let zigzag = (0..<n).map { Coordinate(Double($0), $0 % 2 == 0 ? 0 : 1) }
        #expect(DouglasPeucker.simplify(zigzag, tolerance: 0.5).count == n)
        #expect(DouglasPeucker.simplify(zigzag, tolerance: 2).count == 2)
    }

    /// Lines must match GEOS's DouglasPeuckerSimplifier vertex for vertex; polygons (which GEOS
    /// additionally repairs) must match in area where GEOS did not need to repair them.
    @Test(arguments: PlanarFixtures.cases.filter { $0.record["simplify"] != nil }.map(\.name))
    func matchesShapely(name: String) throws {
        let c = try #require(PlanarFixtures.named(name))
        let runs = try #require(c.record["simplify"] as? [[String: Any]])
        for run in runs {
            let tol = try #require(run["tolerance"] as? Double)
            let geojson = try #require(run["geometry"] as? [String: Any])
            let expected = try #require(PlanarFixtures.geometry(from: geojson))
            let got = c.geometry.simplified(tolerance: tol)
            switch c.geometry {
            case .lineString, .multiLineString:
                #expect(got == expected, "\(name) tolerance \(tol)")
            default:
                #expect(close(got.area, expected.area, 1e-12), "\(name) tolerance \(tol): \(got.area) vs \(expected.area)")
                #expect(got.isEmpty == expected.isEmpty)
            }
        }
    }
}
