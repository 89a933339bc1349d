#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoCore
import GeoIndex
import GeoIO
import SmartCity

/// The `locate` suite: which polygon of a layer covers each of many points. GeoTwin's
/// ``PolygonLocator`` (batch query) against GEOS prepared predicates over an STRtree
/// (``GEOSLocatePeer``), on the sigungu layer of korea.gpkg (or `--layer`) and points uniform in
/// the layer's bounding box (or `--points`). Every point's answer is compared.
public enum LocateSuite {
    /// Full size: 1,000,000 points; quick: 20,000. The GEOS peer locates at most 200,000 of
    /// them per run (it is slower by orders of magnitude); its time is scaled to all the points.
    public static func run(_ options: BenchOptions, layerName: String = "sigungu") throws -> SuiteResult {
        let (geometries, source) = try layer(options, layerName)
        let locator = try PolygonLocator(geometries)
        let extent = geometries.compactMap { $0?.boundingBox }.reduce(BoundingBox.empty) { $0.union($1) }
        let xs: [Double], ys: [Double], pointSource: String
        if let file = options.pointsFile {
            (xs, ys) = try BenchData.csvPoints(file)
            pointSource = "\(xs.count) points of \(file)"
        } else {
            let n = options.size(full: 1_000_000, quick: 20_000)
            (xs, ys) = BenchData.uniformPoints(n, in: extent, seed: options.seed)
            pointSource = "\(n) points uniform in the layer's bounding box"
        }
        guard !xs.isEmpty else { throw BenchSuiteError("no points to locate") }
        var result = SuiteResult(suite: "locate", data: "\(pointSource); \(source), \(geometries.count) features",
                                 runs: options.runs, seed: options.seed)
        let timer = options.timer
        options.progress("locate: building the PolygonLocator and the GEOS peer over \(geometries.count) features")
        if !options.onlyPeerMeasures {
            result.measures.append(try timer.measure("build", geotwin: { _ = try? PolygonLocator(geometries) }))
        }
        var ours = [Int32](repeating: -1, count: xs.count)
        let peer = options.noPeer ? nil : try GEOSLocatePeer(geometries)
        let sample = min(xs.count, 200_000)
        let sxs = Array(xs.prefix(sample)), sys = Array(ys.prefix(sample))
        var theirs: [Int32] = []
        options.progress("locate: \(xs.count) points\(peer == nil ? "" : ", GEOS on \(sample)")")
        var measure = try timer.measure("locate \(xs.count) points", geotwin: {
            xs.withUnsafeBufferPointer { xb in
                ys.withUnsafeBufferPointer { yb in
                    ours.withUnsafeMutableBufferPointer { locator.locate(xs: xb, ys: yb, into: $0) }
                }
            }
        }, peer: "GEOS prepared covers + STRtree" + (sample < xs.count ? " (timed on \(sample), scaled)" : ""),
           peer.map { p in { theirs = p.locate(xs: sxs, ys: sys) } })
        if sample < xs.count, let t = measure.peerTiming {
            let scale = Double(xs.count) / Double(sample)
            measure = BenchMeasure(name: measure.name, geotwin: measure.geotwin.samplesMs, peer: measure.peer,
                                   peerSamples: t.samplesMs.map { $0 * scale })
        }
        result.measures.append(measure)
        result.digest["points covered"] = Double(ours.filter { $0 >= 0 }.count)
        result.digest["sum of located indices"] = Double(ours.reduce(0) { $0 + max(Int($1), 0) })
        if options.layer == nil, !options.onlyPeerMeasures {
            // End to end through the atlas (districts over parent cities, islets, sido fallback).
            let atlas = KoreaAtlas(geodata: try GeodataLocation.resolve(explicit: options.geodata))
            _ = try atlas.locateCodes(latitudes: [37.5], longitudes: [127.0])
            var placed = 0
            options.progress("locate: KoreaAtlas.locateCodes")
            result.measures.append(try timer.measure("KoreaAtlas.locateCodes", geotwin: {
                placed = ((try? atlas.locateCodes(latitudes: ys, longitudes: xs)) ?? []).reduce(0) { $0 + ($1 == nil ? 0 : 1) }
            }))
            result.digest["atlas points placed"] = Double(placed)
        }
        if peer != nil {
            let differing = (0..<sample).filter { ours[$0] != theirs[$0] }.count
            result.checks.append(BenchCheck("points answered differently (of \(sample))", geotwin: "0", against: "GEOS",
                                            value: String(differing), agrees: differing == 0))
            result.checks.append(.equal("points covered (of \(sample))", ours.prefix(sample).filter { $0 >= 0 }.count,
                                        against: "GEOS", theirs.filter { $0 >= 0 }.count))
        }
        result.settleChecks()
        return result
    }

    /// The polygons to locate in: `--layer` (a file) or `layerName` of korea.gpkg.
    static func layer(_ options: BenchOptions, _ layerName: String) throws -> ([Geometry?], String) {
        if let layer = options.layer {
            guard !layer.hasPrefix("postgresql://") else { throw BenchSuiteError("locate reads --layer from a file, not a database URL") }
            return (try BenchData.layerFeatures(layer).features.map(\.geometry), layer)
        }
        let folder = try GeodataLocation.resolve(explicit: options.geodata)
        let path = folder.appendingPathComponent(GeodataLocation.fileName).path
        return (try GeoPackageReader(path: path).readLayer(layerName).features.map(\.geometry), "korea.gpkg \(layerName)")
    }
}
