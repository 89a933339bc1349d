import Foundation
import Testing

@Suite struct InfoConvertCommandTests {
    let fixture = "Tests/GeoIOTests/Fixtures/geojson/ulleung_multipolygon.geojson"

    @Test func helpListsSubcommands() throws {
        let r = try CLIRunner.run(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("info"))
        #expect(r.stdout.contains("convert"))
    }

    @Test func infoPrintsCountsAndBounds() throws {
        let r = try CLIRunner.run(["info", fixture, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let layers = try #require(json["layers"] as? [[String: Any]])
        #expect(layers.count == 1)
        #expect(layers[0]["crs"] as? String == "EPSG:4326")
        #expect((layers[0]["featureCount"] as? Int ?? 0) >= 1)
        let bbox = try #require(layers[0]["bbox"] as? [Double])
        // Ulleung-gun lies around 130.8-131.9 E, 37.2-37.6 N (Dokdo included).
        #expect(bbox[0] > 130 && bbox[2] < 132.5 && bbox[1] > 37 && bbox[3] < 38)
    }

    @Test func convertRoundTripsThroughWKB() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let wkb = dir.appendingPathComponent("u.wkb").path
        let back = dir.appendingPathComponent("u.geojson").path
        #expect(try CLIRunner.run(["convert", fixture, wkb]).status == 0)
        #expect(try CLIRunner.run(["convert", wkb, back]).status == 0)
        let a = try CLIRunner.run(["info", fixture, "--json"]).stdout
        let b = try CLIRunner.run(["info", back, "--json"]).stdout
        let la = try #require((try JSONSerialization.jsonObject(with: Data(a.utf8)) as? [String: Any])?["layers"] as? [[String: Any]])
        let lb = try #require((try JSONSerialization.jsonObject(with: Data(b.utf8)) as? [String: Any])?["layers"] as? [[String: Any]])
        #expect(la[0]["bbox"] as? [Double] == lb[0]["bbox"] as? [Double])
        #expect(la[0]["featureCount"] as? Int == lb[0]["featureCount"] as? Int)
    }

    @Test func badInputFailsCleanlyAndKeepsExistingOutput() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let bad = dir.appendingPathComponent("bad.geojson")
        try Data(#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1]]]}"#.utf8).write(to: bad)
        let out = dir.appendingPathComponent("out.wkb")
        try Data("precious".utf8).write(to: out)
        let r = try CLIRunner.run(["convert", bad.path, out.path])
        #expect(r.status != 0)
        #expect(r.stderr.hasPrefix("geotwin: error: "))
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(try String(contentsOf: out, encoding: .utf8) == "precious")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(leftovers == ["bad.geojson", "out.wkb"])
    }

    @Test func missingFileIsAnErrorNotACrash() throws {
        let r = try CLIRunner.run(["info", "/nonexistent/nowhere.geojson"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("nowhere.geojson"))
    }
}
