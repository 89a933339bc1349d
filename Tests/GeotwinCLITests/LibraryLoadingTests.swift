import Foundation
import Testing

/// GEOS, PROJ, libpq and libtiff are loaded when a command first needs them, not when `geotwin`
/// starts: the dynamic loader's own trace (`LD_DEBUG=files`, glibc) lists every library it maps.
@Suite struct LibraryLoadingTests {
    static let square = CLIRunner.root.appendingPathComponent("Tests/GeoRasterTests/Fixtures/hostile/square_1km.geojson").path
    static let lazy = ["libgeos_c.so", "libproj.so", "libpq.so", "libtiff.so", "libcurl"]

    /// The libraries among `lazy` the loader mapped while running `args`.
    static func loaded(_ args: [String]) throws -> (CLIRunner.Result, Set<String>) {
        let r = try CLIRunner.run(args, environment: ["LD_DEBUG": "files"])
        let mapped = r.stderr.split(separator: "\n").filter { $0.contains("file=") }
        return (r, Set(lazy.filter { name in mapped.contains { $0.contains("file=\(name)") } }))
    }

    @Test func aConversionInWGS84LoadsNoneOfThem() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in.geojson").path
        try Data(#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":1},"geometry":{"type":"Point","coordinates":[127,37]}}]}"#.utf8)
            .write(to: URL(fileURLWithPath: input))
        for output in ["out.gpkg", "out.fgb", "out.shp", "out.geojson"] {
            let (r, libraries) = try Self.loaded(["convert", input, dir.appendingPathComponent(output).path])
            #expect(r.status == 0, "\(output)")
            #expect(libraries.isEmpty, "\(output): \(libraries.sorted())")
        }
    }

    @Test func commandsLoadWhatTheyUse() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (t, proj) = try Self.loaded(["transform", "--from", "EPSG:4326", "--to", "EPSG:5179"])
        #expect(t.status == 0, "\(t.stderr.suffix(300))")
        #expect(proj.contains("libproj.so"))
        #expect(!proj.contains("libpq.so"))
        let (r, tiff) = try Self.loaded(["rasterize", Self.square, dir.appendingPathComponent("r.tif").path, "--res", "100"])
        #expect(r.status == 0, "\(r.stderr.suffix(300))")
        #expect(tiff.contains("libtiff.so"))
        #expect(!tiff.contains("libpq.so"))
        #expect(!tiff.contains("libgeos_c.so"))
        // The pilot-city twin's analyses run on GEOS.
        let (w, geos) = try Self.loaded(["twin", "sejong-5-1"])
        #expect(w.status == 0, "\(w.stderr.suffix(300))")
        #expect(geos.contains("libgeos_c.so"))
        #expect(!geos.contains("libpq.so"))
    }
}

/// A library that cannot be loaded, or lacks a function GeoTwin calls, is an error naming it,
/// not a crash: `LD_LIBRARY_PATH` puts a stand-in first in the loader's search.
@Suite struct LibraryLoadingFailureTests {
    /// The file of a shared library mapped into this process whose name starts with `name`
    /// (Linux: from `/proc/self/maps`).
    static func libraryFile(_ name: String) throws -> String {
        // Read to the end: procfs files report a size of 0.
        let handle = try #require(FileHandle(forReadingAtPath: "/proc/self/maps"))
        let maps = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        let path = maps.split(separator: "\n").compactMap { line -> String? in
            guard let slash = line.firstIndex(of: "/") else { return nil }
            let path = String(line[slash...])
            return (path as NSString).lastPathComponent.hasPrefix(name) ? path : nil
        }.first
        return try #require(path, "no \(name) in /proc/self/maps")
    }

    static func transform(with libraries: URL) throws -> CLIRunner.Result {
        try CLIRunner.run(["transform", "--from", "EPSG:4326", "--to", "EPSG:5179"], stdin: "127,37\n",
                          environment: ["LD_LIBRARY_PATH": libraries.path])
    }

    @Test func aLibraryWithoutTheFunctionsIsNamed() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A real shared library (libm) under PROJ's name: it loads, but has no proj_* functions.
        try FileManager.default.copyItem(atPath: try Self.libraryFile("libm.so"), toPath: dir.appendingPathComponent("libproj.so.25").path)
        let r = try Self.transform(with: dir)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("PROJ (libproj.so.25) has no function proj_context_create"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    /// Runs `args` with stand-ins that are not libraries under `names` first in the loader's
    /// search: the command fails naming `library` and the first of `names`, while a conversion,
    /// which needs none of them, still works.
    static func expectUnloadable(_ library: String, names: [String], command args: [String],
                                 stdin: String = "") throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in names {
            try Data("not a library".utf8).write(to: dir.appendingPathComponent(name))
        }
        let r = try CLIRunner.run(args, stdin: stdin, environment: ["LD_LIBRARY_PATH": dir.path])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("\(library) cannot be loaded") && r.stderr.contains(names[0]), "\(r.stderr)")
        let input = dir.appendingPathComponent("in.geojson").path
        try Data(#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[127,37]}}]}"#.utf8)
            .write(to: URL(fileURLWithPath: input))
        for output in ["out.gpkg", "out.fgb"] {
            let ok = try CLIRunner.run(["convert", input, dir.appendingPathComponent(output).path],
                                       environment: ["LD_LIBRARY_PATH": dir.path])
            #expect(ok.status == 0, "\(output): \(ok.stderr)")
        }
    }

    @Test func aLibraryThatCannotBeLoadedIsNamed() throws {
        try Self.expectUnloadable("PROJ", names: ["libproj.so.25", "libproj.so"],
                                  command: ["transform", "--from", "EPSG:4326", "--to", "EPSG:5179"], stdin: "127,37\n")
    }

    @Test func geosThatCannotBeLoadedIsNamed() throws {
        // The pilot-city twin's analyses run on GEOS.
        try Self.expectUnloadable("GEOS", names: ["libgeos_c.so.1", "libgeos_c.so"], command: ["twin", "sejong-5-1"])
    }
}
