import Foundation
import Testing

/// Hostile and awkward input to the commands: refused early with the figures, never a crash,
/// a huge allocation, a dropped CRS or a silently wrong answer.
@Suite struct HostileInputCommandTests {
    static let hostileRasters = CLIRunner.root.appendingPathComponent("Tests/GeoRasterTests/Fixtures/hostile")
    static let square = hostileRasters.appendingPathComponent("square_1km.geojson").path

    @Test func rasterizeRefusesAGridBeyondTheMemoryBudgetBeforeWriting() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let out = dir.appendingPathComponent("fine.tif").path
        // 1 km at 0.011: 90,910 x 90,910 cells, 66 GB of Float64, within the cell-count cap.
        let r = try CLIRunner.run(["rasterize", Self.square, out, "--res", "0.011", "--max-memory", "4G"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("9091") && r.stderr.contains("cell grid"), "\(r.stderr)")
        #expect(r.stderr.contains("61.6 GiB") && r.stderr.contains("4.0 GiB"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        // The same request within its budget runs.
        let ok = try CLIRunner.run(["rasterize", Self.square, out, "--res", "100", "--max-memory", "1M"])
        #expect(ok.status == 0, "\(ok.stderr)")
        let bad = try CLIRunner.run(["rasterize", Self.square, out, "--res", "100", "--max-memory", "lots"])
        #expect(bad.status != 0 && bad.stderr.contains("--max-memory"))
    }

    @Test func rasterizeNoticesAMissingOutputFolderFirst() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let out = dir.appendingPathComponent("no/such/folder/r.tif").path
        let r = try CLIRunner.run(["rasterize", Self.square, out, "--res", "0.011"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("folder") && r.stderr.contains("does not exist"), "\(r.stderr)")
    }

    @Test func rasterizeRefusesAnEPSGCodeGeoTIFFCannotHold() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let out = dir.appendingPathComponent("r.tif").path
        let r = try CLIRunner.run(["rasterize", Self.square, out, "--res", "100", "--epsg", "70000"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("EPSG:70000") && r.stderr.contains("32766"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        // A code the keys can hold is written.
        #expect(try CLIRunner.run(["rasterize", Self.square, out, "--res", "100", "--epsg", "5179"]).status == 0)
    }

    @Test func zonalRefusesARasterBeyondTheMemoryBudgetFromItsHeader() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let tif = dir.appendingPathComponent("r.tif").path
        #expect(try CLIRunner.run(["rasterize", Self.square, tif, "--res", "10"]).status == 0)
        let r = try CLIRunner.run(["zonal", "--raster", tif, "--zones", Self.square, "--max-memory", "10K"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("100 x 100 cells") && r.stderr.contains("78.1 KiB") && r.stderr.contains("10.0 KiB"), "\(r.stderr)")
        let ok = try CLIRunner.run(["zonal", "--raster", tif, "--zones", Self.square, "--stats", "count", "--max-memory", "1M"])
        #expect(ok.stdout == "id,count\n0,10000.0\n", "\(ok.stderr)")
    }

    @Test func zonalRefusesAnUnknownIdPropertyAndEmptyStatistics() throws {
        let tif = Self.hostileRasters.appendingPathComponent("zero_cellsize.asc").path
        let dir = try CLIRunner.temporaryDirectory()
        let good = dir.appendingPathComponent("r.asc").path
        #expect(try CLIRunner.run(["rasterize", Self.square, good, "--res", "100"]).status == 0)
        let id = try CLIRunner.run(["zonal", "--raster", good, "--zones", Self.square, "--id", "nosuch"])
        #expect(id.status == 1 && id.stderr.contains("no zone has the property 'nosuch'") && id.stderr.contains("name"), "\(id.stderr)")
        let stats = try CLIRunner.run(["zonal", "--raster", good, "--zones", Self.square, "--stats", ",,,"])
        #expect(stats.status == 1 && stats.stderr.contains("--stats has an empty entry"), "\(stats.stderr)")
        let cell = try CLIRunner.run(["zonal", "--raster", tif, "--zones", Self.square])
        #expect(cell.status == 1 && cell.stderr.contains("zero_cellsize.asc") && cell.stderr.contains("line 5"), "\(cell.stderr)")
    }

    /// PROJ's cs2cs transforms points outside EPSG:5186's area of use (oracle committed by
    /// Tests/GeoProjTests/Fixtures/generate_outside_area.sh); so does `transform`, warning once.
    @Test func transformOutsideTheAreaOfUseWarnsOnceAndMatchesCs2cs() throws {
        let oracle = try String(contentsOf: CLIRunner.root.appendingPathComponent("Tests/GeoProjTests/Fixtures/outside_area_5186.tsv"), encoding: .utf8)
        let rows = oracle.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: "\t").map { Double($0)! } }
        #expect(rows.count == 3)
        let input = rows.map { "\($0[0]),\($0[1])" }.joined(separator: "\n") + "\n"
        let r = try CLIRunner.run(["transform", "--from", "EPSG:4326", "--to", "EPSG:5186"], stdin: input)
        #expect(r.status == 0, "\(r.stderr)")
        let warnings = r.stderr.split(separator: "\n")
        #expect(warnings.count == 1)
        #expect(warnings.first?.hasPrefix("geotwin: warning: 2 of 3 points lie outside the area of use") == true, "\(r.stderr)")
        let out = r.stdout.split(separator: "\n").map { $0.split(separator: ",").map { Double($0)! } }
        #expect(out.count == 3)
        for (got, want) in zip(out, rows) {
            #expect(abs(got[0] - want[2]) < 1e-6 && abs(got[1] - want[3]) < 1e-6, "\(got) vs \(want)")
        }
        let strict = try CLIRunner.run(["transform", "--from", "EPSG:4326", "--to", "EPSG:5186", "--strict"], stdin: input)
        #expect(strict.status == 1)
        #expect(strict.stdout.split(separator: "\n").count == 1)
        #expect(strict.stderr.split(separator: "\n").count == 2 && strict.stderr.contains("outside the area of use"))
    }

