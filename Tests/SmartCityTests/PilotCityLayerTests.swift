import Foundation
import SmartCity
import Testing

@Suite struct PilotCityLayerTests {
    @Test func readsGeoJSON() throws {
        let path = NSTemporaryDirectory() + "geotwin-hubs-\(getpid()).geojson"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[127.33,36.52]},"properties":{"name":"a"}}]}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        let fc = try TwinLayerFile.read(path)
        #expect(fc.features.count == 1 && fc.features[0].properties["name"]?.stringValue == "a")
    }

    @Test func rejectsUnknownFormats() {
        #expect(throws: PilotCityError.invalidLayer(layer: "x.csv", reason: "x.csv: unknown format (expected .geojson, .json, .wkb, .gpkg, .geojsonl, .geojsons, .ndjson, .shp, .fgb)")) {
            try TwinLayerFile.read("x.csv")
        }
        #expect(throws: PilotCityError.self) { try TwinLayerFile.read("/nonexistent/x.geojson") }
    }
}
