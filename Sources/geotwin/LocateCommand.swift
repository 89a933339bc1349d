import ArgumentParser
import Foundation
import GeoTwin

extension AdministrativeLevel: ExpressibleByArgument {}

/// `geotwin locate`: reverse geocoding against the shipped Korean boundaries.
struct LocateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "locate",
        abstract: "Find the Korean administrative unit at WGS84 positions.",
        discussion: """
            With LAT LON, prints one line `code,name` (`,` outside Korea or at sea).
            With --input FILE.csv (header `lat,lon`), prints CSV `lat,lon,code,name`, one row per
            input row in order, coordinates echoed as given, name as "sido sigungu" in Korean, empty
            code and name outside Korea. Bad rows are reported on stderr with their line number,
            keep an empty code and name in the output, and make the exit status 1.
            Geodata is found through --geodata, $GEOTWIN_GEODATA, or a Geodata/korea.gpkg above the
            current directory or the executable.
            """)

    @Argument(help: "Latitude in degrees (WGS84).")
    var latitude: Double?

    @Argument(help: "Longitude in degrees (WGS84).")
    var longitude: Double?

    @Option(name: .long, help: "CSV file with a header `lat,lon`.")
    var input: String?

    @Option(name: .long, help: "sido, sigungu or emd.")
    var level: AdministrativeLevel = .sigungu

    @Option(name: .long, help: "The Geodata folder (or its korea.gpkg).")
    var geodata: String?

    func validate() throws {
        if input == nil && (latitude == nil || longitude == nil) {
            throw ValidationError("give LAT LON or --input FILE.csv")
        }
        if input != nil && latitude != nil {
            throw ValidationError("give either LAT LON or --input FILE.csv, not both")
        }
    }

    func run() async throws {
        let atlas: KoreaAtlas
        do {
            atlas = try KoreaAtlas(geodataPath: geodata)
        } catch {
            fail(error.description)
        }
        if let input {
            try locateFile(input, atlas)
            return
        }
        guard let latitude, let longitude else { return }
        do {
            let region = try atlas.locate(latitude: latitude, longitude: longitude, level: level)
            print("\(region?.code ?? ""),\(csvField(region?.name ?? ""))")
        } catch {
            fail(error.description)
        }
    }

    private func locateFile(_ path: String, _ atlas: KoreaAtlas) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            fail("cannot read \(path): \(error.localizedDescription)")
        }
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard let header = lines.first else { fail("\(path): empty file, expected a header lat,lon") }
        let names = header.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let latColumn = names.firstIndex(of: "lat"), let lonColumn = names.firstIndex(of: "lon") else {
            fail("\(path):1: header must name the columns lat and lon")
        }
        var lats: [Double] = [], lons: [Double] = [], valid: [Bool] = [], echo: [(Substring, Substring)] = []
        var bad = 0
        for (n, line) in lines.enumerated().dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            let lat = latColumn < fields.count ? fields[latColumn] : ""
            let lon = lonColumn < fields.count ? fields[lonColumn] : ""
            echo.append((lat, lon))
            let la = Double(lat.trimmingCharacters(in: .whitespaces)), lo = Double(lon.trimmingCharacters(in: .whitespaces))
            if fields.count != names.count {
                warn("\(path):\(n + 1): \(fields.count) fields, expected \(names.count)")
            } else if let la, let lo, la.isFinite, lo.isFinite, abs(la) <= 90, abs(lo) <= 180 {
                lats.append(la)
                lons.append(lo)
                valid.append(true)
                continue
            } else {
                warn("\(path):\(n + 1): invalid coordinate lat '\(lat)' lon '\(lon)'")
            }
            bad += 1
            lats.append(0)
            lons.append(0)
            valid.append(false)
        }
        let regions: [LocatedRegion?]
        do {
            regions = try atlas.locate(latitudes: lats, longitudes: lons, level: level)
        } catch {
            fail(error.description)
        }
        var out = "lat,lon,code,name\n"
        for i in regions.indices {
            let region = valid[i] ? regions[i] : nil
            out += "\(echo[i].0),\(echo[i].1),\(region?.code ?? ""),\(csvField(region?.name ?? ""))\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
        if bad > 0 { throw ExitCode(1) }
    }
}

/// A CSV field, quoted when it holds a comma, quote or line break.
private func csvField(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

/// Prints `geotwin: warning: ...` on stderr.
private func warn(_ message: String) {
    FileHandle.standardError.write(Data("geotwin: warning: \(message)\n".utf8))
}

/// Prints `geotwin: error: ...` on stderr and exits with status 1.
private func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("geotwin: error: \(message)\n".utf8))
    LocateCommand.exit(withError: ExitCode(1))
}
