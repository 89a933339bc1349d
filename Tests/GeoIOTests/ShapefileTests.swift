import GeoBenchSupport
import Foundation
import GeoCore
import Testing
@testable import GeoIO

/// A fresh temporary folder per test.
func shpScratch() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-shp-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

/// GDAL's reading of the fixtures in `shp_fgb/`, from `expected.json`.
enum GDALExpectation {
    static func all() throws -> [String: [String: Any]] {
        let data = try Data(contentsOf: Fixture.url("shp_fgb/expected.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
    }

    static func file(_ name: String) throws -> [String: Any] {
        try #require(try all()[name])
    }

    static func features(_ name: String) throws -> [[String: Any]] {
        try #require(try file(name)["features"] as? [[String: Any]])
    }
}

/// Compares features read by GeoTwin with GDAL's reading: geometry (GDAL's ISO WKT, measures
/// included) and every property (GDAL's nulls are nil; numbers compared as doubles, as pyogrio
/// widens integer columns with nulls).
func expectMatchesGDAL(_ features: [Feature], _ expected: [[String: Any]], sourceLocation: SourceLocation = #_sourceLocation) throws {
    #expect(features.count == expected.count, sourceLocation: sourceLocation)
    let byID = Dictionary(uniqueKeysWithValues: features.compactMap { f -> (Int64, Feature)? in
        guard case .int(let id)? = f.id else { return nil }
        return (id, f)
    })
    for e in expected {
        let fid = Int64(try #require(e["fid"] as? Int))
        let feature = try #require(byID[fid], "feature \(fid)", sourceLocation: sourceLocation)
        if let wkt = e["wkt"] as? String {
            #expect(feature.geometry == (try WKT.decode(wkt)), "feature \(fid)", sourceLocation: sourceLocation)
        } else {
            #expect(feature.geometry == nil, "feature \(fid)", sourceLocation: sourceLocation)
        }
        let properties = try #require(e["properties"] as? [String: Any])
        for (name, value) in properties {
            let ours = feature.properties[name] ?? .null
            switch value {
            case is NSNull: #expect(ours == .null, "feature \(fid) \(name)", sourceLocation: sourceLocation)
            case let s as String: #expect(ours == .string(s), "feature \(fid) \(name)", sourceLocation: sourceLocation)
            case let n as NSNumber:
                let mine = ours.doubleValue ?? ours.boolValue.map { $0 ? 1 : 0 }
                #expect(mine == n.doubleValue, "feature \(fid) \(name)", sourceLocation: sourceLocation)
            default: Issue.record("unexpected value \(value)", sourceLocation: sourceLocation)
            }
        }
    }
}

@Suite struct ShapefileTests {
    static let gdalShapefiles = ["places_cp949.shp", "places_cp949_nocpg.shp", "places_utf8.shp", "roads_z.shp", "parcels.shp",
                                 "parcels_zm.shp", "sensors_m.shp", "sensors_zm.shp"]

    /// Coordinates (with Z and M), attributes (Korean text from CP949 and UTF-8), nulls, dates and
    /// logicals read as GDAL reads them.
    @Test(arguments: gdalShapefiles)
    func readsWhatGDALWrote(_ name: String) throws {
        let source = try GeoDataSource(path: Fixture.url("shp_fgb/" + name).path)
        #expect(source.format == .shapefile)
        let layer = try source.readLayer()
        #expect(layer.name == (name as NSString).deletingPathExtension)
        try expectMatchesGDAL(layer.features, try GDALExpectation.features(name))
    }

    /// GDAL reads a `.dbf` without `.cpg` and language driver as ISO-8859-1; GeoTwin takes text
    /// that is not UTF-8 for CP949, the Korean default, and reads the names GDAL reads with the `.cpg`.
    @Test func guessesCP949WithoutDeclaration() throws {
        let reader = try ShapefileReader(path: Fixture.url("shp_fgb/places_guess.shp").path)
        #expect(reader.encoding == nil)
        var names: [PropertyValue] = []
        try reader.forEachFeature { names.append($0["name"] ?? .null) }
        #expect(names == ["서울특별시청", "세종특별자치시청", "대전광역시청", "전주시청", .null])
    }

    @Test func encodingFromCPGAndLanguageDriver() throws {
        #expect(try ShapefileReader(path: Fixture.url("shp_fgb/places_cp949.shp").path).encoding == "CP949")
        #expect(try ShapefileReader(path: Fixture.url("shp_fgb/places_cp949_nocpg.shp").path).encoding == "CP949")
        #expect(try ShapefileReader(path: Fixture.url("shp_fgb/places_utf8.shp").path).encoding == "UTF-8")
        #expect(dbfLanguageDriverEncoding(0x79) == "CP949")
        #expect(dbfLanguageDriverEncoding(0x57) == "ISO-8859-1")
        #expect(TextTranscoder.canonicalName("949") == "CP949")
        #expect(TextTranscoder.canonicalName(" utf8\n") == "UTF-8")
    }

    /// An `encoding` override wins over the `.cpg`: CP949 text read as UTF-8 fails naming the
    /// file, the record and the field.
    @Test func encodingOverride() throws {
        let path = Fixture.url("shp_fgb/places_cp949.shp").path
        let dbf = Fixture.url("shp_fgb/places_cp949.dbf").path
        let source = try GeoDataSource(path: path, encoding: "UTF-8")
        #expect(throws: GeoDataError.invalidFile(FileFormatError(path: dbf, place: .field(record: 1, field: "name", byte: 194),
                                                                 problem: "text is not valid UTF-8"))) {
            try source.readLayer()
        }
        let guessed = try GeoDataSource(path: Fixture.url("shp_fgb/places_guess.shp").path, encoding: "cp949").readLayer()
        #expect(guessed.features.first?["name"] == "서울특별시청")
        #expect(throws: GeoDataError.invalidFile(FileFormatError(path: Fixture.url("shp_fgb/places_cp949.dbf").path, place: .file,
                                                                 problem: "encoding 'KLINGON' is not known to iconv"))) {
            try GeoDataSource(path: path, encoding: "klingon")
        }
    }

    @Test func layerDescription() throws {
        let reader = try ShapefileReader(path: Fixture.url("shp_fgb/parcels_zm.shp").path)
        #expect(reader.shapeType == .polygonZ)
        #expect(reader.recordCount == 2)
        #expect(reader.layerInfo.geometryTypeName == "POLYGON Z")
        #expect(reader.crs?.definition?.hasPrefix("PROJCS[\"KGD2002_Central_Belt_2010\"") == true)
        #expect(reader.crs?.epsgCode == nil)
        #expect(reader.fields.map(\.name) == ["id"])
        let places = try ShapefileReader(path: Fixture.url("shp_fgb/places_cp949.shp").path)
        #expect(places.fields.map(\.type) == [.character, .number, .number, .logical, .date])
    }

    @Test func bboxSkipsRecordsByTheirStoredBox() throws {
        let source = try GeoDataSource(path: Fixture.url("shp_fgb/parcels.shp").path)
        let layer = try source.readLayer(bbox: BoundingBox(minX: 201900, minY: 451900, maxX: 202100, maxY: 452100))
        #expect(layer.features.map(\.id) == [.int(1)])
    }

    /// Every shape type, Z and M, holes, nulls, dates, logicals and Korean text survive a write and
    /// a read; polygon rings come back exterior first, holes assigned to their shells.
    @Test func roundTrip() throws {
        let dir = try shpScratch()
        let square = [Coordinate(0, 0), Coordinate(10, 0), Coordinate(10, 10), Coordinate(0, 10), Coordinate(0, 0)]
        // Shells clockwise, holes counter-clockwise: the orientation the file stores and GDAL reads back.
        let hole = [Coordinate(2, 2), Coordinate(4, 2), Coordinate(4, 4), Coordinate(2, 4), Coordinate(2, 2)]
        let far = square.map { Coordinate($0.x + 100, $0.y) }
        let polygons: [Feature] = [
            Feature(id: .int(0), geometry: .polygon(Polygon(exterior: square.reversed(), holes: [hole])),
                    properties: ["이름": "구역 1", "n": 1, "x": 1.5, "ok": true, "day": "2024-02-29"]),
            Feature(id: .int(1), geometry: .multiPolygon(MultiPolygon([Polygon(exterior: square.reversed()), Polygon(exterior: far.reversed(), holes: [hole.map { Coordinate($0.x + 100, $0.y) }])])),
                    properties: ["이름": .null, "n": .null, "x": .null, "ok": .null, "day": .null]),
            Feature(id: .int(2), geometry: nil, properties: ["이름": "빈", "n": -7, "x": 2.0, "ok": false, "day": "1999-12-31"]),
        ]
        let path = dir + "/zones.shp"
        try GeoDataSink.write([GeoDataLayer(name: "zones", collection: FeatureCollection(polygons, crs: CRS(epsg: 5179)))], to: path)
        let back = try GeoDataSource(path: path).readLayer()
        #expect(back.features == polygons)
        #expect(try String(contentsOfFile: dir + "/zones.cpg", encoding: .utf8) == "UTF-8\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["zones.cpg", "zones.dbf", "zones.shp", "zones.shx"])

        let lineZM = LineString([Coordinate(1, 2), Coordinate(3, 4)], z: [5, 6], m: [7, 8])
        let lines = [Feature(id: .int(0), geometry: .lineString(lineZM)),
                     Feature(id: .int(1), geometry: .multiLineString(MultiLineString([lineZM, LineString([Coordinate(9, 9), Coordinate(8, 8)], z: [1, 2], m: [3, 4])])))]
        try GeoDataSink.write([GeoDataLayer(name: "lines", collection: FeatureCollection(lines))], to: dir + "/lines.shp")
        #expect(try ShapefileReader(path: dir + "/lines.shp").shapeType == .polyLineZ)
        #expect(try GeoDataSource(path: dir + "/lines.shp").readLayer().features == lines)

        let points = [Feature(id: .int(0), geometry: .point(Point(coordinate: Coordinate(1, 2), m: 3))),
                      Feature(id: .int(1), geometry: .multiPoint(MultiPoint([Point(coordinate: Coordinate(4, 5), m: 6)])))]
        try GeoDataSink.write([GeoDataLayer(name: "pts", collection: FeatureCollection(points))], to: dir + "/pts.shp")
        let pointsBack = try ShapefileReader(path: dir + "/pts.shp")
        #expect(pointsBack.shapeType == .multiPointM)
        var read: [Geometry?] = []
        try pointsBack.forEachFeature { read.append($0.geometry) }
        #expect(read == [.multiPoint(MultiPoint([Point(coordinate: Coordinate(1, 2), m: 3)])), points[1].geometry])
    }

    /// A sliver hole far from the origin (its plain shoelace sum cancels to zero) is still a hole.
    @Test func sliverHoleKeepsItsOrientation() {
        let shell = ShapeRing(coordinates: [Coordinate(127.4, 36.6), Coordinate(127.4, 36.7), Coordinate(127.5, 36.7),
                                            Coordinate(127.5, 36.6), Coordinate(127.4, 36.6)])
        let sliver = ShapeRing(coordinates: [Coordinate(127.45, 36.65), Coordinate(127.450000001, 36.65),
                                             Coordinate(127.45, 36.650000001), Coordinate(127.45, 36.65)])
        #expect(sliver.signedArea2 > 0)
        guard case .polygon(let p)? = ShapeRing.polygons(from: [shell, sliver]) else {
            Issue.record("expected one polygon")
            return
        }
        #expect(p.holes == [sliver.coordinates])
    }

    @Test func fieldsInferredFromProperties() throws {
        let features = [Feature(geometry: nil, properties: ["a_very_long_name": 1, "a_very_long_other": "x", "r": 0.125, "mix": 1, "j": ["k": 1]]),
                        Feature(geometry: nil, properties: ["a_very_long_name": 123456, "mix": "two", "r": 3])]
        var table = DBFWriter.TableBuilder()
        for f in features { table.add(f.properties) }
        let columns = table.columns()
        #expect(columns.map { String(decoding: $0.name, as: UTF8.self) } == ["a_very_lon", "a_very_l_1", "j", "mix", "r"])
        #expect(columns.map(\.type) == [.number, .character, .character, .character, .number])
        #expect(columns.map(\.length) == [6, 1, 7, 3, 5])
        #expect(columns.map(\.decimals) == [0, 0, 0, 0, 3])
    }

    /// Records whose dictionaries give their keys in one order (copies of one dictionary, as a
    /// table's reader makes them), then in other orders and with keys missing or new, each land
    /// in their own fields (`.dbf`) or columns (FlatGeobuf): what the writers remember of the
    /// order before is only a shortcut.
    @Test(arguments: ["shp", "fgb"])
    func recordsInAnyKeyOrderLandInTheirFields(ext: String) throws {
        var template: [String: PropertyValue] = [:]
        for k in ["code", "name", "pop", "area", "note"] { template[k] = .null }
        var records: [[String: PropertyValue]] = []
        for i in 0..<40 {
            var r = template
            r["code"] = .int(Int64(1000 + i))
            r["name"] = .string("n\(i)")
            r["pop"] = .int(Int64(i * 7))
            r["area"] = .double(Double(i) / 8)
            r["note"] = i % 3 == 0 ? .string("x\(i)") : .null
            records.append(r)
        }
        // Built key by key in other orders, some keys missing, one new.
        for i in 40..<60 {
            var r: [String: PropertyValue] = [:]
            let keys = i % 2 == 0 ? ["pop", "note", "code", "name", "area"] : ["area", "code", "extra", "name"]
            for k in keys {
                switch k {
                case "code": r[k] = .int(Int64(1000 + i))
                case "name": r[k] = .string("n\(i)")
                case "pop": r[k] = .int(Int64(i * 7))
                case "area": r[k] = .double(Double(i) / 8)
                case "extra": r[k] = .string("e\(i)")
                default: r[k] = .string("x\(i)")
                }
            }
            records.append(r)
        }
        let features = records.enumerated().map { Feature(geometry: .point(Point(x: Double($0.offset), y: 1)), properties: $0.element) }
        let dir = try shpScratch()
        try GeoDataSink.write([GeoDataLayer(name: "k", collection: FeatureCollection(features, crs: .wgs84))], to: dir + "/k.\(ext)")
        let back = try GeoDataSource(path: dir + "/k.\(ext)").readAll()[0].features
        #expect(back.count == records.count)
        // FlatGeobuf stores its features in the order of its spatial index: match them by code.
        #expect(Set(back.compactMap { $0.properties["code"]?.intValue }) == Set((0..<records.count).map { Int64(1000 + $0) }))
        for f in back {
            let i = Int((f.properties["code"]?.intValue ?? 0) - 1000)
            guard records.indices.contains(i) else { continue }
            #expect(f.properties["name"]?.stringValue == "n\(i)", "record \(i)")
            #expect(f.properties["extra"]?.stringValue == (i >= 40 && i % 2 == 1 ? "e\(i)" : nil), "record \(i)")
            let pop = records[i]["pop"]?.intValue
            #expect(f.properties["pop"]?.intValue == pop, "record \(i)")
            #expect(f.properties["area"]?.doubleValue == Double(i) / 8, "record \(i)")
        }
    }

    /// A table wider than a .dbf can hold is refused with a message, not a trap.
    @Test func refusesTooWideTables() throws {
        let dir = try shpScratch()
        let wide = String(repeating: "가", count: 100)
        var properties: [String: PropertyValue] = [:]
        for i in 0..<300 { properties["f\(i)"] = .string(wide) }
        let layer = GeoDataLayer(name: "wide", collection: FeatureCollection([Feature(geometry: .point(Point(x: 1, y: 2)), properties: properties)]))
        #expect(throws: GeoDataError.unsupported(path: dir + "/wide.shp",
                                                 reason: "300 fields of 76201 bytes per record; a .dbf holds at most 2046 fields and 65535 bytes per record")) {
            try GeoDataSink.write([layer], to: dir + "/wide.shp")
        }
    }

    @Test func refusesMixedGeometryTypes() throws {
        let dir = try shpScratch()
        let layer = GeoDataLayer(name: "m", collection: FeatureCollection([
            Feature(geometry: .point(Point(x: 1, y: 2))), Feature(geometry: .lineString(LineString([Coordinate(0, 0), Coordinate(1, 1)]))),
        ]))
        #expect(throws: GeoDataError.unsupported(path: dir + "/m.shp",
                                                 reason: "a Shapefile holds one geometry type, the layer mixes LineString 1, Point 1; split it by type")) {
            try GeoDataSink.write([layer], to: dir + "/m.shp")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    /// A copy of `name`'s files in a fresh folder, with `edit` applied to the file of extension `ext`.
    private func corrupted(_ name: String, _ ext: String, _ edit: (inout [UInt8]) -> Void) throws -> (dir: String, shp: String) {
        let dir = try shpScratch()
        for e in ["shp", "shx", "dbf", "prj", "cpg"] {
            let from = Fixture.url("shp_fgb/\(name).\(e)").path
            guard FileManager.default.fileExists(atPath: from) else { continue }
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: from)))
            if e == ext { edit(&bytes) }
            try Data(bytes).write(to: URL(fileURLWithPath: "\(dir)/\(name).\(e)"))
        }
        return (dir, "\(dir)/\(name).shp")
    }

    private func putBE(_ bytes: inout [UInt8], _ at: Int, _ v: Int32) {
        withUnsafeBytes(of: v.bigEndian) { for i in 0..<4 { bytes[at + i] = $0[i] } }
    }

    private func putLE(_ bytes: inout [UInt8], _ at: Int, _ v: UInt32) {
        withUnsafeBytes(of: v.littleEndian) { for i in 0..<4 { bytes[at + i] = $0[i] } }
    }

    /// Without its `.shx` the `.shp` is walked record by record; without its `.dbf` the features
    /// have no attributes; the same geometries either way.
    @Test func readsWithoutIndexOrTable() throws {
        let full = try GeoDataSource(path: Fixture.url("shp_fgb/parcels.shp").path).readLayer()
        let (dir, shp) = try corrupted("parcels", "none") { _ in }
        try FileManager.default.removeItem(atPath: dir + "/parcels.shx")
        let sequential = try GeoDataSource(path: shp).readLayer()
        #expect(sequential.features == full.features)
        try FileManager.default.removeItem(atPath: dir + "/parcels.dbf")
        let bare = try GeoDataSource(path: shp).readLayer()
        #expect(bare.features.map(\.geometry) == full.features.map(\.geometry))
        #expect(bare.features.allSatisfy { $0.properties.isEmpty })
    }

    /// Writing over an existing Shapefile replaces all its files and removes a `.prj` the new
    /// layer has no CRS for.
    @Test func overwriteRemovesStalePrj() throws {
        let (dir, shp) = try corrupted("parcels", "none") { _ in }
        let layer = GeoDataLayer(name: "parcels", collection: FeatureCollection([Feature(geometry: .point(Point(x: 1, y: 2)), properties: ["a": 1])]))
        try GeoDataSink.write([layer], to: shp)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["parcels.cpg", "parcels.dbf", "parcels.shp", "parcels.shx"])
        #expect(try GeoDataSource(path: shp).readLayer().features.map(\.geometry) == [.point(Point(x: 1, y: 2))])
    }

    @Test func truncatedShp() throws {
        let (_, shp) = try corrupted("parcels", "shp") { $0.removeLast(40) }
        #expect(throws: GeoDataError.invalidFile(FileFormatError(path: shp, place: .byte(24), problem: "header declares 828 bytes, the file has 788 (truncated?)"))) {
            try GeoDataSource(path: shp)
        }
    }

    @Test func recordLengthDisagreeingWithIndex() throws {
        let (_, shp) = try corrupted("parcels", "shp") { bytes in putBE(&bytes, 104, 9999) }
        let source = try GeoDataSource(path: shp)
        #expect(throws: GeoDataError.invalidFile(FileFormatError(path: shp, place: .record(1, byte: 100),
                                                                 problem: "record header declares 19998 bytes of content, the .shx 296"))) {
            try source.readLayer()
        }
    }

    @Test func indexPointingOutsideTheFile() throws {
        let (dir, shp) = try corrupted("parcels", "shx") { bytes in putBE(&bytes, 108, 100_000) }
        let source = try GeoDataSource(path: shp)
        #expect(throws: GeoDataError.invalidFile(FileFormatError(path: dir + "/parcels.shx", place: .record(2, byte: 108),
                                                                 problem: "record at byte 200000 of 296 bytes lies outside the 828-byte .shp"))) {
            try source.readLayer()
        }
    }

    @Test func hugePartCount() throws {
        let (_, shp) = try corrupted("parcels", "shp") { bytes in putLE(&bytes, 108 + 36, 0x7FFF_FFFF) }
        let source = try GeoDataSource(path: shp)
        #expect(throws: GeoDataError.invalidFile(FileFormatError(path: shp, place: .record(1, byte: 144),
                                                                 problem: "part count 2147483647 exceeds the 296-byte record"))) {
            try source.readLayer()
        }
    }

    @Test func hugeDBFRecordCount() throws {
        let (dir, shp) = try corrupted("parcels", "dbf") { bytes in putLE(&bytes, 4, 4_000_000_000) }
        #expect(throws: GeoDataError.invalidFile(FileFormatError(path: dir + "/parcels.dbf", place: .byte(4),
                                                                 problem: "header declares 4000000000 records of 161 bytes, the file holds 3"))) {
            try GeoDataSource(path: shp)
        }
    }

    @Test func multiPatchRefused() throws {
        let (_, shp) = try corrupted("parcels", "shp") { bytes in putLE(&bytes, 32, 31) }
        #expect(throws: GeoDataError.invalidFile(FileFormatError(path: shp, place: .byte(32), problem: "MultiPatch shapes are not supported"))) {
            try GeoDataSource(path: shp)
        }
    }

    @Test func badNumberNamesRecordAndField() throws {
        let (dir, shp) = try corrupted("places_utf8", "dbf") { bytes in
            let header = Int(bytes[8]) | Int(bytes[9]) << 8
            // The first record's "code" field follows the deletion flag and the 80-byte name.
            for i in 0..<3 { bytes[header + 1 + 80 + i] = Array("1x2".utf8)[i] }
        }
        let source = try GeoDataSource(path: shp)
        let result = Result { try source.readLayer() }
        guard case .failure(let error as GeoDataError) = result, case .invalidFile(let e) = error else {
            Issue.record("expected an invalid file error, got \(result)")
            return
        }
        #expect(e.path == dir + "/places_utf8.dbf")
        #expect(e.problem.hasSuffix("is not a number"))
        if case .field(let record, let field, _) = e.place {
            #expect(record == 1)
            #expect(field == "code")
        } else {
            Issue.record("expected a field place, got \(e.place)")
        }
    }
}