    @Test func transformToAGeocentricCRSSaysSo() throws {
        let r = try CLIRunner.run(["transform", "--from", "EPSG:4326", "--to", "EPSG:4978"], stdin: "127,37\n")
        #expect(r.status == 1)
        #expect(r.stderr.contains("geocentric") && !r.stderr.contains("area of use"), "\(r.stderr)")
    }

    /// SIGINT while `locate --output` writes: no temporary file remains and the existing output
    /// is untouched; the process ends by the signal.
    @Test func interruptingAWriteLeavesNoTemporaryFileAndKeepsTheOldOutput() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let input = dir.appendingPathComponent("points.csv")
        var text = "lat,lon\n"
        text.reserveCapacity(40_000_000)
        for i in 0..<2_000_000 { text += "3\(5 + i % 3).\(i % 997),12\(7 + i % 2).\(i % 991)\n" }
        try text.write(to: input, atomically: false, encoding: .utf8)
        let output = dir.appendingPathComponent("out.csv")
        try Data("previous output\n".utf8).write(to: output)
        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = ["locate", "--input", input.path, "--output", output.path]
        process.currentDirectoryURL = CLIRunner.root
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the temporary file exists (the write is under way), then interrupt.
        let deadline = Date().addingTimeInterval(120)
        var sawTemporary = false
        while Date() < deadline, process.isRunning {
            let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            if names.contains(where: { $0.hasSuffix(".tmp") }) { sawTemporary = true; break }
            usleep(20_000)
        }
        #expect(sawTemporary, "the command finished before it could be interrupted")
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGINT)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names == ["out.csv", "points.csv"])
        #expect(try String(contentsOf: output, encoding: .utf8) == "previous output\n")
    }
}

extension HostileInputCommandTests {
    @Test func locateReadsTheCommittedSpreadsheetCSV() throws {
        let sheet = CLIRunner.root.appendingPathComponent("Tests/GeoIOTests/Fixtures/hostile/spreadsheet.csv").path
        let r = try CLIRunner.run(["locate", "--input", sheet])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n").map(String.init)
        #expect(rows.count == 3)
        #expect(rows[0] == "lat,lon,code,name")
        #expect(rows[1].hasPrefix("37.2636,127.0286,4111"))
        #expect(rows[2] == "35.0961,128.9145,26440,부산광역시 강서구")
    }
}
