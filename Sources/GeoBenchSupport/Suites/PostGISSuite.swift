#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoCore
import GeoIO
import GeoPostGIS
import SmartCity

/// The `postgis` suite: a layer loaded into PostGIS (one transaction, binary COPY, GiST index)
/// and read back through a binary cursor, the paths `geotwin convert` takes to and from a
/// `postgresql://` URL. The database is `--layer postgresql://user@host/db` (its `table=` is
/// replaced by `geotwin_bench_layer`, dropped at the end); the layer is korea.gpkg's emd layer
/// (5,026 polygons; the first 200 with `--quick`). What is read back must hold the features and
/// coordinates written. Its peers (`shp2pgsql | psql`, psycopg + shapely) run out of process
/// (`Benchmarks/peers/postgis_compare.py`).
public enum PostGISSuite {
    /// The table the suite writes and reads.
    public static let table = "geotwin_bench_layer"

    /// Runs the suite, or reports why it was skipped (no database URL given).
    public static func run(_ options: BenchOptions) throws -> SuiteResult {
        guard let url = options.layer, url.hasPrefix("postgresql://") || url.hasPrefix("postgres://") else {
            return .skipped("postgis", "skipped: needs a database, --layer postgresql://user@host/db")
        }
        PostGIS.register()
        let location = Self.location(url, table: table)
        let folder = try GeodataLocation.resolve(explicit: options.geodata)
        var layer = try GeoDataSource(path: folder.appendingPathComponent(GeodataLocation.fileName).path).readLayer("emd")
        if let size = options.size ?? (options.quick ? 200 : nil) { layer.features = Array(layer.features.prefix(size)) }
        layer.name = table
        let coordinates = layer.features.reduce(0) { $0 + ($1.geometry?.coordinateCount ?? 0) }
        var result = SuiteResult(suite: "postgis", data: "korea.gpkg emd: \(layer.features.count) features, \(coordinates) coordinates",
                                 runs: options.runs, seed: options.seed)
        options.progress("postgis: load and read back \(layer.features.count) features")
        var failure: Error?
        result.measures.append(try options.timer.measure("load (COPY, GiST, ANALYZE)", geotwin: {
            do { try GeoDataSink.write([layer], to: location) } catch { failure = error }
        }))
        if let failure { throw failure }
        var back: GeoDataLayer?
        result.measures.append(try options.timer.measure("read (binary cursor)", geotwin: {
            do { back = try GeoDataSource(path: location).readLayer(nil) } catch { failure = error }
        }))
        if let failure { throw failure }
        let features = back?.features ?? []
        result.digest["features read back"] = Double(features.count)
        result.checks.append(.equal("features read back", features.count, against: "written", layer.features.count))
        result.checks.append(.equal("coordinates read back", features.reduce(0) { $0 + ($1.geometry?.coordinateCount ?? 0) },
                                    against: "written", coordinates))
        result.checks.append(.equal("CRS read back", back?.crs?.epsgCode ?? 0, against: "written", layer.crs?.epsgCode ?? 0))
        result.settleChecks()
        return result
    }

    /// `url` naming `table` instead of any table it names.
    static func location(_ url: String, table: String) -> String {
        guard var parts = URLComponents(string: url) else { return url }
        var items = (parts.queryItems ?? []).filter { $0.name != "table" }
        items.append(URLQueryItem(name: "table", value: table))
        parts.queryItems = items
        return parts.string ?? url
    }
}
