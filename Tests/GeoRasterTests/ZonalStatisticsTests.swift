import Foundation
import GeoCore
import Testing
@testable import GeoRaster

@Suite struct ZonalStatisticsTests {
    static let statistics: [ZonalStatistic] = [.count, .sum, .mean, .min, .max, .stdev, .variance, .median,
                                               .quantile(0.25), .quantile(0.9), .majority, .minority, .variety]

    static func close(_ a: Double?, _ b: Double?, relative tol: Double = 1e-9) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (x?, y?): return abs(x - y) <= tol * max(1, abs(x), abs(y))
        default: return false
        }
    }

    @Test func matchesExactextractFixtures() throws {
        let root = try Fixtures.json("zonal_fixtures.json")
        let cases = try #require(root["cases"] as? [[String: Any]])
        #expect(cases.count == 3)
        var checked = 0
        for c in cases {
            let name = c["name"] as? String ?? "?"
            let grid = try RasterGrid.northUp(originX: c["originX"] as! Double, originY: c["originY"] as! Double,
                                              cellSize: 1, width: c["width"] as! Int, height: c["height"] as! Int)
            let t = GeoTransform.northUp(originX: c["originX"] as! Double, originY: c["originY"] as! Double,
                                         cellWidth: c["cellWidth"] as! Double, cellHeight: c["cellHeight"] as! Double)
            let g = try RasterGrid(width: grid.width, height: grid.height, transform: t)
            let values = ContiguousArray((c["values"] as! [Double]))
            let raster = try Raster(grid: g, cells: values, nodata: c["nodata"] as? Double)
            let zones = (c["zones"] as! [[String: Any]]).map(Fixtures.geometry)
            let expected = c["expected"] as! [[String: Any]]
            let table = try ZonalStatistics.table(raster, zones: zones, statistics: Self.statistics,
                                                  options: ZonalOptions(precision: .float32))
            for (i, row) in table.enumerated() {
                for (j, stat) in Self.statistics.enumerated() {
                    let want = expected[i][stat.description] as? Double
                    #expect(Self.close(row[j], want), "\(name) zone \(i) \(stat): \(String(describing: row[j])) vs \(String(describing: want))")
                    checked += 1
                }
                let weights = try Raster(grid: g, cells: ContiguousArray(c["weights"] as! [Double]))
                let ws = try ZonalStatistics.summarize(raster, weights: weights, zone: zones[i], histogram: false,
                                                       options: ZonalOptions(precision: .float32))
                for stat in [ZonalStatistic.weightedSum, .weightedMean] {
                    let want = expected[i][stat.description] as? Double
                    #expect(Self.close(ws.value(stat), want), "\(name) zone \(i) \(stat)")
                }
                let strict = try ZonalStatistics.summarize(raster, zone: zones[i], histogram: false,
                                                           options: ZonalOptions(minimumCoverage: 0.5, precision: .float32))
                #expect(Self.close(strict.value(.count), expected[i]["count_min_coverage_0.5"] as? Double), "\(name) zone \(i) strict count")
                #expect(Self.close(strict.value(.sum), expected[i]["sum_min_coverage_0.5"] as? Double), "\(name) zone \(i) strict sum")
                if let fracs = expected[i]["frac"] as? [String: Double] {
                    let s = try ZonalStatistics.summarize(raster, zone: zones[i], options: ZonalOptions(precision: .float32))
                    for (k, v) in fracs {
                        #expect(Self.close(s.value(.frac(Double(k)!)), v), "\(name) zone \(i) frac \(k)")
                    }
                }
            }
        }
        #expect(checked == 3 * 14 * Self.statistics.count)
    }

    @Test func unitSquareOnCellEdgesCoversFourCellsExactly() throws {
        let grid = try RasterGrid.northUp(originX: 0, originY: 4, cellSize: 1, width: 4, height: 4)
        let raster = try Raster(grid: grid, cells: ContiguousArray((0..<16).map(Double.init)))
        let square = Geometry.polygon(Polygon(exterior: [Coordinate(1, 1), Coordinate(3, 1), Coordinate(3, 3),
                                                         Coordinate(1, 3), Coordinate(1, 1)]))
        let s = try ZonalStatistics.summarize(raster, zone: square)
        #expect(s.value(.count) == 4)
        // rows 1...2, cols 1...2 hold 5, 6, 9, 10
        #expect(s.value(.sum) == 30)
        #expect(s.value(.min) == 5)
        #expect(s.value(.max) == 10)
        #expect(s.value(.variety) == 4)
        #expect(s.value(.mean) == 7.5)
    }

    @Test func nodataAndMinimumCoverageAreSkipped() throws {
        let grid = try RasterGrid.northUp(originX: 0, originY: 2, cellSize: 1, width: 2, height: 2)
        let raster = try Raster<Float>(grid: grid, cells: [1, -1, 3, .nan], nodata: -1)
        // Covers the left column fully and a quarter of the right column.
        let zone = Geometry.polygon(Polygon(exterior: [Coordinate(0, 0), Coordinate(1.25, 0), Coordinate(1.25, 2),
                                                       Coordinate(0, 2), Coordinate(0, 0)]))
        let s = try ZonalStatistics.summarize(raster, zone: zone)
        #expect(s.value(.count) == 2)
        #expect(s.value(.sum) == 4)
        let strict = try ZonalStatistics.summarize(raster, zone: zone, options: ZonalOptions(minimumCoverage: 0.5))
        #expect(strict.value(.count) == 2)
        let none = try ZonalStatistics.summarize(raster, zone: .polygon(Polygon(exterior: [
            Coordinate(10, 10), Coordinate(11, 10), Coordinate(11, 11), Coordinate(10, 10)])))
        #expect(none.value(.count) == 0)
        #expect(none.value(.mean) == nil)
    }

    @Test func weightedVariantUsesSecondRaster() throws {
        let grid = try RasterGrid.northUp(originX: 0, originY: 1, cellSize: 1, width: 2, height: 1)
        let values = try Raster<Double>(grid: grid, cells: [10, 20])
        let weights = try Raster<Double>(grid: grid, cells: [1, 3])
        let zone = Geometry.polygon(Polygon(exterior: [Coordinate(0, 0), Coordinate(2, 0), Coordinate(2, 1),
                                                       Coordinate(0, 1), Coordinate(0, 0)]))
        let s = try ZonalStatistics.summarize(values, weights: weights, zone: zone)
        #expect(s.value(.weightedSum) == 70)
        #expect(s.value(.weightedMean) == 17.5)
        #expect(s.value(.mean) == 15)
        let other = try Raster<Double>(grid: try RasterGrid.northUp(originX: 0, originY: 1, cellSize: 1, width: 1, height: 1), cells: [1])
        #expect(throws: RasterError.self) { try ZonalStatistics.summarize(values, weights: other, zone: zone) }
    }

    @Test func linesAreRejectedAsZones() throws {
        let grid = try RasterGrid.northUp(originX: 0, originY: 1, cellSize: 1, width: 1, height: 1)
        let raster = try Raster<Double>(grid: grid, cells: [1])
        #expect(throws: RasterError.self) {
            try ZonalStatistics.summarize(raster, zone: .lineString(LineString([Coordinate(0, 0), Coordinate(1, 1)])))
        }
    }
}
