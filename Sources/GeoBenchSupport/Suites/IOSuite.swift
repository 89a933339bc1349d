#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoCore
import GeoIO
import SmartCity

/// The `io` suite: one layer written and read back in every ``GeoDataFormat`` through
/// ``GeoDataSink`` and ``GeoDataSource``, the paths `geotwin convert` takes. The layer is the emd
/// layer of korea.gpkg (5,026 polygons; the first 200 with `--quick`) or `--layer`. What is read
/// back must hold the features and coordinates written. Its peer (pyogrio) runs out of process.
public enum IOSuite {
    /// Runs the suite.
    public static func run(_ options: BenchOptions) throws -> SuiteResult {
        var layer: GeoDataLayer
        let source: String
        if let path = options.layer {
            guard !path.hasPrefix("postgresql://") else { throw BenchSuiteError("io reads --layer from a file; the postgis suite takes URLs") }
            layer = try BenchData.layerFeatures(path)
            source = path
        } else {
            let folder = try GeodataLocation.resolve(explicit: options.geodata)
            layer = try GeoDataSource(path: folder.appendingPathComponent(GeodataLocation.fileName).path).readLayer("emd")
            source = "korea.gpkg emd"
        }
        if let size = options.size ?? (options.quick ? 200 : nil) { layer.features = Array(layer.features.prefix(size)) }
        layer.name = "layer"
        let coordinates = layer.features.reduce(0) { $0 + ($1.geometry?.coordinateCount ?? 0) }
        var result = SuiteResult(suite: "io", data: "\(source): \(layer.features.count) features, \(coordinates) coordinates",
                                 runs: options.runs, seed: options.seed)
        let folder = try options.makeWorkFolder("io")
        defer { try? FileManager.default.removeItem(at: folder) }
        let writeOptions = GeoDataWriteOptions(allowNonWGS84GeoJSON: true)
        for format in GeoDataFormat.allCases where !options.onlyPeerMeasures || [.geoJSON, .geoPackage].contains(format) {
            let path = folder.appendingPathComponent("layer." + format.extensions[0]).path
            options.progress("io: \(format) (\(layer.features.count) features)")
            var failure: Error?
            result.measures.append(try options.timer.measure("write \(format)", geotwin: {
                try? FileManager.default.removeItem(atPath: path)
                do { try GeoDataSink.write([layer], to: path, format: format, options: writeOptions) } catch { failure = error }
            }))
            if let failure { throw failure }
            var back: GeoDataLayer?
            result.measures.append(try options.timer.measure("read \(format)", geotwin: {
                do { back = try GeoDataSource(path: path, format: format).readLayer(nil) } catch { failure = error }
            }))
            if let failure { throw failure }
            let features = back?.features ?? []
            result.digest["features read back from \(format)"] = Double(features.count)
            result.checks.append(.equal("\(format): features read back", features.count, against: "written", layer.features.count))
            result.checks.append(.equal("\(format): coordinates read back",
                                        features.reduce(0) { $0 + ($1.geometry?.coordinateCount ?? 0) }, against: "written", coordinates))
        }
        result.settleChecks()
        return result
    }
}
