#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoCore
import GeoIO
import SmartCity

/// The `geojson` suite: parsing one GeoJSON FeatureCollection from memory, GeoTwin's
/// ``GeoJSON/decodeFeatureCollection(_:)-([UInt8])`` against GEOS's GeoJSON reader. The text is
/// the sigungu layer of korea.gpkg written by GeoTwin (or `--layer`, or the first features of it
/// with `--quick`). Feature and coordinate counts are compared.
public enum GeoJSONSuite {
    /// Runs the suite.
    public static func run(_ options: BenchOptions) throws -> SuiteResult {
        let bytes = try text(options)
        let cString = bytes.map { CChar(bitPattern: $0) } + [0]
        var result = SuiteResult(suite: "geojson", data: "\(bytes.count) bytes of GeoJSON (\(options.layer ?? "korea.gpkg sigungu"))",
                                 runs: options.runs, seed: options.seed)
        let peer = options.noPeer ? nil : try GEOSGeoJSONPeer()
        var ours = (features: 0, coordinates: 0), theirs = (geometries: 0, coordinates: 0)
        var failure: Error?
        options.progress("geojson: parsing \(bytes.count) bytes")
        result.measures.append(try options.timer.measure("parse FeatureCollection", geotwin: {
            do {
                let c = try GeoJSON.decodeFeatureCollection(bytes)
                ours = (c.features.count, c.features.reduce(0) { $0 + ($1.geometry?.coordinateCount ?? 0) })
            } catch { failure = error }
        }, peer: "GEOS GeoJSON reader", peer.map { p in {
            do { theirs = try p.read(cString) } catch { failure = error }
        } }))
        if let failure { throw failure }
        result.digest["features"] = Double(ours.features)
        result.digest["coordinates"] = Double(ours.coordinates)
        if peer != nil {
            result.checks.append(.equal("features", ours.features, against: "GEOS", theirs.geometries))
            result.checks.append(.equal("coordinates", ours.coordinates, against: "GEOS", theirs.coordinates))
        }
        result.settleChecks()
        return result
    }

    /// The GeoJSON text of the suite: `--layer` written as GeoJSON (or read as is when it is
    /// GeoJSON), else the sigungu layer of korea.gpkg.
    static func text(_ options: BenchOptions) throws -> [UInt8] {
        if let layer = options.layer {
            if (try? GeoDataFormat(path: layer)) == .geoJSON { return [UInt8](try Data(contentsOf: URL(fileURLWithPath: layer))) }
            return Array(try GeoJSON.encode(BenchData.layerFeatures(layer).collection, allowNonWGS84: true).utf8)
        }
        let folder = try GeodataLocation.resolve(explicit: options.geodata)
        var collection = try GeoDataSource(path: folder.appendingPathComponent(GeodataLocation.fileName).path)
            .readLayer("sigungu").collection
        if let size = options.size ?? (options.quick ? 20 : nil) { collection.features = Array(collection.features.prefix(size)) }
        return Array(try GeoJSON.encode(collection).utf8)
    }
}
