import ArgumentParser
import GeoTwin

/// `geotwin info FILE|URL [--bbox ...] [--json]`: layers, feature counts, geometry types, CRS and
/// bounds of a file or a PostGIS table.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Describe a geodata file: layers, feature count, geometry types, CRS and bounding box.",
        discussion: """
            Formats by extension: .geojson/.json (GeoJSON, EPSG:4326), .geojsonl/.geojsons/.ndjson (GeoJSONSeq), \
            .wkb (length-prefixed WKB stream), .gpkg (GeoPackage, every layer), .shp (ESRI Shapefile; its .prj \
            identified as an EPSG code by PROJ), .fgb (FlatGeobuf). A PostGIS table is given as \
            postgresql://user@host:port/dbname?table=NAME (optional schema= and geometry=; without table= every \
            table of geometry_columns); the server counts the features and computes the extent.
            """
    )

    @Argument(help: "The file (or postgresql:// URL) to describe.")
    var file: String

    @Option(help: "Count only the features whose bounding box meets minX,minY,maxX,maxY (in the layer's CRS).")
    var bbox: String?

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @Option(help: "The text encoding of a Shapefile's attributes (CP949, UTF-8, ...), overriding its .cpg.")
    var encoding: String?

    func run() throws {
        try reportingErrors {
            let description = try GeoInfo.describe(file, bbox: parseBBox(bbox), encoding: encoding)
            print(json ? try description.json() : description.text)
        }
    }
}
