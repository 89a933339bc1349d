#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoCore
import GeoIO
import GeoRaster

/// Files GeoTwin and an out-of-process peer both read, so they parse the same bytes: the GeoJSON
/// text of the `geojson` suite, the zones and raster of the `zonal` suite.
public enum PeerDataFiles {
    /// Writes the suite's shared files into `folder` when the user gave none and returns the
    /// arguments that point both sides at them (`--layer`, `--raster`); empty for other suites.
    public static func prepare(_ suite: BenchSuite, _ options: BenchOptions, in folder: URL) throws -> [String] {
        switch suite {
        case .geojson where options.layer == nil:
            let path = folder.appendingPathComponent("geojson-suite.geojson").path
            try Data(try GeoJSONSuite.text(options)).write(to: URL(fileURLWithPath: path))
            return ["--layer", path]
        case .zonal:
            var args: [String] = []
            let (zones, _) = try ZonalSuite.zones(options)
            if options.layer == nil {
                let path = folder.appendingPathComponent("zonal-zones.geojson").path
                let features = zones.enumerated().map { Feature(id: .int(Int64($0.offset)), geometry: $0.element) }
                try GeoDataSink.write([GeoDataLayer(name: "zones", collection: FeatureCollection(features, crs: CRS(epsg: 5179)))],
                                      to: path, options: GeoDataWriteOptions(allowNonWGS84GeoJSON: true))
                args += ["--layer", path]
            }
            if options.rasterFile == nil {
                let side = options.size(full: 10_000, quick: 400)
                let path = folder.appendingPathComponent("zonal-\(side).tif").path
                try GeoTIFF.write(try ZonalSuite.syntheticRaster(side: side, over: zones, seed: options.seed), to: path,
                                  options: GeoTIFFWriteOptions(compression: .none, layout: .tiles(size: 512)))
                args += ["--raster", path]
            }
            return args
        default:
            return []
        }
    }
}
