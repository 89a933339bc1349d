import ArgumentParser
import GeoTwin

/// `geotwin convert IN OUT`: converts between GeoJSON and WKB streams, formats by extension.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a geodata file between GeoJSON (.geojson/.json), WKB streams (.wkb) and GeoPackage (.gpkg).",
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

    func run() throws {
        try reportingErrors {
            let outputFormat = try GeoFileFormat(path: output)
            var (_, layers) = try GeoFile.read(input)
            if let targetCRS {
                layers = try Self.reproject(layers, from: sourceCRS, to: targetCRS, input: input)
            }
            if outputFormat == .geoJSON, let crs = layers.first(where: { $0.crs != nil && $0.crs != "EPSG:4326" })?.crs {
                throw CLIError("\(output): GeoJSON is always EPSG:4326 (RFC 7946), the data is in \(crs); write .wkb instead or reproject with --to-crs EPSG:4326")
            }
            try GeoFile.write(layers, as: outputFormat, to: output)
        }
    }

    /// Reprojects every layer from its declared CRS (or `source`) to `target`.
    static func reproject(_ layers: [GeoLayer], from source: String?, to target: String, input: String) throws -> [GeoLayer] {
        let targetCRS = try CRS(target)
        return try layers.map { layer in
            guard let from = source ?? layer.crs else {
                throw CLIError("\(input): layer \(layer.name) declares no CRS; give it with --from-crs")
            }
            let transformer = try Transformer(from: try CRS(from), to: targetCRS)
            var out = layer
            do {
                out.features = try transformer.transform(FeatureCollection(layer.features)).features
            } catch {
                throw CLIError("\(input): layer \(layer.name): \(error)")
            }
            out.crs = targetCRS.epsgCode.map { "EPSG:\($0)" } ?? target
            return out
        }
    }
}
