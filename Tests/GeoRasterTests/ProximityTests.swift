import GeoCore
import Testing
@testable import GeoRaster

@Suite struct ProximityTests {
    let grid = try! RasterGrid.northUp(originX: 0, originY: 100, cellSize: 10, width: 10, height: 10)

    @Test func proximityAndAllocationToTwoFeatures() throws {
        let a = Geometry.point(Point(x: 5, y: 95))     // cell (0, 0)
        let b = Geometry.point(Point(x: 95, y: 5))     // cell (9, 9)
        let res = try Proximity.surface(to: [a, b], grid: grid)
        #expect(res.distance[0, 0] == 0 && res.distance[9, 9] == 0)
        #expect(res.distance[0, 3] == 30)
        #expect(res.allocation[1, 1] == 0 && res.allocation[8, 8] == 1)
    }

    @Test func sensorCoverageAndShareOfZone() throws {
        // One camera covering 50 m at the centre of a 100 m square.
        let cov = try Proximity.sensorCoverage(sensors: [Coordinate(50, 50)], radius: 50, grid: grid)
        // Cell centres (5 + 10i) within 50 m of (50, 50): count them by brute force.
        var n = 0
        for i in 0..<10 { for j in 0..<10 {
            let dx = 5 + 10 * Double(i) - 50, dy = 5 + 10 * Double(j) - 50
            if dx * dx + dy * dy <= 2500 { n += 1 }
        } }
        #expect(cov.cells.reduce(0) { $0 + Int($1) } == n)
        let zone = Geometry.polygon(Polygon(exterior: [Coordinate(0, 0), Coordinate(100, 0), Coordinate(100, 100),
                                                       Coordinate(0, 100), Coordinate(0, 0)]))
        let share = try #require(try Proximity.coveredShare(of: zone, surface: cov))
        #expect(abs(share - Double(n) / 100) < 1e-12)
        #expect(throws: RasterError.self) { try Proximity.sensorCoverage(sensors: [], radius: -1, grid: grid) }
    }
}
