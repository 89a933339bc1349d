import Foundation
import GeoCore
import Testing
@testable import GeoIO

/// Attribute fidelity of GeoPackages against GDAL: `gpkg/fidelity_by_gdal.gpkg` and
/// `gpkg/fidelity_expected.geojson` come from `generate_fidelity_fixtures.py` (GDAL 3.12 through
/// pyogrio); `gpkg/fidelity_by_geotwin.gpkg` is what GeoTwin writes, which the same script's
/// `--check` opens with GDAL.
@Suite struct GeoPackageFidelityTests {
    static func expected() throws -> FeatureCollection {
        try GeoJSON.decodeFeatureCollection(Fixture.bytes("gpkg/fidelity_expected.geojson"))
    }

    /// The expected rows as GeoTwin features: the string `id` property as the feature id.
    static func geoTwinLayers() throws -> [GeoPackageLayer] {
        let features = try expected().features.map { f in
            var p = f.properties
            let id = p.removeValue(forKey: "id")?.stringValue
            return Feature(id: id.map(FeatureID.string), geometry: f.geometry, properties: p)
        }
        let fidelity = try GeoPackageLayer(name: "fidelity", collection: FeatureCollection(features, crs: .wgs84),
                                           geometryTypeName: "POINT")
        let schema = try GeoPackageLayer(name: "schema", collection: FeatureCollection([
            Feature(geometry: nil, properties: ["fid": "a", "geom": 1, "Name": "x", "name": "y", "mixed": 1, "number": 1]),
            Feature(geometry: nil, properties: ["mixed": "x", "number": 2.5]),
            Feature(geometry: nil, properties: ["mixed": true]),
        ]))
        return [fidelity, schema]
    }

    func tempPath(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-fidelity-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }

    @Test func readsWhatGDALWrote() throws {
        let gpkg = try GeoPackageReader(path: Fixture.url("gpkg/fidelity_by_gdal.gpkg").path)
        let layer = try gpkg.readLayer("fidelity")
        #expect(layer.columns.map(\.name) == ["id", "tags", "lanes", "open", "big", "name", "ratio"])
        #expect(layer.columns.filter(\.isJSON).map(\.name) == ["tags", "lanes"])
        #expect(layer.columns.filter(\.isBoolean).map(\.name) == ["open"])
        let got = layer.featureCollection.features
        let want = try Self.expected().features
        #expect(got.count == want.count)
        for (g, w) in zip(got, want) {
            #expect(g.id == w.id)
            #expect(g.geometry == w.geometry)
            #expect(g.properties == w.properties, "fid \(g.id.map { "\($0)" } ?? "-")")
        }
        #expect(got[1]["name"] == .string("before\u{0}after"))
        #expect(got[0]["big"] == .int(9_007_199_254_740_993))
        #expect(got[0]["tags"]?.stringValue == nil)
        // The same through the one source API.
        let streamed = try GeoDataSource(path: Fixture.url("gpkg/fidelity_by_gdal.gpkg").path).readLayer().features
        #expect(streamed.map(\.properties) == want.map(\.properties))
    }

