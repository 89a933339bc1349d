import Foundation
import Testing

@Suite struct ShapefileFlatGeobufCommandTests {
    let fixtures = "Tests/GeoIOTests/Fixtures/shp_fgb/"

    private func layers(_ json: String) throws -> [[String: Any]] {
        try #require((try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["layers"] as? [[String: Any]])
    }

    /// The ESRI .prj GDAL writes for EPSG:5186 / 5174 / 5179 is identified back as its code by PROJ.
    @Test(arguments: [("places_cp949_nocpg.shp", "EPSG:5186", 4), ("parcels.shp", "EPSG:5174", 3), ("roads_z.shp", "EPSG:5179", 2),
                      ("grid_indexed.fgb", "EPSG:5179", 400)])
    func infoIdentifiesTheCRS(_ file: String, _ crs: String, _ count: Int) throws {
        let r = try CLIRunner.run(["info", fixtures + file, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let layer = try #require(try layers(r.stdout).first)
        #expect(layer["crs"] as? String == crs)
        #expect(layer["featureCount"] as? Int == count + (file.hasPrefix("places") ? 1 : 0))
    }

    /// Shapefile to FlatGeobuf to Shapefile keeps features, CRS and Korean text; `--encoding`
    /// overrides the .cpg (CP949 read as UTF-8 fails naming the field).
    @Test func convertsBothWays() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let fgb = dir.appendingPathComponent("places.fgb").path
        let shp = dir.appendingPathComponent("places.shp").path
        let geojson = dir.appendingPathComponent("places.geojson").path
        #expect(try CLIRunner.run(["convert", fixtures + "places_guess.shp", fgb, "--encoding", "CP949"]).status == 0)
        #expect(try CLIRunner.run(["convert", fgb, shp]).status == 0)
        let r = try CLIRunner.run(["convert", shp, geojson, "--to-crs", "EPSG:4326"])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: geojson, encoding: .utf8)
        #expect(text.contains("세종특별자치시청"))
        let info = try layers(try CLIRunner.run(["info", shp, "--json"]).stdout)
        #expect(info.first?["crs"] as? String == "EPSG:5186")
        let bad = try CLIRunner.run(["convert", fixtures + "places_cp949.shp", dir.appendingPathComponent("x.fgb").path, "--encoding", "UTF-8"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("places_cp949.dbf: record 1, field name (byte 194): text is not valid UTF-8"))
    }
}
