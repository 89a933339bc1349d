import Foundation
import GeoCore
import Testing
@testable import GeoIO

private func scratchDir() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-seq-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

private func read(_ path: String, bufferSize: Int = 1 << 20) throws(GeoDataError) -> [Feature] {
    var out: [Feature] = []
    try GeoJSONSeq.forEachFeature(path: path, bufferSize: bufferSize) { out.append($0) }
    return out
}

/// GeoJSON text sequences against GDAL's GeoJSONSeq driver: `geojsonseq/by_gdal.*` come from
/// `generate_geojsonseq_fixtures.py`; `geojsonseq/by_geotwin.*` are what GeoTwin writes, which the
/// script's `--check` reads with GDAL.
@Suite struct GeoJSONSeqTests {
    static func reference() throws -> [Feature] {
        try GeoJSON.decode(try Fixture.bytes("geojsonseq/by_gdal.geojson")).features
    }

    @Test(arguments: ["by_gdal.geojsonl", "by_gdal.geojsons"], [16, 1 << 20])
    func readsWhatGDALWrote(file: String, bufferSize: Int) throws {
        let features = try read(Fixture.url("geojsonseq/" + file).path, bufferSize: bufferSize)
        #expect(features.count == 4)
        #expect(features == (try Self.reference()))
        #expect(features[0]["big"] == .int(9_007_199_254_740_993))
        #expect(features[3].geometry == nil)
    }

    @Test func formatAndSourceAndSink() throws {
        #expect(try GeoDataFormat(path: "a.geojsonl") == .geoJSONSeq)
        #expect(try GeoDataFormat(path: "a.GeoJSONS") == .geoJSONSeq)
        #expect(try GeoDataFormat(path: "a.ndjson") == .geoJSONSeq)
        let dir = try scratchDir()
        let layer = GeoDataLayer(name: "x", collection: FeatureCollection(try Self.reference(), crs: .wgs84))
        for ext in ["geojsonl", "geojsons", "ndjson"] {
            let path = dir + "/out.\(ext)"
            try GeoDataSink.write([layer], to: path)
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            #expect((bytes.first == GeoJSONSeq.recordSeparator) == (ext == "geojsons"))
            #expect(bytes.filter { $0 == 0x0A }.count == 4)
            let source = try GeoDataSource(path: path)
            #expect(source.format == .geoJSONSeq)
            #expect(try source.readLayer().features == layer.features)
            #expect(source.layers.first?.crs == .wgs84)
        }
        let projected = GeoDataLayer(name: "p", collection: FeatureCollection([], crs: CRS(epsg: 5179)))
        #expect(throws: GeoDataError.notWGS84(path: dir + "/p.geojsonl", layer: "p", crs: CRS(epsg: 5179))) {
            try GeoDataSink.write([projected], to: dir + "/p.geojsonl")
        }
    }

    @Test func recordsOfEveryKindBlankLinesAndCRLF() throws {
        let dir = try scratchDir()
        let text = "\r\n{\"type\":\"Point\",\"coordinates\":[1,2]}\r\n\n  \n\u{1E}{\"type\":\"Feature\",\"id\":\"a\",\"geometry\":null}\n"
            + "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"k\":1}}]}"
        let path = dir + "/mixed.geojsonl"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let features = try read(path, bufferSize: 16)
        #expect(features == [Feature(geometry: .point(Point(x: 1, y: 2))), Feature(id: .string("a"), geometry: nil),
                             Feature(geometry: nil, properties: ["k": 1])])
        // RS-separated records may span lines (RFC 8142).
        let rs = "\u{1E}{\"type\":\"Feature\",\n \"geometry\": null}\n\u{1E}{\"type\":\"Feature\",\n\"geometry\":{\"type\":\"Point\",\"coordinates\":[3,4]}}\n"
        try Data(rs.utf8).write(to: URL(fileURLWithPath: dir + "/rs.geojsons"))
        #expect(try read(dir + "/rs.geojsons", bufferSize: 16).map(\.geometry) == [nil, .point(Point(x: 3, y: 4))])
    }

    @Test func errorsGiveTheLineAndColumn() throws {
        let dir = try scratchDir()
        let path = dir + "/bad.geojsonl"
        let text = "{\"type\":\"Feature\",\"geometry\":null}\n\n{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1]}}\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        for size in [16, 4096] {
            #expect(throws: GeoDataError.malformed(path: path, error: .wrongJSONType(
                expected: "a position of at least 2 numbers", at: .text(offset: 97, line: 3, column: 62)))) {
                _ = try read(path, bufferSize: size)
            }
        }
        let rsPath = dir + "/bad.geojsons"
        try Data("\u{1E}{\"type\":\"Feature\",\n\"geometry\":nul}\n".utf8).write(to: URL(fileURLWithPath: rsPath))
        #expect(throws: GeoDataError.malformed(path: rsPath, error: .syntax(expected: "a JSON value", at: .text(offset: 31, line: 2, column: 12)))) {
            _ = try read(rsPath)
        }
        #expect(throws: GeoDataError.unreadable(path: dir + "/none.geojsonl", reason: "no such file")) { _ = try read(dir + "/none.geojsonl") }
    }

    @Test func encodeRejectsNonFiniteNumbersNamingTheFeature() {
        #expect(throws: GeoIOError.nonFiniteCoordinate(at: .json(path: "[1].geometry.coordinates", offset: -1))) {
            _ = try GeoJSONSeq.encode([Feature(geometry: nil), Feature(geometry: .point(Point(x: .nan, y: 0)))])
        }
    }

    /// `by_geotwin.geojsonl` and `by_geotwin.geojsons` are what the sink writes from
    /// `by_gdal.geojson` now; `generate_geojsonseq_fixtures.py --check` reads them with GDAL. Set
    /// GEOTWIN_WRITE_FIXTURES=1 to regenerate them.
    @Test(arguments: ["by_geotwin.geojsonl", "by_geotwin.geojsons"])
    func committedGDALFixtureIsCurrent(file: String) throws {
        let fresh = try scratchDir() + "/" + file
        try GeoDataSink.write([GeoDataLayer(name: "x", collection: FeatureCollection(try Self.reference(), crs: .wgs84))], to: fresh)
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/geojsonseq/" + file).path
        if ProcessInfo.processInfo.environment["GEOTWIN_WRITE_FIXTURES"] == "1" {
            try? FileManager.default.removeItem(atPath: source)
            try FileManager.default.copyItem(atPath: fresh, toPath: source)
        }
        #expect(FileManager.default.contentsEqual(atPath: fresh, andPath: Fixture.url("geojsonseq/" + file).path))
    }
}
