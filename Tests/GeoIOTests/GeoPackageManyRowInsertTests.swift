import Foundation
import GeoCore
import Testing
@testable import GeoIO

/// Rows written several to one INSERT give the file that rows written one at a time give, and a
/// row that fails is still named.
@Suite struct GeoPackageManyRowInsertTests {
    let dir: URL = {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-manyrows-\(getpid())-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }()

    /// Writes `layers` as ``GeoPackageWriter/write(_:to:spatialIndex:lastChange:)`` does, with
    /// `rowsPerInsert` rows to an INSERT.
    func write(_ layers: [GeoPackageLayer], to path: String, rowsPerInsert: Int, spatialIndex: Bool) throws {
        let session = try GeoPackageWriter.Session(path: path, spatialIndex: spatialIndex, lastChange: GeoPackageWriter.defaultLastChange)
        session.rowsPerInsert = rowsPerInsert
        let first = layers.first?.features ?? []
        try session.prepareLayers(any: !layers.isEmpty, dataColumns: false, references: layers.map(\.spatialReference),
                                  pageSize: GeoPackageWriter.pageSize(firstLayer: first.lazy.map(\.geometry)))
        for layer in layers {
            try session.beginLayer(layer)
            for f in layer.features { try session.add(f) }
            try session.endLayer()
        }
        try session.commit()
    }

    /// A layer of `fids`: polygons of many sizes (some large enough for overflow pages), points,
    /// rows without a geometry, Korean text, NULLs, reals and integers.
    func layer(_ name: String, fids: [Int64]) -> GeoPackageLayer {
        let columns = [GeoPackageColumn(name: "name", declaredType: "TEXT"), GeoPackageColumn(name: "area", declaredType: "REAL"),
                       GeoPackageColumn(name: "code", declaredType: "INTEGER"), GeoPackageColumn(name: "note", declaredType: "TEXT(20)")]
        let features = fids.enumerated().map { k, fid -> GeoPackageFeature in
            let geometry: Geometry?
            switch k % 5 {
            case 0: geometry = nil
            case 1: geometry = .point(Point(Coordinate(126 + Double(k) / 100, 37 + Double(k) / 300)))
            default:
                let n = 4 + (k * 37) % 900
                var ring = (0..<n).map { i -> Coordinate in
                    let a = 2 * Double.pi * Double(i) / Double(n)
                    return Coordinate(127 + Double(k) / 50 + cos(a) / 10, 36 + sin(a) / 10)
                }
                ring.append(ring[0])
                geometry = .polygon(Polygon(exterior: ring))
            }
            let values: [GeoPackageValue] = [k % 7 == 0 ? .null : .text("읍면동 \(k)"), .real(Double(k) * 0.25),
                                             .integer(Int64(k) * 1000 + 11), k % 3 == 0 ? .null : .text("n\(k)")]
            return GeoPackageFeature(fid: fid, geometry: geometry, values: values)
        }
        return GeoPackageLayer(name: name, geometryTypeName: "GEOMETRY", columns: columns, features: features)
    }

    @Test(arguments: [false, true])
    func manyRowsToAnInsertWriteTheBytesOfOneRowToAnInsert(spatialIndex: Bool) throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        // Increasing fids with gaps; then fids that fall back below the largest (those rows go in
        // alone); an odd count, so that rows are left over at the end of each layer.
        let rising = layer("rising", fids: (1...151).map { Int64($0 * 3) })
        let mixed = layer("mixed", fids: (1...40).map { Int64($0) } + [500] + (41...97).map { Int64($0) } + [600, 601])
        let short = layer("short", fids: [9])
        let layers = [rising, mixed, short]
        let one = dir.appendingPathComponent("one.gpkg").path
        try write(layers, to: one, rowsPerInsert: 1, spatialIndex: spatialIndex)
        let oneBytes = try Data(contentsOf: URL(fileURLWithPath: one))
        for rows in [2, 5, 16] {
            let many = dir.appendingPathComponent("many\(rows).gpkg").path
            try write(layers, to: many, rowsPerInsert: rows, spatialIndex: spatialIndex)
            #expect(try Data(contentsOf: URL(fileURLWithPath: many)) == oneBytes, "\(rows) rows to an INSERT")
        }
        // And the rows read back are those written.
        let read = try GeoPackageReader(path: one)
        #expect(try read.readLayer("mixed").features.map(\.fid) == mixed.features.map(\.fid).sorted())
        #expect(try read.readLayer("rising").features == rising.features)
    }

    @Test func aRepeatedFidAfterRowsWaitingIsNamed() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("dup.gpkg").path
        // 40 rows: two INSERTs of 16, then 8 waiting when fid 5 comes again.
        let t = layer("t", fids: (1...40).map { Int64($0) } + [5])
        expectWriteFails(t, to: path, ": table t, fid 5: two rows have the same value in t.fid, which must be unique "
                         + "(SQLite: UNIQUE constraint failed: t.fid)")
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func aRowBreakingAColumnRuleIsNamedAmongMany() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("check.gpkg").path
        let features = (1...40).map { GeoPackageFeature(fid: Int64($0), geometry: nil, values: [.text($0 == 25 ? "x" : "ok")]) }
        let t = GeoPackageLayer(name: "t", columns: [GeoPackageColumn(name: "a", declaredType: "TEXT CHECK (a <> 'x')")], features: features)
        expectWriteFails(t, to: path, ": table t, fid 25: a value breaks the column rule a <> 'x' "
                         + "(SQLite: CHECK constraint failed: a <> 'x')")
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    /// Writing `t` to `path` fails, with `message` after the path.
    func expectWriteFails(_ t: GeoPackageLayer, to path: String, _ message: String,
                          sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            try GeoPackageWriter.write([t], to: path)
            Issue.record("no error", sourceLocation: sourceLocation)
        } catch {
            #expect(error.description == path + message, "\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func plainDeclaredTypes() {
        for plain in ["TEXT", "text", "TEXT(5)", "DOUBLE PRECISION", "MEDIUMINT", "DATETIME", "NUMERIC(10, 2)", "", "BLOB"] {
            #expect(GeoPackageWriter.Session.declaresPlainType(plain), "\(plain)")
        }
        for constrained in ["TEXT NOT NULL", "TEXT CHECK (a <> 'x')", "INTEGER UNIQUE", "TEXT(5) NOT NULL", "TEXT DEFAULT 'a'",
                            "INTEGER REFERENCES t(fid)", "TEXT COLLATE NOCASE", "TEXT(5", "INTEGER PRIMARY KEY"] {
            #expect(!GeoPackageWriter.Session.declaresPlainType(constrained), "\(constrained)")
        }
    }
}
