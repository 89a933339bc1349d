import Foundation
import GeoCore
import Testing
@testable import GeoRaster

/// Brute-force oracle: clip each ring against each cell (Sutherland–Hodgman) and take areas.
enum ClipOracle {
    static func area(_ pts: [(Double, Double)]) -> Double {
        guard pts.count >= 3 else { return 0 }
        var s = 0.0
        for i in 0..<pts.count {
            let a = pts[i], b = pts[(i + 1) % pts.count]
            s += a.0 * b.1 - b.0 * a.1
        }
        return abs(s) / 2
    }

    static func clip(_ ring: [(Double, Double)], _ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> [(Double, Double)] {
        var out = ring
        let edges: [((Double, Double)) -> Double] = [{ $0.0 - x0 }, { x1 - $0.0 }, { $0.1 - y0 }, { y1 - $0.1 }]
        for inside in edges {
            let input = out
            out = []
            guard !input.isEmpty else { break }
            for i in 0..<input.count {
                let p = input[i], q = input[(i + 1) % input.count]
                let dp = inside(p), dq = inside(q)
                if dp >= 0 { out.append(p) }
                if (dp >= 0) != (dq >= 0) {
                    let t = dp / (dp - dq)
                    out.append((p.0 + t * (q.0 - p.0), p.1 + t * (q.1 - p.1)))
                }
            }
        }
        return out
    }

    /// Fraction of cell [x0,x1]x[y0,y1] covered by polygon (exterior minus holes).
    static func fraction(_ p: Polygon, _ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Double {
        var a = 0.0
        for (i, ring) in p.rings.enumerated() {
            let pts = ring.dropLast().map { ($0.x, $0.y) }
            let c = area(clip(Array(pts), x0, y0, x1, y1))
            a += i == 0 ? c : -c
        }
        return a / ((x1 - x0) * (y1 - y0))
    }
}

func star(_ cx: Double, _ cy: Double, _ rmin: Double, _ rmax: Double, _ n: Int,
          _ rng: inout SplitMix, clockwise: Bool = false) -> [Coordinate] {
    // Jittered even angles keep every gap below pi, so the ring is simple and star-shaped.
    let angles = (0..<n).map { (Double($0) + 0.4 * rng.next()) / Double(n) * 2 * Double.pi }
    var pts = angles.map { a -> Coordinate in
        let r = rmin + (rmax - rmin) * rng.next()
        return Coordinate(cx + r * cos(a), cy + r * sin(a))
    }
    if clockwise { pts.reverse() }
    pts.append(pts[0])
    return pts
}

/// A small deterministic generator for test data.
struct SplitMix {
    var state: UInt64
    mutating func next() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }
}

func shoelace(_ ring: [Coordinate]) -> Double {
    var s = 0.0
    for i in 0..<(ring.count - 1) { s += ring[i].x * ring[i + 1].y - ring[i + 1].x * ring[i].y }
    return abs(s) / 2
}

@Suite struct CoverageFractionsTests {
    let grid2 = try! RasterGrid.northUp(originX: 0, originY: 2, cellSize: 1, width: 2, height: 2)

    @Test func triangleHalvesCellsByHand() throws {
        let tri = Geometry.polygon(Polygon(exterior: [Coordinate(0, 0), Coordinate(2, 0), Coordinate(0, 2), Coordinate(0, 0)]))
        let cov = try #require(try CoverageFractions.compute(tri, grid: grid2))
        #expect(cov.window == RasterWindow(rowOffset: 0, colOffset: 0, rows: 2, cols: 2))
        #expect(cov[0, 0] == 0.5)
        #expect(cov[0, 1] == 0)
        #expect(cov[1, 0] == 1)
        #expect(cov[1, 1] == 0.5)
    }

    @Test func clockwiseAndCounterClockwiseRingsAgree() throws {
        let ccw = [Coordinate(0.25, 0.25), Coordinate(1.75, 0.5), Coordinate(1, 1.75), Coordinate(0.25, 0.25)]
        let a = try #require(try CoverageFractions.compute(.polygon(Polygon(exterior: ccw)), grid: grid2))
        let b = try #require(try CoverageFractions.compute(.polygon(Polygon(exterior: ccw.reversed())), grid: grid2))
        #expect(a.fractions == b.fractions)
    }

    @Test func holeIsSubtracted() throws {
        let grid = try RasterGrid.northUp(originX: 0, originY: 4, cellSize: 1, width: 4, height: 4)
        let shell = [Coordinate(0, 0), Coordinate(4, 0), Coordinate(4, 4), Coordinate(0, 4), Coordinate(0, 0)]
        let hole = [Coordinate(1.5, 1.5), Coordinate(1.5, 2.5), Coordinate(2.5, 2.5), Coordinate(2.5, 1.5), Coordinate(1.5, 1.5)]
        let cov = try #require(try CoverageFractions.compute(.polygon(Polygon(exterior: shell, holes: [hole])), grid: grid))
        #expect(cov.fractions.reduce(0, +) == 15)
        #expect(cov[1, 1] == 0.75 && cov[2, 2] == 0.75 && cov[0, 0] == 1)
    }

