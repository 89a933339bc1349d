import ArgumentParser
import Foundation
import GeoTwin
import GeoBenchSupport

/// `geotwin bench locate`: point location throughput over a layer of Korea's boundaries.
struct LocateBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "locate",
        abstract: "Locate random points in Korea's bounding box with a PolygonLocator over a layer of korea.gpkg.",
        discussion: """
            Builds a PolygonLocator over the layer (sigungu by default), then locates --count
            SplitMix64 points drawn uniformly in the layer's bounding box with the batch query.
            Also times KoreaAtlas.locateCodes over the same points (layers loaded beforehand).
            Prints one JSON object; times are medians of --runs, in milliseconds.
            """)

    @Option(help: "Number of points.")
    var count = 1_000_000

    @Option(help: "Layer of korea.gpkg: sido, sigungu, emd or emd_islets.")
    var layer = "sigungu"

    @Option(help: "Runs per measure; the median is reported.")
    var runs = 5

    @Option(help: "SplitMix64 seed of the points.")
    var seed: UInt64 = 42

    @Option(name: .long, help: "The Geodata folder (or its korea.gpkg).")
    var geodata: String?

    @Flag(help: "Skip the end-to-end KoreaAtlas.locateCodes measure.")
    var noAtlas = false

    @Flag(help: "Measure the CPU time of this thread instead of wall time (steadier on a shared machine).")
    var cpuTime = false

    func validate() throws {
        guard count > 0 else { throw ValidationError("--count must be positive") }
        guard runs > 0 else { throw ValidationError("--runs must be positive") }
    }

    func run() throws {
        let (folder, geometries, locator) = try reportingErrors { () throws -> (URL, [Geometry?], PolygonLocator) in
            let folder = try GeodataLocation.resolve(explicit: geodata)
            let path = folder.appendingPathComponent(GeodataLocation.fileName).path
            let geometries = try GeoPackageReader(path: path).readLayer(layer).features.map(\.geometry)
            return (folder, geometries, try PolygonLocator(geometries))
        }
        var f = BenchFigures()
        f["build_ms"] = median(runs) { _ = try? PolygonLocator(geometries) }
        let extent = geometries.compactMap { $0?.boundingBox }.reduce(BoundingBox.empty) { $0.union($1) }
        var rng = SplitMix64(seed: seed)
        var xs = [Double](repeating: 0, count: count), ys = [Double](repeating: 0, count: count)
        for i in 0..<count {
            xs[i] = extent.minX + rng.nextUnit() * extent.width
            ys[i] = extent.minY + rng.nextUnit() * extent.height
        }
        var out = [Int32](repeating: -1, count: count)
        f["locate_ms"] = median(runs) {
            xs.withUnsafeBufferPointer { xs in
                ys.withUnsafeBufferPointer { ys in
                    out.withUnsafeMutableBufferPointer { locator.locate(xs: xs, ys: ys, into: $0) }
                }
            }
        }
        f["points_per_s_millions"] = Double(count) / (f["locate_ms"] ?? 1) / 1e3
        f.counts["covered"] = out.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) }
        if !noAtlas {
            let atlas = KoreaAtlas(geodata: folder)
            var codes = try reportingErrors { try atlas.locateCodes(latitudes: [37.5], longitudes: [127.0]) }
            f["atlas_locate_codes_ms"] = median(runs) {
                codes = (try? atlas.locateCodes(latitudes: ys, longitudes: xs)) ?? []
            }
            f.counts["atlas_placed"] = codes.reduce(0) { $0 + ($1 == nil ? 0 : 1) }
        }
        print("{\"n\":\(count),\"layer\":\"\(layer)\",\"features\":\(locator.featureCount),\"parts\":\(locator.partCount),"
              + "\"box\":[\(extent.minX),\(extent.minY),\(extent.maxX),\(extent.maxY)],\"runs\":\(runs),"
              + "\"clock\":\"\(cpuTime ? "thread-cpu" : "wall")\","
              + "\"geotwin\":\(f.json)}")
    }

    /// Runs `body` `runs` times and returns the median time (wall or thread CPU) in milliseconds.
    private func median(_ runs: Int, _ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        var times = (0..<runs).map { _ in
            if cpuTime {
                let start = threadCPUMilliseconds()
                body()
                return threadCPUMilliseconds() - start
            }
            let d = clock.measure(body)
            return Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) * 1e-15
        }
        times.sort()
        return times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
    }
}
