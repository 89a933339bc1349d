import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoTwin

extension AdministrativeLevel: ExpressibleByArgument {}

/// `geotwin locate`: reverse geocoding against the shipped Korean boundaries.
struct LocateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "locate",
        abstract: "Find the Korean administrative unit at WGS84 positions.",
        discussion: """
            With LAT LON, prints one line `code,name` (`,` outside Korea or at sea). Negative
            numbers are read as coordinates, not options (`geotwin locate -33.1 126.5`).
            With --input FILE.csv (a header naming lat,lon or latitude,longitude or x,y; `-` reads
            standard input), writes CSV `lat,lon,code,name` to standard output or --output FILE:
            one row per input row in order, coordinates echoed as given, name as "sido sigungu" in
            Korean, empty code and name outside Korea. The file is read as RFC 4180 CSV (quoted
            fields, CRLF line ends, a UTF-8 byte order mark: spreadsheet exports work) and streamed,
            so files of any size are handled in constant memory. Bad rows are reported on stderr
            with their line number, keep an empty code and name in the output, and make the exit
            status 1. --output is written atomically: it appears complete, or not at all.
            Geodata is found through --geodata, $GEOTWIN_GEODATA, or a Geodata/korea.gpkg above the
            current directory or the executable.
            """)

    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("Latitude and longitude in degrees (WGS84).",
                                                              valueName: "lat-lon"))
    var coordinates: [String] = []

    @Option(name: .long, help: "CSV file of points with a header row (`-` for standard input).")
    var input: String?

    @Option(name: .long, help: "Write the CSV to this file instead of standard output (with --input).")
    var output: String?

    @Option(name: .long, help: "sido, sigungu or emd.")
    var level: AdministrativeLevel = .sigungu

    @Option(name: .long, help: "The Geodata folder (or its korea.gpkg).")
    var geodata: String?

    @Flag(name: .customLong("current-codes"), help: "Write today's legal codes (Geodata/code_crosswalk.csv: 강원 51, 전북 52, 미추홀구 28177, ...) instead of the boundaries' (base date 2023-09-15).")
    var currentCodes = false

    func validate() throws {
        if input == nil && numbers.isEmpty {
            throw ValidationError("give LAT LON or --input FILE.csv")
        }
        if input != nil, let extra = numbers.first {
            throw ValidationError("give either LAT LON or --input FILE.csv, not both (unexpected '\(extra)')")
        }
        if input == nil && output != nil {
            throw ValidationError("--output goes with --input FILE.csv")
        }
        if input == nil {
            for c in numbers where CSVNumber.parse(c) == nil {
                throw ValidationError(c.hasPrefix("-") ? "unknown option '\(c)'" : "'\(c)' is not a number")
            }
            guard numbers.count == 2 else {
                throw ValidationError("give two numbers, LAT LON (got \(numbers.count))")
            }
        }
    }

    /// The positional coordinates, without a `--` that ends the options.
    private var numbers: [String] { coordinates.filter { $0 != "--" } }

    func run() async throws {
        let badRows = try reportingErrors { () throws -> Int in
            let atlas = try KoreaAtlas(geodataPath: geodata)
            let crosswalk = currentCodes ? try CodeCrosswalk.load(geodata: atlas.geodata) : nil
            if let input {
                let size = fileByteCount(input) ?? 0
                let progress = ProgressReporter(label: "locate", total: size)
                var options = CSVLocateOptions(level: level, currentCodes: crosswalk)
                if progress.isEnabled { options.progress = { progress.update($0) } }
                defer { progress.finish() }
                let summary = try atlas.locateCSV(input: input, output: output, options: options) {
                    progress.finish()
                    StandardStreams.writeError("geotwin: warning: \($0)\n")
                }
                return summary.badRows
            }
            let latitude = CSVNumber.parse(numbers[0])!, longitude = CSVNumber.parse(numbers[1])!
            let region = try atlas.locate(latitude: latitude, longitude: longitude, level: level)
            let code = region.map { crosswalk?.current($0.code) ?? $0.code } ?? ""
            print("\(code),\(CSVWriter.field(region?.name ?? ""))")
            return 0
        }
        if badRows > 0 { throw ExitCode(1) }
    }
}
