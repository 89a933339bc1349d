import Foundation
import Testing

/// `info` and `convert` with `--bbox` on files, and with PostGIS tables when a test database runs
/// (Tests/postgis/with-postgis.sh, started by `make test`).
@Suite struct PostGISCommandTests {
    static let database = ProcessInfo.processInfo.environment["GEOTWIN_TEST_POSTGIS"].flatMap { $0.isEmpty ? nil : $0 }

    private func layers(_ json: String) throws -> [[String: Any]] {
        try #require((try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["layers"] as? [[String: Any]])
    }

    @Test func bboxOnFiles() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let out = dir.appendingPathComponent("seoul.gpkg").path
        let bbox = "126.7,37.4,127.3,37.8"
        let r = try CLIRunner.run(["convert", "--layer", "sigungu", "--bbox", bbox, "Geodata/korea.gpkg", out])
        #expect(r.status == 0, "\(r.stderr)")
        let all = try layers(try CLIRunner.run(["info", "--json", out]).stdout)
        let counted = try layers(try CLIRunner.run(["info", "--json", "--bbox", bbox, "Geodata/korea.gpkg"]).stdout)
        let sigungu = try #require(counted.first { $0["name"] as? String == "sigungu" })
        #expect(all[0]["featureCount"] as? Int == sigungu["featureCount"] as? Int)
        #expect((all[0]["featureCount"] as? Int ?? 0) > 10)
        let bad = try CLIRunner.run(["info", "--bbox", "1,2,3", "Geodata/korea.gpkg"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--bbox"))
    }

    @Test(.enabled(if: database != nil, "no test database (run under Tests/postgis/with-postgis.sh)"))
    func convertAndDescribeAPostGISTable() throws {
        let base = try #require(Self.database)
        let table = "cli_sido_\(UInt32.random(in: 0...UInt32.max))"
        let url = base + "?table=" + table
        let w = try CLIRunner.run(["convert", "--layer", "sido", "Geodata/korea.gpkg", url])
        #expect(w.status == 0, "\(w.stderr)")
        let info = try CLIRunner.run(["info", "--json", url])
        #expect(info.status == 0, "\(info.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])
        #expect(json["format"] as? String == "PostGIS")
        let layer = try #require(try layers(info.stdout).first)
        #expect(layer["featureCount"] as? Int == 17)
        #expect(layer["crs"] as? String == "EPSG:4326")
        let dir = try CLIRunner.temporaryDirectory()
        let back = dir.appendingPathComponent("sido.geojson").path
        let r = try CLIRunner.run(["convert", "--partitions", "3", url, back])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try layers(try CLIRunner.run(["info", "--json", back]).stdout).first?["featureCount"] as? Int == 17)

        // A password in the URL never reaches the output.
        let failed = try CLIRunner.run(["info", "postgresql://nobody:Sup3r-Secret@127.0.0.1:1/nowhere?table=x"])
        #expect(failed.status != 0)
        #expect(!failed.stderr.contains("Sup3r-Secret"), "\(failed.stderr)")
        #expect(failed.stderr.contains("cannot connect"), "\(failed.stderr)")
    }

    @Test(.enabled(if: database != nil, "no test database (run under Tests/postgis/with-postgis.sh)"))
    func zonalReadsZonesFromPostGIS() throws {
        let base = try #require(Self.database)
        let dir = try CLIRunner.temporaryDirectory()
        let src = dir.appendingPathComponent("zones.geojson").path
        try ZonalRasterizeCommandTests.zones.write(toFile: src, atomically: true, encoding: .utf8)
        let tif = dir.appendingPathComponent("v.tif").path
        #expect(try CLIRunner.run(["rasterize", src, tif, "--res", "1", "--attribute", "v", "--epsg", "5179"]).status == 0)
        let url = base + "?table=cli_zones_\(UInt32.random(in: 0...UInt32.max))"
        let w = try CLIRunner.run(["convert", src, url])
        #expect(w.status == 0, "\(w.stderr)")
        let stats = ["--id", "name", "--stats", "count,sum,mean,max,majority", "--zones-crs", "EPSG:5179"]
        let fromFile = try CLIRunner.run(["zonal", "--raster", tif, "--zones", src] + stats)
        let fromTable = try CLIRunner.run(["zonal", "--raster", tif, "--zones", url] + stats)
        #expect(fromTable.status == 0, "\(fromTable.stderr)")
        #expect(fromTable.stdout == fromFile.stdout)
        #expect(fromTable.stdout.hasPrefix("id,count,sum,mean,max,majority\n\"x,y\",16.0,77.0"))
    }
}
