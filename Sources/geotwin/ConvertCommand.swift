import ArgumentParser

/// `geotwin convert IN OUT`: converts between GeoJSON and WKB streams, formats by extension.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a geodata file between GeoJSON (.geojson/.json) and WKB streams (.wkb).",
        discussion: """
            A WKB stream keeps geometry only (properties and ids are dropped); it is written as EWKB \
            with SRID 4326 when the input is GeoJSON. The output is written to a temporary file and \
            renamed into place, so a failed conversion leaves no output file.
            """
    )

    @Argument(help: "The input file.")
    var input: String

    @Argument(help: "The output file (replaced if it exists).")
    var output: String

    func run() throws {
        try reportingErrors {
            let outputFormat = try GeoFileFormat(path: output)
            let (_, layers) = try GeoFile.read(input)
            let bytes = try GeoFile.encode(layers, as: outputFormat)
            try GeoFile.writeAtomically(bytes, to: output)
        }
    }
}
