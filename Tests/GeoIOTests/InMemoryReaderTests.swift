import Foundation
import GeoCore
import Testing
@testable import GeoIO

/// GeoPackage, Shapefile and FlatGeobuf read from bytes in memory give what the same files give
/// read from disk (whose reading is checked against GDAL elsewhere), and the same errors with the
/// given name in place of the path.
@Suite struct InMemoryReaderTests {
    func data(_ path: String) throws -> Data { try Data(contentsOf: Fixture.url(path)) }

    @Test(arguments: ["gpkg/census_extract.gpkg", "gpkg/attributes.gpkg", "gpkg/fidelity_by_gdal.gpkg"])
    func geoPackageFromBytesEqualsTheFile(_ name: String) throws {
        let file = try GeoPackageReader(path: Fixture.url(name).path)
        let memory = try GeoPackageReader(data: try data(name), name: "copy.gpkg")
        #expect(memory.path == "copy.gpkg")
        #expect(memory.layers == file.layers)
        #expect(!file.layers.isEmpty)
        for layer in file.layers {
            let a = try file.readLayer(layer.tableName)
            let b = try memory.readLayer(layer.tableName)
            #expect(a == b, "\(layer.tableName)")
        }
    }

    @Test func malformedGeoPackagesFromBytesFailAsTheFilesDo() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixture.url("gpkg/malformed").path)
            .filter { $0.hasSuffix(".gpkg") }.sorted()
        #expect(names.count >= 10)
        for name in names {
            let path = Fixture.url("gpkg/malformed/" + name).path
            func outcome(_ open: () throws -> GeoPackageReader) -> String {
                do {
                    let gpkg = try open()
                    for layer in gpkg.layers { _ = try gpkg.readLayer(layer.tableName) }
                    return "ok"
                } catch {
                    return "\(error)"
                }
            }
            let fromFile = outcome { try GeoPackageReader(path: path) }
            let fromBytes = outcome { try GeoPackageReader(data: try Data(contentsOf: URL(fileURLWithPath: path)), name: name) }
            #expect(fromBytes == fromFile.replacingOccurrences(of: path, with: name), "\(name)")
        }
    }

    @Test func aGeoPackageInWALModeIsReadFromBytes() throws {
        var bytes = try data("gpkg/census_extract.gpkg")
        bytes[18] = 2
        bytes[19] = 2
        let memory = try GeoPackageReader(data: bytes, name: "wal.gpkg")
        let file = try GeoPackageReader(path: Fixture.url("gpkg/census_extract.gpkg").path)
        #expect(try memory.readLayer(memory.layers[0].tableName) == file.readLayer(file.layers[0].tableName))
    }

    @Test(arguments: ["parcels", "parcels_zm", "places_cp949", "roads_z", "sensors_zm"])
    func shapefileFromBytesEqualsTheFiles(_ stem: String) throws {
        let base = "shp_fgb/" + stem
        let file = try ShapefileReader(path: Fixture.url(base + ".shp").path)
        let cpg = try? String(contentsOf: Fixture.url(base + ".cpg"), encoding: .utf8)
        let memory = try ShapefileReader(shp: try data(base + ".shp"), shx: try data(base + ".shx"), dbf: try data(base + ".dbf"),
                                         prj: try String(contentsOf: Fixture.url(base + ".prj"), encoding: .utf8), cpg: cpg,
                                         name: stem + ".shp")
        #expect(memory.fields == file.fields && memory.crs == file.crs && memory.encoding == file.encoding)
        var a: [Feature] = []
        var b: [Feature] = []
        try file.forEachFeature { a.append($0) }
        try memory.forEachFeature { b.append($0) }
        #expect(!a.isEmpty)
        #expect(a == b)
    }

    @Test func aShapefileWithoutIndexFromBytesIsWalked() throws {
        let memory = try ShapefileReader(shp: try data("shp_fgb/parcels.shp"), name: "parcels.shp")
        let file = try ShapefileReader(path: Fixture.url("shp_fgb/parcels.shp").path)
        #expect(memory.recordCount == file.recordCount && memory.fields.isEmpty)
    }

    @Test func aShortIndexFromBytesIsNamedWithItsExtension() throws {
        let shp = try data("shp_fgb/parcels.shp")
        do {
            _ = try ShapefileReader(shp: shp, shx: Data(count: 50), name: "parcels.shp")
            Issue.record("no error")
        } catch {
            #expect(error.path == "parcels.shx", "\(error)")
        }
    }

    @Test(arguments: ["mixed.fgb", "roads_z.fgb", "grid_indexed.fgb"])
    func flatGeobufFromBytesEqualsTheFile(_ name: String) throws {
        let file = try FlatGeobufReader(path: Fixture.url("shp_fgb/" + name).path)
        let memory = try FlatGeobufReader(data: try data("shp_fgb/" + name), name: name)
        #expect(memory.path == name && memory.featureCount == file.featureCount && memory.crs == file.crs)
        var a: [Feature] = []
        var b: [Feature] = []
        try file.forEachFeature { a.append($0); return true }
        try memory.forEachFeature { b.append($0); return true }
        #expect(!a.isEmpty)
        #expect(a == b)
    }
}
