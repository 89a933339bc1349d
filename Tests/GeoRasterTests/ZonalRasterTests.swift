import Foundation
import GeoCore
import Testing
@testable import GeoRaster

/// ``ZonalRaster`` reads uncompressed GeoTIFFs in place from a memory map; its table must equal,
/// bit for bit, ``ZonalStatistics/table(_:zones:statistics:options:)`` on the raster read whole.
@Suite struct ZonalRasterTests {
    static let statistics: [ZonalStatistic] = [.count, .sum, .mean, .min, .max, .stdev, .variance, .median, .majority]

    /// Zones of varied shape: a triangle, a polygon with a hole, one crossing the raster's edge,
    /// one outside it, a thin sliver and a multipolygon.
    static var zones: [Geometry] {
        func ring(_ pts: [(Double, Double)]) -> [Coordinate] { (pts + [pts[0]]).map { Coordinate(x: $0.0, y: $0.1) } }
        return [
            .polygon(Polygon(rings: [ring([(3.3, 4.1), (61.7, 9.9), (30.2, 55.5)])])),
            .polygon(Polygon(rings: [ring([(10.5, 10.5), (90.25, 10.5), (90.25, 70.75), (10.5, 70.75)]),
                                     ring([(30.1, 30.1), (50.9, 30.1), (40.3, 60.2)])])),
            .polygon(Polygon(rings: [ring([(-20.5, -7.3), (40.4, 20.6), (130.3, 95.2), (70.7, 110.1)])])),
            .polygon(Polygon(rings: [ring([(500, 500), (510, 500), (510, 510)])])),
            .polygon(Polygon(rings: [ring([(0.2, 0.2), (99.8, 79.8), (99.7, 79.9)])])),
            .multiPolygon(MultiPolygon([Polygon(rings: [ring([(1, 1), (5.5, 1), (5.5, 5.5)])]),
                                        Polygon(rings: [ring([(80, 60), (95.5, 61), (88, 79.5)])])])),
        ]
    }

    static func raster<E: RasterElement>(_: E.Type, nodata: E, _ value: (Int, Int) -> Double) throws -> Raster<E> {
        // 100 x 80 cells of 1 unit, origin (0, 80), rows going down.
        let grid = try RasterGrid(width: 100, height: 80,
                                  transform: .northUp(originX: 0, originY: 80, cellWidth: 1, cellHeight: 1))
        var cells = ContiguousArray<E>()
        for r in 0..<80 {
            for c in 0..<100 { cells.append((r * 7 + c * 13) % 37 == 0 ? nodata : E(rasterConverting: value(r, c))) }
        }
        return try Raster(grid: grid, cells: cells, crs: CRS(epsg: 5179), nodata: nodata)
    }

    static func check<E: RasterElement>(_ r: Raster<E>, layout: GeoTIFFWriteOptions.Layout,
                                        compression: GeoTIFFWriteOptions.Compression = .none, mapped: Bool = true,
                                        precision: FractionPrecision = .double) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("zonalraster-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("r.tif").path
        try RasterFile.write(r, to: path, options: GeoTIFFWriteOptions(compression: compression, layout: layout))
        let z = try ZonalRaster(path: path)
        #expect(z.isMapped == mapped)
        #expect(z.grid == r.grid)
        #expect(z.crs == CRS(epsg: 5179))
        let options = ZonalOptions(precision: precision)
        let expected = try ZonalStatistics.table(r, zones: zones, statistics: statistics, options: options)
        let got = try z.table(zones: zones, statistics: statistics, options: options)
        #expect(got.count == zones.count)
        for (i, (a, b)) in zip(got, expected).enumerated() {
            for (j, (x, y)) in zip(a, b).enumerated() {
                // Same bits, or both undefined.
                #expect(x?.bitPattern == y?.bitPattern, "\(layout) zone \(i) \(statistics[j]): \(String(describing: x)) vs \(String(describing: y))")
            }
        }
        // The zones that touch the raster have values; the one outside has none.
        #expect(got[3][2] == nil)
        #expect(got[0][0]! > 0)
    }

    @Test func float32TilesAndStripsMatchTheReadRaster() throws {
        let r = try Self.raster(Float.self, nodata: -9999) { r, c in sin(Double(r) / 7) * 100 + Double(c) * 0.37 }
        try Self.check(r, layout: .tiles(size: 32))
        try Self.check(r, layout: .tiles(size: 16), precision: .float32)
        try Self.check(r, layout: .strips(rowsPerStrip: 7))
        try Self.check(r, layout: .strips(rowsPerStrip: 80))
    }

    @Test func integerAndFloat64CellsMatchTheReadRaster() throws {
        try Self.check(try Self.raster(Int16.self, nodata: -1) { r, c in Double((r * 31 + c * 17) % 500) }, layout: .tiles(size: 16))
        try Self.check(try Self.raster(UInt8.self, nodata: 255) { r, c in Double((r + c) % 9) }, layout: .strips(rowsPerStrip: 3))
        try Self.check(try Self.raster(Double.self, nodata: -1) { r, c in Double(r) * 1.5e-3 + Double(c) }, layout: .tiles(size: 48))
        try Self.check(try Self.raster(Int32.self, nodata: -7) { r, c in Double(r * c) }, layout: .strips(rowsPerStrip: 11))
    }

    @Test func compressedFilesAreReadWholeWithTheSameTable() throws {
        let r = try Self.raster(Float.self, nodata: -9999) { r, c in Double(r * 100 + c) }
        try Self.check(r, layout: .tiles(size: 32), compression: .deflate, mapped: false)
    }

    @Test func progressCountsEveryZoneInOrder() throws {
        let r = try Self.raster(Float.self, nodata: -9999) { r, c in Double(r + c) }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("zonalraster-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("r.tif").path
        try RasterFile.write(r, to: path, options: GeoTIFFWriteOptions(compression: .none))
        let zones = Array(repeating: Self.zones, count: 10).flatMap { $0 }
        let seen = Recorder()
        _ = try ZonalRaster(path: path).table(zones: zones, statistics: [.mean], progress: { seen.add($0, $1) })
        #expect(seen.calls.map(\.0) == Array(1...zones.count))
        #expect(seen.calls.allSatisfy { $0.1 == zones.count })
    }
}

final class Recorder: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [(Int, Int)] = []
    func add(_ a: Int, _ b: Int) { lock.lock(); items.append((a, b)); lock.unlock() }
    var calls: [(Int, Int)] { lock.lock(); defer { lock.unlock() }; return items }
}
