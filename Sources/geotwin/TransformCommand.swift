import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoTwin

/// `geotwin transform --from CRS --to CRS [--inverse]`: transforms `x,y` lines from stdin to stdout.
struct TransformCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transform",
        abstract: "Transform x,y lines on stdin from one CRS to another (x = longitude or easting).",
        discussion: """
            Reads one "x,y" pair per line; a first line that is not a pair is a header and is copied.
            Writes "x,y" with 17 significant digits. A line that cannot be read or transformed is
            reported on stderr with its line number and left out; the exit status is then 1.
            Example: printf 'lon,lat\\n127.334,36.524\\n' | geotwin transform --from EPSG:4326 --to EPSG:5179
            """
    )

    @Option(help: "Input CRS: EPSG:<code>, a PROJ string or WKT.")
    var from: String

    @Option(help: "Output CRS: EPSG:<code>, a PROJ string or WKT.")
    var to: String

    @Flag(help: "Transform from --to back to --from.")
    var inverse = false

    @Flag(help: "Refuse points outside the areas of use of the CRSs (by default they are transformed, as PROJ does, with one warning giving their count).")
    var strict = false

    func run() throws {
        let transformer: Transformer
        do {
            transformer = try Transformer(from: CRS(from), to: CRS(to), checksAreaOfUse: strict)
        } catch {
            Self.report("geotwin: error: \(error)")
            throw ExitCode(1)
        }
        let failures = TransformText.run(transformer, direction: inverse ? .inverse : .forward,
                                         readLine: { readLine(strippingNewline: true) },
                                         write: { StandardStreams.writeOutput($0) },
                                         problem: { Self.report("geotwin: error: \($0)") },
                                         warning: { Self.report("geotwin: warning: \($0) (--strict refuses them)") })
        if failures > 0 { throw ExitCode(1) }
    }

    private static func report(_ message: String) {
        StandardStreams.writeError((message + "\n"))
    }
}
