#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import GeoCore
import GeoIO
import GeoProj
import GeoRaster
import SmartCity

/// The `zonal` suite: count, sum, mean, min and max of a Float32 raster inside every zone with
/// exact coverage fractions (``ZonalStatistics``). Zones: the sigungu polygons of korea.gpkg in
/// EPSG:5179 (or `--layer`); raster: a square-celled raster over their extent whose values come
/// from a smooth formula plus seeded noise (or `--raster`). Its peer (exactextract) runs out of
/// process. Checked against geometry: on the synthetic raster (no nodata, covering every zone)
/// each zone's coverage-weighted count must equal its area over the cell area, to 1e-9.
public enum ZonalSuite {
    /// The statistics computed.
    public static let statistics: [ZonalStatistic] = [.count, .sum, .mean, .min, .max]

    /// Full size: a 10,000 x 10,000 raster; quick: 400 x 400.
    public static func run(_ options: BenchOptions) throws -> SuiteResult {
        let (zones, zoneSource) = try self.zones(options)
        let raster: AnyRaster, rasterSource: String, synthetic: Bool
        if let file = options.rasterFile {
            raster = try RasterFile.read(path: file)
            rasterSource = "\(file) (\(raster.grid.width) x \(raster.grid.height))"
            synthetic = false
        } else {
            let side = options.size(full: 10_000, quick: 400)
            options.progress("zonal: drawing a \(side) x \(side) Float32 raster (seed \(options.seed))")
            raster = .float32(try syntheticRaster(side: side, over: zones, seed: options.seed))
            rasterSource = "\(side) x \(side) Float32 raster (smooth field + seeded noise)"
            synthetic = true
        }
        var result = SuiteResult(suite: "zonal", data: "\(rasterSource); \(zones.count) zones (\(zoneSource))",
                                 runs: options.runs, seed: options.seed)
        options.progress("zonal: \(zones.count) zones")
        var table: [[Double?]] = []
        var failure: Error?
        // Coverage fractions rounded to Float32, as exactextract computes them, so its sums compare.
        let float32 = ZonalOptions(precision: .float32)
        result.measures.append(try options.timer.measure("zonal statistics", geotwin: {
            do { table = try raster.zonalTable(zones: zones, statistics: statistics, options: float32) } catch { failure = error }
        }))
        if let failure { throw failure }
        result.digest["sum of counts"] = table.reduce(0) { $0 + ($1[0] ?? 0) }
        result.digest["sum of sums"] = table.reduce(0) { $0 + ($1[1] ?? 0) }
        if synthetic, !options.onlyPeerMeasures {
            table = try raster.zonalTable(zones: zones, statistics: statistics)
            let cellArea = raster.grid.transform.cellArea
            var worst = 0.0
            for (zone, row) in zip(zones, table) {
                let expected = zone.area / cellArea
                let count = row[0] ?? 0
                worst = max(worst, abs(count - expected) / max(expected, 1))
            }
            result.checks.append(BenchCheck("largest relative difference of count and area / cell area (at most 1e-9)",
                                            geotwin: String(cFormat: "%.3e", worst), against: "polygon area", value: "0",
                                            agrees: worst <= 1e-9))
        }
        result.settleChecks()
        return result
    }

    /// The zones: `--layer`, or the sigungu layer of korea.gpkg projected to EPSG:5179
    /// (leaf units only: parent cities overlap their districts).
    public static func zones(_ options: BenchOptions) throws -> ([Geometry], String) {
        if let path = options.layer {
            return (try BenchData.layerFeatures(path).features.compactMap(\.geometry), path)
        }
        let folder = try GeodataLocation.resolve(explicit: options.geodata)
        var collection = try GeoDataSource(path: folder.appendingPathComponent(GeodataLocation.fileName).path).readLayer("sigungu").collection
        collection.features.removeAll { $0.properties["is_parent_city"]?.intValue == 1 }
        let projected = try Transformer(from: CRS(epsg: 4326), to: CRS(epsg: 5179)).transform(collection)
        return (projected.features.compactMap(\.geometry), "korea.gpkg sigungu in EPSG:5179")
    }

    /// A `side` x `side` Float32 raster with square cells over the extent of `zones` (plus one
    /// cell of margin): a smooth field plus SplitMix64 noise, no nodata.
    public static func syntheticRaster(side: Int, over zones: [Geometry], seed: UInt64) throws -> Raster<Float> {
        let box = zones.map(\.boundingBox).reduce(BoundingBox.empty) { $0.union($1) }
        let cell = max(box.width, box.height) / Double(side - 2)
        let grid = try RasterGrid(width: side, height: side,
                                  transform: .northUp(originX: box.minX - cell, originY: box.maxY + cell, cellWidth: cell, cellHeight: cell))
        var rng = SplitMix64(seed: seed)
        var cells = ContiguousArray<Float>(repeating: 0, count: side * side)
        for r in 0..<side {
            let v = Double(r) / Double(side)
            for c in 0..<side {
                let u = Double(c) / Double(side)
                cells[r * side + c] = Float(100 + 50 * sin(6 * u) * cos(4 * v) + 10 * rng.nextUnit())
            }
        }
        return try Raster(grid: grid, cells: cells, crs: CRS(epsg: 5179))
    }
}