@Suite struct ShapefileFuzzTests {
    /// Random corruption of the .shp, .shx and .dbf throws or reads, never traps.
    @Test func fuzzedFilesNeverTrap() throws {
        var rng = SplitMix64(seed: 11)
        for name in ["parcels", "places_cp949", "sensors_zm", "roads_z"] {
            for ext in ["shp", "shx", "dbf"] {
                let original = try Fixture.bytes("shp_fgb/\(name).\(ext)")
                for k in 0..<25 {
                    let dir = try shpScratch()
                    for e in ["shp", "shx", "dbf", "cpg"] {
                        let from = Fixture.url("shp_fgb/\(name).\(e)")
                        guard FileManager.default.fileExists(atPath: from.path) else { continue }
                        let bytes = e == ext ? mutated(original, flips: 1 + k % 4, using: &rng) : try Fixture.bytes("shp_fgb/\(name).\(e)")
                        try Data(bytes).write(to: URL(fileURLWithPath: "\(dir)/\(name).\(e)"))
                    }
                    if let source = try? GeoDataSource(path: "\(dir)/\(name).shp") {
                        _ = try? source.readLayer()
                        _ = try? source.readLayer(bbox: BoundingBox(minX: 0, minY: 0, maxX: 1e6, maxY: 2e6))
                    }
                }
            }
        }
    }
}
