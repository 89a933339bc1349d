import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoTwin

/// `geotwin convert IN OUT`: converts between GeoJSON, WKB streams, GeoPackage and PostGIS tables.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert geodata between GeoJSON (.geojson/.json), GeoJSONSeq (.geojsonl/.geojsons/.ndjson), WKB streams (.wkb), GeoPackage (.gpkg), Shapefile (.shp), FlatGeobuf (.fgb) and PostGIS tables.",
        discussion: """
            A WKB stream keeps geometry only (properties and ids are dropped); it is written as EWKB \
            with SRID 4326 when the input is GeoJSON. The output is written to a temporary file and \
            renamed into place, so a failed conversion leaves no output file. With --to-crs the \
            features are reprojected (PROJ, lon/lat axis order) from the CRS the input declares, or \
            from --from-crs; GeoJSON output must stay in EPSG:4326 (RFC 7946). Writing a GeoPackage \
            prints a warning line for each column renamed or typed to fit (as GDAL does). A PostGIS table is \
            postgresql://user@host:port/dbname?table=NAME (optional schema= and geometry=); it is written in \
            one transaction that replaces an existing table only when the whole write succeeds.
            """
    )

    @Argument(help: "The input file or postgresql:// URL.")
    var input: String

    @Argument(help: "The output file or postgresql:// URL (replaced if it exists).")
    var output: String

    @Option(name: .customLong("to-crs"), help: "Reproject to this CRS (EPSG:5179, a PROJ string or WKT).")
    var targetCRS: String?

    @Option(name: .customLong("from-crs"), help: "The input CRS when the file does not declare one.")
    var sourceCRS: String?

    @Option(help: "The layer to convert (a GeoPackage's table); default: every layer.")
    var layer: String?

    @Option(help: "Keep only the features whose bounding box meets minX,minY,maxX,maxY (in the input's CRS).")
    var bbox: String?

    @Option(help: "Read a PostGIS input in this many strips over as many connections at once (the same features; in key order with an integer primary key).")
    var partitions: Int = 1

    @Option(help: "The text encoding of a Shapefile input (CP949, UTF-8, ...), overriding its .cpg and language driver byte.")
    var encoding: String?

    @Flag(name: .customLong("allow-non-wgs84-geojson"), help: "Write GeoJSON in a CRS other than WGS 84 anyway (non-standard, RFC 7946 readers misplace it).")
    var allowNonWGS84 = false

    func run() throws {
        _ = try reportingErrors {
            try GeoConvert.write(input: input, layer: layer, output: output, from: sourceCRS.map(CRS.init), to: targetCRS.map(CRS.init),
                                   bbox: parseBBox(bbox), partitions: partitions, allowNonWGS84GeoJSON: allowNonWGS84,
                                   encoding: encoding, progress: ProgressReporter(label: "convert", total: 0)) { warning in
                StandardStreams.writeError("geotwin: warning: \(warning)\n")
            }
        }
    }
}
