import GeoCore
import Testing
@testable import GeoRaster

@Suite struct RasterizerTests {
    let grid = try! RasterGrid.northUp(originX: 0, originY: 4, cellSize: 1, width: 4, height: 4)

    func square(_ a: Double, _ b: Double) -> Geometry {
        .polygon(Polygon(exterior: [Coordinate(a, a), Coordinate(b, a), Coordinate(b, b), Coordinate(a, b), Coordinate(a, a)]))
    }

    func set(_ cells: [(row: Int, col: Int)]) -> Set<[Int]> { Set(cells.map { [$0.row, $0.col] }) }

    @Test func centreRuleIsHalfOpenOnCentres() {
        // Square [0.5, 2.5]^2: centres on its left and top edges count, on its right and bottom do not.
        let cells = set(Rasterizer.cells(of: square(0.5, 2.5), grid: grid))
        #expect(cells == [[1, 0], [1, 1], [2, 0], [2, 1]])
    }

    @Test func allTouchedIsSupercover() {
        let cells = set(Rasterizer.cells(of: square(0.5, 2.5), grid: grid, rule: .allTouched))
        #expect(cells.count == 9)
        #expect(cells.contains([3, 2]) && cells.contains([1, 0]))
        // Touching an edge from outside counts: square [1, 2]^2 touches 4x4 - corners = 16? no: its 3x3 neighbourhood.
        #expect(set(Rasterizer.cells(of: square(1, 2), grid: grid, rule: .allTouched)).count == 9)
        #expect(set(Rasterizer.cells(of: square(1, 2), grid: grid)).count == 1)
    }

    @Test func lineOnCellEdge() {
        let line = Geometry.lineString(LineString([Coordinate(1, 0), Coordinate(1, 4)]))
        #expect(set(Rasterizer.cells(of: line, grid: grid)) == [[0, 1], [1, 1], [2, 1], [3, 1]])
        #expect(set(Rasterizer.cells(of: line, grid: grid, rule: .allTouched)).count == 8)
    }

    @Test func diagonalThroughCorners() {
        let line = Geometry.lineString(LineString([Coordinate(0, 4), Coordinate(4, 0)]))
        #expect(set(Rasterizer.cells(of: line, grid: grid)) == [[0, 0], [1, 1], [2, 2], [3, 3]])
        #expect(set(Rasterizer.cells(of: line, grid: grid, rule: .allTouched)).count == 10)
    }

    @Test func pointsOnEdgesAndCorners() {
        let corner = Geometry.point(Point(x: 2, y: 2))
        #expect(set(Rasterizer.cells(of: corner, grid: grid)) == [[2, 2]])
        #expect(set(Rasterizer.cells(of: corner, grid: grid, rule: .allTouched)) == [[1, 1], [1, 2], [2, 1], [2, 2]])
        #expect(Rasterizer.cells(of: .point(Point(x: 9, y: 9)), grid: grid).isEmpty)
    }

    /// Closed segment against closed box (Liang–Barsky).
    static func touches(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, _ bx0: Double, _ by0: Double,
                        _ bx1: Double, _ by1: Double) -> Bool {
        var t0 = 0.0, t1 = 1.0
        let dx = x1 - x0, dy = y1 - y0
        for (p, q) in [(-dx, x0 - bx0), (dx, bx1 - x0), (-dy, y0 - by0), (dy, by1 - y0)] {
            if p == 0 { if q < 0 { return false } } else {
                let r = q / p
                if p < 0 { t0 = max(t0, r) } else { t1 = min(t1, r) }
                if t0 > t1 { return false }
            }
        }
        return true
    }

