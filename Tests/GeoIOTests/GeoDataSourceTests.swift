import Foundation
import GeoCore
import Testing
@testable import GeoIO

/// A fresh temporary folder per test.
private func scratch() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-geodata-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

private let seoul = Feature(id: .int(1), geometry: .point(Point(Coordinate(126.98, 37.57))), properties: ["name": "서울", "pop": 9_586_195])
private let busan = Feature(id: .int(2), geometry: .point(Point(Coordinate(129.08, 35.18))), properties: ["name": "부산", "pop": 3_349_016])
private let square = Feature(id: .int(3), geometry: .polygon(Polygon(exterior: [Coordinate(127, 36), Coordinate(128, 36), Coordinate(128, 37),
                                                                            Coordinate(127, 37), Coordinate(127, 36)])),
                             properties: ["name": "사각형", "pop": .null])

@Suite struct GeoDataSourceTests {
    @Test func formatsByExtension() throws {
        #expect(try GeoDataFormat(path: "a/b.GeoJSON") == .geoJSON)
        #expect(try GeoDataFormat(path: "x.json") == .geoJSON)
        #expect(try GeoDataFormat(path: "x.wkb") == .wkbStream)
        #expect(try GeoDataFormat(path: "x.GPKG") == .geoPackage)
        #expect(throws: GeoDataError.unknownFormat(path: "x.shpx")) { try GeoDataFormat(path: "x.shpx") }
    }

    /// Every format written by the sink reads back with the same features and CRS.
    @Test(arguments: ["geojson", "gpkg", "wkb"])
    func roundTripThroughEveryFormat(_ ext: String) throws {
        let dir = try scratch()
        let path = dir + "/cities.\(ext)"
        let layer = GeoDataLayer(name: "cities", collection: FeatureCollection([seoul, busan, square], crs: .wgs84))
        try GeoDataSink.write([layer], to: path)
        let source = try GeoDataSource(path: path)
        let back = try source.readLayer()
        #expect(back.name == "cities")
        #expect(back.crs == .wgs84)
        #expect(back.features.map(\.geometry) == layer.features.map(\.geometry))
        if ext != "wkb" {
            #expect(back.features.map { $0.properties["name"] } == layer.features.map { $0.properties["name"] })
        }
        // Nothing but the output is left in the folder (no temporary file).
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["cities.\(ext)"])
    }

    @Test func geoPackageStreamsAndFiltersByBox() throws {
        let path = try scratch() + "/cities.gpkg"
        try GeoDataSink.write([GeoDataLayer(name: "cities", collection: FeatureCollection([seoul, busan, square], crs: .wgs84))], to: path)
        let source = try GeoDataSource(path: path)
        #expect(source.layers.map(\.name) == ["cities"])
        #expect(source.layers.first?.crs == .wgs84)
        var seen: [String] = []
        let crs = try source.forEachFeature(layer: "Cities", bbox: BoundingBox(minX: 126.5, minY: 36.5, maxX: 127.5, maxY: 38)) { f in
            seen.append(f["name"]?.stringValue ?? "?")
        }
        #expect(crs == .wgs84)
        #expect(seen == ["서울", "사각형"])
        #expect(throws: GeoDataError.unknownLayer(path: path, layer: "towns", available: ["cities"])) { try source.readLayer("towns") }
    }

    @Test func geoJSONRefusesProjectedLayers() throws {
        let path = try scratch() + "/out.geojson"
        let projected = GeoDataLayer(name: "p", collection: FeatureCollection([Feature(geometry: .point(Point(Coordinate(960_000, 1_950_000))))],
                                                                              crs: CRS(epsg: 5179)))
        #expect(throws: GeoDataError.notWGS84(path: path, layer: "p", crs: CRS(epsg: 5179))) {
            try GeoDataSink.write([projected], to: path)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        // Asked for, it is written (non-standard).
        try GeoDataSink.write([projected], to: path, options: GeoDataWriteOptions(allowNonWGS84GeoJSON: true))
        #expect(FileManager.default.fileExists(atPath: path))
        // The encoder itself refuses a collection that says it is projected.
        #expect(throws: GeoIOError.self) { try GeoJSON.encode(projected.collection) }
    }

    @Test func wkbStreamSRIDs() throws {
        let dir = try scratch()
        let a = Geometry.point(Point(Coordinate(127, 37)))
        let mixed = WKBStream.write([a], flavor: .extended(srid: 4326)) + WKBStream.write([a], flavor: .extended(srid: 5179))
        try Data(mixed).write(to: URL(fileURLWithPath: dir + "/mixed.wkb"))
        #expect(throws: GeoDataError.mixedSRIDs(path: dir + "/mixed.wkb", srids: [4326, 5179])) {
            try GeoDataSource(path: dir + "/mixed.wkb").readLayer()
        }
        try Data(WKBStream.write([a, nil], flavor: .extended(srid: 0))).write(to: URL(fileURLWithPath: dir + "/zero.wkb"))
        let zero = try GeoDataSource(path: dir + "/zero.wkb").readLayer()
        #expect(zero.crs == nil)
        #expect(zero.features.map(\.geometry) == [a, nil])
        try Data(WKBStream.write([a], flavor: .extended(srid: 5179))).write(to: URL(fileURLWithPath: dir + "/unified.wkb"))
        #expect(try GeoDataSource(path: dir + "/unified.wkb").readLayer().crs == CRS(epsg: 5179))
    }

    @Test func layerNamesApplyToGeoPackagesOnly() throws {
        let path = try scratch() + "/a.geojson"
        try GeoDataSink.write([GeoDataLayer(name: "a", collection: FeatureCollection([seoul], crs: .wgs84))], to: path)
        #expect(throws: GeoDataError.layerNameNotApplicable(path: path, format: .geoJSON)) {
            try GeoDataSource(path: path).readLayer("a")
        }
    }

    @Test func missingFilesAndFoldersAreNamed() throws {
        let dir = try scratch()
        #expect(throws: GeoDataError.unreadable(path: dir + "/none.geojson", reason: "no such file")) {
            try GeoDataSource(path: dir + "/none.geojson")
        }
        #expect(throws: GeoDataError.writeFailed(path: dir + "/no/such/out.geojson", reason: "folder \(dir)/no/such does not exist")) {
            try GeoDataSink.write([GeoDataLayer(name: "a", collection: FeatureCollection([seoul], crs: .wgs84))], to: dir + "/no/such/out.geojson")
        }
    }

    @Test func anExistingFileSurvivesAFailedWrite() throws {
        let path = try scratch() + "/keep.geojson"
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        let projected = GeoDataLayer(name: "p", collection: FeatureCollection([square], crs: CRS(epsg: 5179)))
        #expect(throws: GeoDataError.self) { try GeoDataSink.write([projected], to: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
    }

    @Test func descriptionSummarisesEveryLayer() throws {
        let path = try scratch() + "/d.gpkg"
        try GeoDataSink.write([GeoDataLayer(name: "cities", collection: FeatureCollection([seoul, busan, square], crs: .wgs84))], to: path)
        let d = try GeoDataDescription(path: path)
        #expect(d.layers.count == 1)
        let s = try #require(d.layers.first)
        #expect(s.featureCount == 3)
        #expect(s.geometryTypes == [.point: 2, .polygon: 1])
        #expect(s.extent == BoundingBox(minX: 126.98, minY: 35.18, maxX: 129.08, maxY: 37.57))
        #expect(d.text.contains("CRS: EPSG:4326"))
    }
}
