import Foundation
import GeoCore
import Testing
@testable import GeoIO

/// SQLite's failures put into a user's words naming the file, the table and the row, with
/// SQLite's own text kept only as `(SQLite: ...)` at the end (inputs in Fixtures/hostile/ and
/// Fixtures/gpkg/malformed/, written by committed scripts).
@Suite struct SQLiteMessageTests {
    func readAll(_ path: String) -> String {
        do {
            let gpkg = try GeoPackageReader(path: path)
            for layer in gpkg.layers { _ = try gpkg.readLayer(layer.tableName) }
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func notADatabase() {
        let path = Fixture.url("gpkg/malformed/not_sqlite.gpkg").path
        let m = readAll(path)
        #expect(m.hasPrefix(path + ": not a GeoPackage: the file is not an SQLite database, or is encrypted (SQLite: "), "\(m)")
    }

    @Test func damagedPagesNameTheTableAndTheLastRowRead() {
        let path = Fixture.url("hostile/damaged_pages.gpkg").path
        let m = readAll(path)
        #expect(m.hasPrefix(path + ": table pts, "), "\(m)")
        #expect(m.contains("the file is damaged"), "\(m)")
        #expect(m.contains("(SQLite: database disk image is malformed)"), "\(m)")
    }

    @Test func damagedPagesFromBytesNameTheGivenName() throws {
        let bytes = try Data(contentsOf: Fixture.url("hostile/damaged_pages.gpkg"))
        do {
            let gpkg = try GeoPackageReader(data: bytes, name: "download.gpkg")
            _ = try gpkg.readLayer("pts")
            Issue.record("no error")
        } catch {
            #expect("\(error)".hasPrefix("download.gpkg: table pts, "), "\(error)")
            #expect("\(error)".contains("the file is damaged"), "\(error)")
        }
    }

    @Test func aViewOfAMissingTable() {
        let path = Fixture.url("hostile/view_of_missing_table.gpkg").path
        let m = readAll(path)
        #expect(m.hasPrefix(path + ": table pts, its columns: table "), "\(m)")
        #expect(m.contains("gone is missing (SQLite: no such table: "), "\(m)")
    }

    @Test func twoFeaturesWithOneFidAreNamedNotPassedThrough() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-sqlitemsg-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("dup.gpkg").path
        let f = GeoPackageFeature(fid: 7, geometry: .point(Point(Coordinate(1, 2))), values: [])
        let layer = GeoPackageLayer(name: "sites", columns: [], features: [f, f])
        do {
            try GeoPackageWriter.write([layer], to: path)
            Issue.record("no error")
        } catch {
            let m = "\(error)"
            #expect(m == path + ": table sites, fid 7: two rows have the same value in sites.fid, which must be unique "
                    + "(SQLite: UNIQUE constraint failed: sites.fid)", "\(m)")
            #expect(!m.contains(".tmp"), "\(m)")
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    /// The codes a test cannot provoke on a shared machine (disk full, a read-only file system,
    /// a lock), by SQLite's result codes and messages.
    @Test(arguments: [
        (13, "database or disk is full", "the disk is full"),
        (8, "attempt to write a readonly database", "read-only"),
        (5, "database is locked", "locked by another program"),
        (14, "unable to open database file", "cannot be opened"),
        (266, "disk I/O error", "input/output error"),
        (2067, "UNIQUE constraint failed: t.name", "two rows have the same value in t.name"),
        (1, "no such table: roads", "table roads is missing"),
        (11, "database disk image is malformed", "the file is damaged"),
        (26, "file is not a database", "not an SQLite database, or is encrypted"),
    ])
    func sqliteCodesInWords(code: Int, raw: String, words: String) {
        let m = GeoPackageError.sqlite(path: "x.gpkg", code: Int32(code), message: raw).description
        #expect(m.hasPrefix("x.gpkg: "), "\(m)")
        #expect(m.contains(words), "\(m)")
        #expect(m.hasSuffix("(SQLite: \(raw))"), "\(m)")
        #expect(!m.hasPrefix("x.gpkg: SQLite"), "\(m)")
    }
}