    @Test func supercoverMatchesBruteForceOnRandomSegments() {
        var rng = SplitMix(state: 99)
        let g = try! RasterGrid.northUp(originX: 0, originY: 16, cellSize: 1, width: 16, height: 16)
        for _ in 0..<200 {
            // Half of the endpoints snapped to quarter cells so that edges and corners are hit.
            func coord() -> Double { let v = rng.next() * 16; return rng.next() < 0.5 ? (v * 4).rounded() / 4 : v }
            let x0 = coord(), y0 = coord(), x1 = coord(), y1 = coord()
            let got = set(Rasterizer.cells(of: .lineString(LineString([Coordinate(x0, y0), Coordinate(x1, y1)])), grid: g, rule: .allTouched))
            var want = Set<[Int]>()
            for r in 0..<16 { for c in 0..<16 where Self.touches(x0, y0, x1, y1, Double(c), Double(15 - r), Double(c + 1), Double(16 - r)) { want.insert([r, c]) } }
            #expect(got == want, "segment \(x0),\(y0) \(x1),\(y1)")
        }
    }

    @Test func shapesFromAttributeOrBurnValue() {
        let layer = FeatureCollection([
            Feature(geometry: square(0, 1), properties: ["v": 3]),
            Feature(geometry: square(1, 2), properties: ["v": "x"]),
            Feature(geometry: nil, properties: ["v": 4]),
        ])
        #expect(Rasterizer.shapes(of: layer, attribute: "v").map(\.value) == [3])
        #expect(Rasterizer.shapes(of: layer, attribute: nil, burn: 7).map(\.value) == [7, 7])
    }

    @Test func burnAndCoverageRasters() throws {
        let r = Rasterizer.rasterize([(geometry: square(0.5, 2.5), value: UInt8(7))], grid: grid, background: 0, nodata: 0)
        #expect(r.cells.filter { $0 == 7 }.count == 4)
        let cov = try Rasterizer.coverage([(geometry: square(0.5, 2.5), value: 2)], grid: grid)
        #expect(cov.cells.reduce(0, +) == 8)
        #expect(cov[1, 0] == 0.5 && cov[2, 1] == 2)
    }
}

@Suite struct ExtremeCoordinateTests {
    let grid = try! RasterGrid.northUp(originX: 0, originY: 4, cellSize: 1, width: 4, height: 4)

    @Test func hugeNaNAndInfiniteCoordinatesDoNotTrap() throws {
        let huge = Geometry.polygon(Polygon(exterior: [Coordinate(0, 0), Coordinate(1e300, 0), Coordinate(0, 1e300), Coordinate(0, 0)]))
        for rule in [BurnRule.cellCenter, .allTouched] {
            #expect(Rasterizer.cells(of: huge, grid: grid, rule: rule).count == 16)
            _ = Rasterizer.cells(of: .lineString(LineString([Coordinate(-1e300, 2), Coordinate(1e300, 2.5)])), grid: grid, rule: rule)
            _ = Rasterizer.cells(of: .lineString(LineString([Coordinate(.nan, 2), Coordinate(1, 2.5)])), grid: grid, rule: rule)
            _ = Rasterizer.cells(of: .point(Point(x: .infinity, y: 1)), grid: grid, rule: rule)
            _ = Rasterizer.cells(of: .polygon(Polygon(exterior: [Coordinate(.nan, 0), Coordinate(1, 0), Coordinate(0, 1), Coordinate(.nan, 0)])), grid: grid, rule: rule)
        }
        // Overflowing areas are skipped, large finite ones are exact.
        _ = try CoverageFractions.compute(huge, grid: grid)
        let big = Geometry.polygon(Polygon(exterior: [Coordinate(0, 0), Coordinate(1e12, 0), Coordinate(0, 1e12), Coordinate(0, 0)]))
        let cov = try #require(try CoverageFractions.compute(big, grid: grid))
        #expect(cov.fractions.allSatisfy { $0 == 1 })
        let nan = Geometry.polygon(Polygon(exterior: [Coordinate(.nan, 0), Coordinate(1, 0), Coordinate(0, 1), Coordinate(.nan, 0)]))
        #expect(try CoverageFractions.compute(nan, grid: grid)?.fractions.allSatisfy { $0 == 0 } ?? true)
        #expect(throws: RasterError.self) { try RasterGrid.covering(BoundingBox(minX: 0, minY: 0, maxX: 1e300, maxY: 1e300), resolution: 1) }
    }
}
