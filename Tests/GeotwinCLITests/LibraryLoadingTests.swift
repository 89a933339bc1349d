import Foundation
import Testing

/// PROJ, libpq and libtiff are loaded when a command first needs them, not when `geotwin`
/// starts: the dynamic loader's own trace (`LD_DEBUG=files`, glibc) lists every library it maps.
@Suite struct LibraryLoadingTests {
    static let square = CLIRunner.root.appendingPathComponent("Tests/GeoRasterTests/Fixtures/hostile/square_1km.geojson").path
    static let lazy = ["libproj.so", "libpq.so", "libtiff.so", "libcurl"]

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
    }
}
