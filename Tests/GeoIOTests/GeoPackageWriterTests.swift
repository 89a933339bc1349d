import Foundation
import GeoCore
import GeoIO
import Testing

@Suite struct GeoPackageWriterTests {
    /// Two layers covering every storage class, NULL geometries, holes, Z, and a non-EPSG:4326 SRS.
    static func sampleLayers() -> [GeoPackageLayer] {
        let ring = [Coordinate(127.0, 37.0), Coordinate(127.2, 37.0), Coordinate(127.2, 37.2), Coordinate(127.0, 37.2), Coordinate(127.0, 37.0)]
        let hole = [Coordinate(127.05, 37.05), Coordinate(127.05, 37.1), Coordinate(127.1, 37.1), Coordinate(127.05, 37.05)]
        let districts = GeoPackageLayer(
            name: "districts", geometryTypeName: "MULTIPOLYGON",
            columns: [GeoPackageColumn(name: "code", declaredType: "TEXT"),
                      GeoPackageColumn(name: "population", declaredType: "INTEGER"),
                      GeoPackageColumn(name: "area_km2", declaredType: "REAL"),
                      GeoPackageColumn(name: "raw", declaredType: "BLOB")],
            features: [
                GeoPackageFeature(fid: 1, geometry: .multiPolygon(MultiPolygon([Polygon(exterior: ring, holes: [hole])])),
                                  values: [.text("36110"), .integer(346_104), .real(465.17564), .blob([0, 1, 255])]),
                GeoPackageFeature(fid: 2, geometry: nil, values: [.text("세종"), .null, .real(-0.0), .null]),
                GeoPackageFeature(fid: 7, geometry: .multiPolygon(MultiPolygon([Polygon(exterior: ring)])),
                                  values: [.null, .integer(Int64.min), .real(1e300), .blob([])]),
            ])
        let utmk = GeoPackageSpatialReference(srsID: 5179, name: "Korea 2000 / Unified CS", organization: "EPSG",
                                              organizationCode: 5179, definition: "undefined")
        let points = GeoPackageLayer(
            name: "sensors", geometryTypeName: "POINT", spatialReference: utmk,
            columns: [GeoPackageColumn(name: "label", declaredType: "TEXT")],
            features: [
                GeoPackageFeature(fid: 1, geometry: .point(Point(position: Position(x: 960_000, y: 1_840_000, z: 42.5))), values: [.text("a")]),
                GeoPackageFeature(fid: 2, geometry: .point(.empty), values: [.text("empty")]),
            ])
        return [districts, points]
    }

    func tempPath(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-gpkg-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }

    @Test(arguments: [false, true])
    func roundTrip(spatialIndex: Bool) throws {
        let path = tempPath("round.gpkg")
        let layers = Self.sampleLayers()
        try GeoPackageWriter.write(layers, to: path, spatialIndex: spatialIndex)
        let gpkg = try GeoPackageReader(path: path)
        #expect(gpkg.layers.map(\.tableName) == ["districts", "sensors"])
        #expect(gpkg.layer(named: "sensors")?.spatialReference?.organizationCode == 5179)
        #expect(gpkg.layer(named: "districts")?.bounds == BoundingBox(minX: 127.0, minY: 37.0, maxX: 127.2, maxY: 37.2))
        for layer in layers {
            let back = try gpkg.readLayer(layer.name)
            #expect(back.columns == layer.columns)
            #expect(back.features == layer.features)
            #expect(back.geometryTypeName == layer.geometryTypeName)
            #expect(back.spatialReference == layer.spatialReference)
        }
    }

    @Test func featureCollectionRoundTrip() throws {
        let fc = FeatureCollection([
            Feature(id: .int(10), geometry: .point(Point(x: 127, y: 37)), properties: ["name": "a", "n": 1, "x": 1.5, "ok": true]),
            Feature(id: .int(20), geometry: nil, properties: ["name": "b", "n": 2.5, "ok": nil]),
        ])
        let layer = try GeoPackageLayer(name: "fc", collection: fc)
        #expect(layer.columns.map(\.declaredType) == ["REAL", "TEXT", "BOOLEAN", "REAL"])
        let path = tempPath("fc.gpkg")
        try GeoPackageWriter.write([layer], to: path)
        let back = try GeoPackageReader(path: path).readLayer("fc").featureCollection
        #expect(back.features[0].id == .int(10))
        #expect(back.features[0].properties["n"] == .double(1))
        #expect(back.features[0].properties["ok"] == .bool(true))
        #expect(back.features[1].properties["x"] == .null)
        // Arrays and objects go to JSON columns (GeoPackageFidelityTests has the rest).
        let json = try GeoPackageLayer(name: "json", collection: FeatureCollection([Feature(geometry: nil, properties: ["a": [1]])]))
        #expect(json.columns == [GeoPackageColumn(name: "a", declaredType: "TEXT", mimeType: GeoPackageColumn.jsonMimeType)])
        #expect(json.features[0].values == [.text("[1]")])
    }

    @Test func writesGeoPackageHeaderFields() throws {
        let path = tempPath("hdr.gpkg")
        try GeoPackageWriter.write(Self.sampleLayers(), to: path)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(Array(bytes[0..<16]) == Array("SQLite format 3\0".utf8))
        #expect(Array(bytes[68..<72]) == Array("GPKG".utf8))
        #expect(Array(bytes[60..<64]) == [0, 0, 0x28, 0x3C])
    }

    @Test func sameInputSameBytes() throws {
        let a = tempPath("a.gpkg"), b = tempPath("b.gpkg")
        try GeoPackageWriter.write(Self.sampleLayers(), to: a, spatialIndex: true)
        try GeoPackageWriter.write(Self.sampleLayers(), to: b, spatialIndex: true)
        #expect(FileManager.default.contentsEqual(atPath: a, andPath: b))
    }

    @Test func failureLeavesTheOldFileUntouched() throws {
        let path = tempPath("keep.gpkg")
        try GeoPackageWriter.write(Self.sampleLayers(), to: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        var bad = Self.sampleLayers()
        bad[1].features[0].values = []
        #expect(throws: GeoPackageError.self) { try GeoPackageWriter.write(bad, to: path) }
        #expect(throws: GeoPackageError.self) { try GeoPackageWriter.write(bad + bad, to: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["keep.gpkg"])
        #expect(throws: GeoPackageError.self) { try GeoPackageWriter.write(bad, to: "/nonexistent-dir/x.gpkg") }
    }

    /// `written_by_geotwin.gpkg` is what the writer produces now (check_gpkg_with_pyogrio.py opens
    /// it with GDAL). Set GEOTWIN_WRITE_FIXTURES=1 to regenerate it.
    @Test func committedGDALFixtureIsCurrent() throws {
        let fresh = tempPath("w.gpkg")
        try GeoPackageWriter.write(Self.sampleLayers(), to: fresh, spatialIndex: true)
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/gpkg/written_by_geotwin.gpkg").path
        if ProcessInfo.processInfo.environment["GEOTWIN_WRITE_FIXTURES"] == "1" {
            try? FileManager.default.removeItem(atPath: source)
            try FileManager.default.copyItem(atPath: fresh, toPath: source)
        }
        #expect(FileManager.default.contentsEqual(atPath: fresh, andPath: Fixture.url("gpkg/written_by_geotwin.gpkg").path))
    }
}
