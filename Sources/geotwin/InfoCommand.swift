import ArgumentParser
import GeoTwin

/// `geotwin info FILE [--json]`: layers, feature counts, geometry types, CRS and bounds of a file.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Describe a geodata file: layers, feature count, geometry types, CRS and bounding box.",
        discussion: """
            Formats by extension: .geojson/.json (GeoJSON, EPSG:4326), .wkb (length-prefixed WKB stream), \
            .gpkg (GeoPackage, every layer), .shp (ESRI Shapefile; its .prj identified as an EPSG code by PROJ), \
            .fgb (FlatGeobuf).
            """
    )

    @Argument(help: "The file to describe.")
    var file: String

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @Option(help: "The text encoding of a Shapefile's attributes (CP949, UTF-8, ...), overriding its .cpg.")
    var encoding: String?

    func run() throws {
        try reportingErrors {
            let description = try GeoConvert.describe(path: file, encoding: encoding)
            print(json ? try description.json() : description.text)
        }
    }
}