    @Test func verticesOnCellEdgesAndCentres() throws {
        let grid = try RasterGrid.northUp(originX: 0, originY: 3, cellSize: 1, width: 3, height: 3)
        // Diamond through cell centres (0.5, 1.5), (1.5, 2.5), (2.5, 1.5), (1.5, 0.5).
        let diamond = [Coordinate(0.5, 1.5), Coordinate(1.5, 0.5), Coordinate(2.5, 1.5), Coordinate(1.5, 2.5), Coordinate(0.5, 1.5)]
        let cov = try #require(try CoverageFractions.compute(.polygon(Polygon(exterior: diamond)), grid: grid))
        #expect(cov[1, 1] == 1)
        #expect(cov[0, 1] == 0.25 && cov[1, 0] == 0.25 && cov[1, 2] == 0.25 && cov[2, 1] == 0.25)
        #expect(cov[0, 0] == 0 && cov[2, 2] == 0)
        #expect(abs(cov.fractions.reduce(0, +) - 2) < 1e-15)
    }

    @Test func randomPolygonsMatchClippingOracleAndArea() throws {
        var rng = SplitMix(state: 42)
        let t = GeoTransform.northUp(originX: 1000, originY: 2000, cellWidth: 2.5, cellHeight: 1.5)
        let grid = try RasterGrid(width: 40, height: 60, transform: t)
        for i in 0..<25 {
            let cx = 1000 + 100 * (0.2 + 0.6 * rng.next()), cy = 2000 - 90 * (0.2 + 0.6 * rng.next())
            let shell = star(cx, cy, 4, 18, 3 + i % 11, &rng)
            let holes = i % 3 == 0 ? [star(cx, cy, 0.5, 3.5, 5, &rng, clockwise: true)] : []
            let poly = Polygon(exterior: shell, holes: holes)
            let cov = try #require(try CoverageFractions.compute(.polygon(poly), grid: grid))
            let expectedArea = shoelace(shell) - holes.map(shoelace).reduce(0, +)
            let area = cov.coveredArea(cellArea: t.cellArea)
            #expect(abs(area - expectedArea) <= 1e-9 * expectedArea, "polygon \(i)")
            for r in 0..<cov.window.rows {
                for c in 0..<cov.window.cols {
                    let x0 = 1000 + Double(c + cov.window.colOffset) * 2.5
                    let y1 = 2000 - Double(r + cov.window.rowOffset) * 1.5
                    let want = ClipOracle.fraction(poly, x0, y1 - 1.5, x0 + 2.5, y1)
                    #expect(abs(cov[r, c] - want) < 1e-9, "polygon \(i) cell \(r),\(c)")
                }
            }
        }
    }

    @Test func rotatedGridKeepsArea() throws {
        let t = GeoTransform(originX: 0, pixelWidth: 0.8, rowRotation: 0.6, originY: 0, colRotation: 0.6, pixelHeight: -0.8)
        let grid = try RasterGrid(width: 30, height: 30, transform: t)
        var rng = SplitMix(state: 7)
        let shell = star(10, 0, 2, 6, 9, &rng)
        let cov = try #require(try CoverageFractions.compute(.polygon(Polygon(exterior: shell)), grid: grid))
        #expect(abs(cov.coveredArea(cellArea: t.cellArea) - shoelace(shell)) <= 1e-9 * shoelace(shell))
    }

    @Test func polygonReachingOutsideIsClipped() throws {
        let grid = try RasterGrid.northUp(originX: 0, originY: 2, cellSize: 1, width: 2, height: 2)
        let big = [Coordinate(-5, -5), Coordinate(1.5, -5), Coordinate(1.5, 9), Coordinate(-5, 9), Coordinate(-5, -5)]
        let cov = try #require(try CoverageFractions.compute(.polygon(Polygon(exterior: big)), grid: grid))
        #expect(cov.fractions == [1, 0.5, 1, 0.5])
        let away = [Coordinate(5, 5), Coordinate(6, 5), Coordinate(6, 6), Coordinate(5, 5)]
        #expect(try CoverageFractions.compute(.polygon(Polygon(exterior: away)), grid: grid) == nil)
    }

    @Test func multipolygonPartsAdd() throws {
        let a = Polygon(exterior: [Coordinate(0, 0), Coordinate(1, 0), Coordinate(1, 1), Coordinate(0, 1), Coordinate(0, 0)])
        let b = Polygon(exterior: [Coordinate(1, 1), Coordinate(2, 1), Coordinate(2, 2), Coordinate(1, 2), Coordinate(1, 1)])
        let cov = try #require(try CoverageFractions.compute(.multiPolygon(MultiPolygon([a, b])), grid: grid2))
        #expect(cov.fractions == [0, 1, 1, 0])
    }
}
