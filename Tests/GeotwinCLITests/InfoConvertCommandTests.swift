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

@Suite struct ConvertReprojectionTests {
    let fixture = "Tests/GeoIOTests/Fixtures/geojson/ulleung_multipolygon.geojson"

    func bbox(_ path: String) throws -> [Double] {
        let r = try CLIRunner.run(["info", path, "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let layers = try #require(json["layers"] as? [[String: Any]])
        return try #require(layers.first?["bbox"] as? [Double])
    }

    @Test func reprojectsToKoreaUnifiedAndBack() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let projected = dir.appendingPathComponent("u.wkb").path
        let back = dir.appendingPathComponent("u.geojson").path
        #expect(try CLIRunner.run(["convert", fixture, projected, "--to-crs", "EPSG:5179"]).status == 0)
        let b = try bbox(projected)
        // EPSG:5179 eastings/northings of Ulleungdo are around 1.29e6-1.39e6 E, 1.92e6-1.96e6 N.
        #expect(b[0] > 1.2e6 && b[2] < 1.45e6 && b[1] > 1.85e6 && b[3] < 2.0e6)
        #expect(try CLIRunner.run(["convert", projected, back, "--to-crs", "EPSG:4326"]).status == 0)
        let original = try bbox(fixture), roundTrip = try bbox(back)
        for (x, y) in zip(original, roundTrip) { #expect(abs(x - y) < 1e-8) }
    }

    @Test func projectedGeoJSONIsRefused() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let out = dir.appendingPathComponent("u.geojson").path
        let r = try CLIRunner.run(["convert", fixture, out, "--to-crs", "EPSG:5179"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("RFC 7946"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func unknownCRSIsNamed() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let r = try CLIRunner.run(["convert", fixture, dir.appendingPathComponent("u.wkb").path, "--to-crs", "EPSG:999999"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("999999"))
    }
}

@Suite struct GeoPackageCommandTests {
    @Test func infoListsTheShippedLayers() throws {
        let r = try CLIRunner.run(["info", "Geodata/korea.gpkg", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let layers = try #require(json["layers"] as? [[String: Any]])
        let counts = Dictionary(uniqueKeysWithValues: layers.compactMap { l in
            (l["name"] as? String).map { ($0, l["featureCount"] as? Int ?? -1) }
        })
        #expect(counts["sido"] == 17)
        #expect(counts["sigungu"] == 253)
        #expect(layers.allSatisfy { $0["crs"] as? String == "EPSG:4326" })
    }

    @Test func convertsGeoJSONToProjectedGeoPackageAndBack() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let source = "Tests/GeoIOTests/Fixtures/geojson/naju_polygon_with_holes.geojson"
        let gpkg = dir.appendingPathComponent("naju.gpkg").path
        let back = dir.appendingPathComponent("naju.geojson").path
        #expect(try CLIRunner.run(["convert", source, gpkg, "--to-crs", "EPSG:5186"]).status == 0)
        let info = try CLIRunner.run(["info", gpkg])
        #expect(info.stdout.contains("CRS: EPSG:5186"))
        #expect(try CLIRunner.run(["convert", gpkg, back, "--to-crs", "EPSG:4326"]).status == 0)
        let a = try CLIRunner.run(["info", source]).stdout, b = try CLIRunner.run(["info", back]).stdout
        #expect(a.contains("features: 1") && b.contains("features: 1"))
    }

    @Test func convertWarnsAboutRenamedColumnsAndReadsGeoJSONSeq() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let source = dir.appendingPathComponent("hubs.geojsonl").path
        try Data(#"{"type":"Feature","id":"hub-1","geometry":{"type":"Point","coordinates":[127.3,36.5]},"properties":{"FID":7,"tags":{"kind":"bus"}}}"#.utf8)
            .write(to: URL(fileURLWithPath: source))
        let gpkg = dir.appendingPathComponent("hubs.gpkg").path
        let r = try CLIRunner.run(["convert", source, gpkg])
        #expect(r.status == 0)
        #expect(r.stderr == "geotwin: warning: \(gpkg): layer hubs, column FID2: property 'FID' renamed 'FID2': the name of the feature id column\n")
        let back = dir.appendingPathComponent("back.geojsons").path
        #expect(try CLIRunner.run(["convert", gpkg, back]).status == 0)
        let text = try String(contentsOfFile: back, encoding: .utf8)
        #expect(text.hasPrefix("\u{1E}{\"type\":\"Feature\",\"id\":1,"))
        #expect(text.contains(#""tags":{"kind":"bus"}"#) && text.contains(#""id":"hub-1""#))
    }

    @Test func notAGeoPackageIsATypedError() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let fake = dir.appendingPathComponent("fake.gpkg")
        try Data("this is not sqlite".utf8).write(to: fake)
        let r = try CLIRunner.run(["info", fake.path])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("geotwin: error: ") && r.stderr.contains("fake.gpkg"))
    }
}
