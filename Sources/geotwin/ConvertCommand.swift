import ArgumentParser
import GeoTwin

/// `geotwin convert IN OUT`: converts between GeoJSON and WKB streams, formats by extension.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a geodata file between GeoJSON (.geojson/.json), WKB streams (.wkb), GeoPackage (.gpkg), Shapefile (.shp) and FlatGeobuf (.fgb).",
        discussion: """
            A WKB stream keeps geometry only (properties and ids are dropped); it is written as EWKB \
            with SRID 4326 when the input is GeoJSON. The output is written to a temporary file and \
            renamed into place, so a failed conversion leaves no output file. With --to-crs the \
            features are reprojected (PROJ, lon/lat axis order) from the CRS the input declares, or \
            from --from-crs; GeoJSON output must stay in EPSG:4326 (RFC 7946).
            """
    )

    @Argument(help: "The input file.")
    var input: String

    @Argument(help: "The output file (replaced if it exists).")
    var output: String

    @Option(name: .customLong("to-crs"), help: "Reproject to this CRS (EPSG:5179, a PROJ string or WKT).")
    var targetCRS: String?

    @Option(name: .customLong("from-crs"), help: "The input CRS when the file does not declare one.")
    var sourceCRS: String?

    @Option(help: "The layer to convert (a GeoPackage's table); default: every layer.")
    var layer: String?

    @Option(help: "The text encoding of a Shapefile input (CP949, UTF-8, ...), overriding its .cpg and language driver byte.")
    var encoding: String?

    @Flag(name: .customLong("allow-non-wgs84-geojson"), help: "Write GeoJSON in a CRS other than WGS 84 anyway (non-standard, RFC 7946 readers misplace it).")
    var allowNonWGS84 = false

    func run() throws {
        try reportingErrors {
            try GeoConvert.convert(input: input, layer: layer, output: output, from: sourceCRS.map(CRS.init), to: targetCRS.map(CRS.init),
                                   allowNonWGS84GeoJSON: allowNonWGS84, encoding: encoding)
        }
    }
}
