import Foundation
import GeoTwin
import Testing

/// The README's streaming example, as written there, against the shipped GeoPackage.
@Suite struct ReadmeStreamSnippetTests {
    @Test func streamedLayerIsWrittenAsTheWholeLayer() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let source = try GeoDataSource(path: root.appendingPathComponent("Geodata/korea.gpkg").path)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let emd = GeoDataLayerStream(name: "emd", crs: .wgs84) { body throws(GeoDataError) in
            try source.forEachFeature(layer: "emd", body)
        }
        #expect(try GeoDataSink.write(streams: [emd], to: dir.appendingPathComponent("emd.gpkg").path) == 5_026)
        try GeoDataSink.write([try source.readLayer("emd")], to: dir.appendingPathComponent("whole.gpkg").path)
        #expect(try Data(contentsOf: dir.appendingPathComponent("emd.gpkg")) == Data(contentsOf: dir.appendingPathComponent("whole.gpkg")))
    }
}
