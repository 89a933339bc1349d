import Foundation
import Testing

@Suite struct ZonalRasterizeCommandTests {
    static let zones = """
    {"type":"FeatureCollection","features":[
    {"type":"Feature","id":"a","properties":{"name":"x,y","v":5},"geometry":{"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,4],[0,0]]]}},
    {"type":"Feature","properties":{"name":"b","v":2},"geometry":{"type":"Polygon","coordinates":[[[1,1],[2,1],[2,2],[1,2],[1,1]]]}}]}
    """

    @Test func rasterizeThenZonalPrintsCSVInInputOrder() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let src = dir.appendingPathComponent("zones.geojson").path
        try Self.zones.write(toFile: src, atomically: true, encoding: .utf8)
        let tif = dir.appendingPathComponent("v.tif").path
        let r = try CLIRunner.run(["rasterize", src, tif, "--res", "1", "--attribute", "v", "--epsg", "5179"])
        #expect(r.status == 0, "\(r.stderr)")
        let z = try CLIRunner.run(["zonal", "--raster", tif, "--zones", src, "--id", "name", "--stats", "count,sum,mean,max,majority"])
        #expect(z.status == 0, "\(z.stderr)")
        // 16 cells: one burnt 2 (the later feature wins), 15 burnt 5.
        #expect(z.stdout == "id,count,sum,mean,max,majority\n\"x,y\",16.0,77.0,4.8125,5.0,5.0\nb,1.0,2.0,2.0,2.0,2.0\n")
        let asc = dir.appendingPathComponent("f.asc").path
        #expect(try CLIRunner.run(["rasterize", src, asc, "--res", "1", "--fraction"]).status == 0)
        let f = try CLIRunner.run(["zonal", "--raster", asc, "--zones", src, "--stats", "sum"])
        // Fractions add up where features overlap: the small square sees 1 + 1.
        #expect(f.stdout == "id,sum\na,17.0\n1,2.0\n")
    }

    @Test func badInputFailsWithOneLineAndNoPartialOutput() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let src = dir.appendingPathComponent("zones.geojson").path
        try Self.zones.write(toFile: src, atomically: true, encoding: .utf8)
        let unknown = try CLIRunner.run(["zonal", "--raster", src, "--zones", src])
        #expect(unknown.status != 0 && unknown.stderr.hasPrefix("geotwin: error: "))
        let stat = try CLIRunner.run(["zonal", "--raster", "x.tif", "--zones", src, "--stats", "bogus"])
        #expect(stat.status != 0 && stat.stderr == "geotwin: error: unknown statistic 'bogus'\n")
        let out = dir.appendingPathComponent("out.tif").path
        let bad = try CLIRunner.run(["rasterize", src, out, "--res", "1e-12"])
        #expect(bad.status != 0 && bad.stderr.hasPrefix("geotwin: error: "))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["zones.geojson"])
    }
}
