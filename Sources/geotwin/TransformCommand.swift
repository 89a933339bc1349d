import ArgumentParser
import Foundation
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

    func run() throws {
        let transformer: Transformer
        do {
            transformer = try Transformer(from: CRS(from), to: CRS(to))
        } catch {
            Self.report("geotwin: error: \(error)")
            throw ExitCode(1)
        }
        let direction: Transformer.Direction = inverse ? .inverse : .forward
        var output = ""
        var lineNumber = 0
        var failures = 0
        while let line = readLine(strippingNewline: true) {
            lineNumber += 1
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            guard let point = Self.parse(text) else {
                if lineNumber == 1 {
                    output += line + "\n"
                } else {
                    Self.report("geotwin: error: line \(lineNumber): expected \"x,y\" with two numbers, got \"\(line)\"")
                    failures += 1
                }
                continue
            }
            do {
                let c = try transformer.transform(point, direction: direction)
                output += String(format: "%.17g,%.17g\n", c.x, c.y)
            } catch {
                Self.report("geotwin: error: line \(lineNumber): \(error)")
                failures += 1
            }
            if output.utf8.count >= 1 << 16 {
                FileHandle.standardOutput.write(Data(output.utf8))
                output.removeAll(keepingCapacity: true)
            }
        }
        FileHandle.standardOutput.write(Data(output.utf8))
        if failures > 0 { throw ExitCode(1) }
    }

    /// The coordinate of an `x,y` line, or nil.
    private static func parse(_ text: String) -> Coordinate? {
        let fields = text.split(separator: ",", omittingEmptySubsequences: false)
        guard fields.count == 2,
              let x = Double(fields[0].trimmingCharacters(in: .whitespaces)),
              let y = Double(fields[1].trimmingCharacters(in: .whitespaces)) else { return nil }
        return Coordinate(x, y)
    }

    private static func report(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