    @Test func plansColumnsAsGDALDoes() throws {
        let layers = try Self.geoTwinLayers()
        let fidelity = layers[0]
        #expect(fidelity.columns == [
            GeoPackageColumn(name: "big", declaredType: "INTEGER"),
            GeoPackageColumn(name: "lanes", declaredType: "TEXT", mimeType: "application/json"),
            GeoPackageColumn(name: "name", declaredType: "TEXT"),
            GeoPackageColumn(name: "open", declaredType: "BOOLEAN"),
            GeoPackageColumn(name: "ratio", declaredType: "REAL"),
            GeoPackageColumn(name: "tags", declaredType: "TEXT", mimeType: "application/json"),
            GeoPackageColumn(name: "id", declaredType: "TEXT"),
        ])
        #expect(fidelity.features.map(\.fid) == [1, 2, 3])
        #expect(fidelity.warnings.isEmpty)
        let schema = layers[1]
        #expect(schema.columns.map(\.name) == ["Name", "fid2", "geom2", "mixed", "name2", "number"])
        #expect(schema.columns.map(\.declaredType) == ["TEXT", "TEXT", "INTEGER", "TEXT", "TEXT", "REAL"])
        #expect(schema.features.map { $0.values[3] } == [.text("1"), .text("x"), .text("true")])
        #expect(schema.warnings.map(\.column) == ["fid2", "geom2", "name2", "mixed"])
        #expect(schema.warnings[0].description == "table schema, column fid2: property 'fid' renamed 'fid2': the name of the feature id column")
    }

    @Test(arguments: [false, true])
    func roundTripKeepsEveryValue(spatialIndex: Bool) throws {
        let path = tempPath("fidelity.gpkg")
        let layers = try Self.geoTwinLayers()
        try GeoPackageWriter.write(layers, to: path, spatialIndex: spatialIndex)
        let back = try GeoPackageReader(path: path).readLayer("fidelity")
        #expect(back.columns == layers[0].columns)
        let want = try Self.expected().features
        for (g, w) in zip(back.featureCollection.features, want) {
            var p = w.properties
            p["id"] = p["id"] ?? .null
            #expect(g.properties == p)
        }
        #expect(back.features[1].values[2] == .text("before\u{0}after"))
    }

    @Test func bigIntegersMixedWithDecimalsWarn() throws {
        let layer = try GeoPackageLayer(name: "t", collection: FeatureCollection([
            Feature(geometry: nil, properties: ["v": .int(9_007_199_254_740_993)]),
            Feature(geometry: nil, properties: ["v": 0.5]),
        ]))
        #expect(layer.columns == [GeoPackageColumn(name: "v", declaredType: "REAL")])
        #expect(layer.warnings.count == 1)
        #expect(layer.warnings.first?.message.contains("9007199254740993") == true)
        #expect(throws: GeoPackageError.unsupportedValue(table: "t", row: 0, column: "v", kind: "non-finite number")) {
            try GeoPackageLayer(name: "t", collection: FeatureCollection([Feature(geometry: nil, properties: ["v": [.double(.nan)]])]))
        }
    }

    @Test func clashingColumnsAreRefusedNamingTheRealFile() throws {
        let path = tempPath("clash.gpkg")
        let layer = GeoPackageLayer(name: "t", columns: [GeoPackageColumn(name: "a", declaredType: "TEXT"),
                                                         GeoPackageColumn(name: "A", declaredType: "TEXT")], features: [])
        #expect(throws: GeoPackageError.invalidTable(path: path, table: "t",
                                                     reason: "column A has the name of column a (names are compared ignoring case)")) {
            try GeoPackageWriter.write([layer], to: path)
        }
        let geom = GeoPackageLayer(name: "t", columns: [GeoPackageColumn(name: "GEOM", declaredType: "TEXT")], features: [])
        #expect(throws: GeoPackageError.invalidTable(path: path, table: "t",
                                                     reason: "column GEOM has the name of the geometry column (names are compared ignoring case)")) {
            try GeoPackageWriter.write([geom], to: path)
        }
        // An SQLite failure names the file asked for, not the temporary file.
        let bad = GeoPackageLayer(name: "t", columns: [GeoPackageColumn(name: "a", declaredType: "TEXT CHECK (a <> 'x')")],
                                  features: [GeoPackageFeature(fid: 1, geometry: nil, values: [.text("x")])])
        do {
            try GeoPackageWriter.write([bad], to: path)
            Issue.record("the write should fail")
        } catch {
            #expect(error.description == path + ": table t, fid 1: a value breaks the column rule a <> 'x' "
                    + "(SQLite: CHECK constraint failed: a <> 'x')", "\(error)")
            #expect(!error.description.contains(".tmp"))
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func sinkReturnsWarnings() throws {
        let path = tempPath("w.gpkg")
        let layer = GeoDataLayer(name: "t", collection: FeatureCollection([Feature(geometry: nil, properties: ["FID": 1])], crs: .wgs84))
        let warnings = try GeoDataSink.write([layer], to: path)
        #expect(warnings.map(\.description) == ["\(path): layer t, column FID2: property 'FID' renamed 'FID2': the name of the feature id column"])
    }

    /// `fidelity_by_geotwin.gpkg` is what the writer produces now; `generate_fidelity_fixtures.py
    /// --check` opens it with GDAL. Set GEOTWIN_WRITE_FIXTURES=1 to regenerate it.
    @Test func committedGDALFixtureIsCurrent() throws {
        let fresh = tempPath("f.gpkg")
        try GeoPackageWriter.write(try Self.geoTwinLayers(), to: fresh, spatialIndex: true)
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/gpkg/fidelity_by_geotwin.gpkg").path
        if ProcessInfo.processInfo.environment["GEOTWIN_WRITE_FIXTURES"] == "1" {
            try? FileManager.default.removeItem(atPath: source)
            try FileManager.default.copyItem(atPath: fresh, toPath: source)
        }
        #expect(FileManager.default.contentsEqual(atPath: fresh, andPath: Fixture.url("gpkg/fidelity_by_geotwin.gpkg").path))
    }
}
