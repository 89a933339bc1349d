import Foundation
import GeoBenchSupport
import GeoCore
@testable import GeoIO
import Testing

/// The packed R*Tree against SQLite's own: the same rows inserted one by one into a second R*Tree
/// of the same database are the oracle for what is stored, SQLite's `rtreecheck()` for the
/// structure, and a scan of every box for the searches.
@Suite struct SQLiteRTreeBulkLoadTests {
    /// Random boxes: points, thin and wide boxes, negative and large coordinates, values that
    /// floats cannot hold exactly.
    static func boxes(_ n: Int, seed: UInt64) -> [(id: Int64, box: BoundingBox)] {
        var generator = SplitMix64(seed: seed)
        func next() -> Double { generator.nextUnit() }
        return (0..<n).map { i in
            let x = -180 + next() * 360, y = -90 + next() * 180
            let w = i % 5 == 0 ? 0 : next() * (i % 7 == 0 ? 50 : 0.01)
            let h = i % 5 == 0 ? 0 : next() * 0.01
            return (Int64(i * 3 + 1), BoundingBox(minX: x, minY: y, maxX: x + w, maxY: y + h))
        }
    }

    func database() throws -> (GeoPackageConnection, String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rtree-\(UUID().uuidString).sqlite").path
        return (try GeoPackageConnection(path: path, create: true), path)
    }

    func rows(_ db: GeoPackageConnection, _ sql: String) throws -> [[Double]] {
        let stmt = try db.prepare(sql)
        var out: [[Double]] = []
        while try stmt.step() { out.append((0..<5).map { stmt.double(Int32($0)) }) }
        return out
    }

    /// The radix order of (key, child) is the comparison sort's: keys of both signs, -0 beside
    /// +0, ties broken by children in any order, keys that differ only in their last bits,
    /// children far apart and negative, and a NaN (which sends the list to the comparison sort).
    @Test(arguments: [2, 63, 64, 65, 510, 5_026, 40_000])
    func radixOrderIsTheComparisonOrder(count: Int) {
        var generator = SplitMix64(seed: UInt64(count))
        func key(_ i: Int) -> Double {
            switch generator.next() % 6 {
            case 0: return i % 2 == 0 ? 0.0 : -0.0
            case 1: return 127.0 + Double(generator.next() % 4) * 0x1p-40
            case 2: return -Double(generator.next() % 1000) / 7
            case 3: return Double(generator.next() % 5)
            default: return (Double(generator.next() % 2_000_000) - 1_000_000) * 1e-3
            }
        }
        var children = (0..<count).map { i -> Int64 in
            switch i % 3 {
            case 0: Int64(i) * 3 + 1
            case 1: -Int64(i) * 1_000_003
            default: Int64(i) << 40
            }
        }
        for i in children.indices.reversed() { children.swapAt(i, Int(generator.next() % UInt64(i + 1))) }
        let items = (0..<count).map { KeyedChild(key: key($0), child: children[$0], at: $0) }
        func compared(_ a: [KeyedChild]) -> [Int] {
            a.sorted { $0.key != $1.key ? $0.key < $1.key : $0.child < $1.child }.map(\.at)
        }
        var radix = items
        KeyedChild.sort(&radix)
        #expect(radix.map(\.at) == compared(items))
        // Children in ascending order (a layer's fids) and one key for all (the rowid table).
        var byID = (0..<count).map { KeyedChild(key: 0, child: Int64(count - $0) * 5, at: $0) }
        KeyedChild.sort(&byID)
        #expect(byID.map(\.at) == Array((0..<count).reversed()))
        var withNaN = items
        withNaN[count / 2].key = .nan
        let expected = compared(withNaN)
        KeyedChild.sort(&withNaN)
        #expect(withNaN.map(\.at) == expected)
    }

    @Test(arguments: [0, 1, 51, 52, 2_601, 2_602, 20_000])
    func packedTreeStoresWhatSQLiteStoresAndFindsTheSameRows(count: Int) throws {
        let (db, path) = try database()
        defer { db.close(); try? FileManager.default.removeItem(atPath: path) }
        let entries = Self.boxes(count, seed: UInt64(count) + 7)
        try db.execute("BEGIN")
        try db.execute("CREATE VIRTUAL TABLE packed USING rtree(id, minx, maxx, miny, maxy)")
        try db.execute("CREATE VIRTUAL TABLE inserted USING rtree(id, minx, maxx, miny, maxy)")
        try SQLiteRTreeBulkLoad.load(entries, into: "packed", db)
        let insert = try db.prepare("INSERT INTO inserted VALUES (?1, ?2, ?3, ?4, ?5)")
        for (id, b) in entries {
            insert.reset()
            try insert.bind(1, .integer(id))
            for (i, v) in [b.minX, b.maxX, b.minY, b.maxY].enumerated() { try insert.bind(Int32(i + 2), .real(v)) }
            _ = try insert.step()
        }
        try db.execute("COMMIT")

        let check = try db.prepare("SELECT rtreecheck('packed')")
        #expect(try check.step())
        #expect(check.text(0) == "ok")
        let packed = try rows(db, "SELECT id, minx, maxx, miny, maxy FROM packed ORDER BY id")
        #expect(packed.count == count)
        #expect(packed == (try rows(db, "SELECT id, minx, maxx, miny, maxy FROM inserted ORDER BY id")))

        // Searches through the tree find what a scan of the stored boxes finds.
        for q in Self.boxes(40, seed: 99) {
            let w = BoundingBox(minX: q.box.minX, minY: q.box.minY, maxX: q.box.minX + 30, maxY: q.box.minY + 20)
            let sql = "SELECT id, minx, maxx, miny, maxy FROM packed WHERE maxx >= \(w.minX) AND minx <= \(w.maxX) AND maxy >= \(w.minY) AND miny <= \(w.maxY) ORDER BY id"
            let expected = packed.filter { $0[2] >= w.minX && $0[1] <= w.maxX && $0[4] >= w.minY && $0[3] <= w.maxY }
            #expect(try rows(db, sql) == expected)
        }

        // The tree stays a working R*Tree: rows deleted and inserted through SQL afterwards.
        try db.execute("DELETE FROM packed WHERE id % 2 = 0")
        try db.execute("INSERT INTO packed VALUES (999999999, 1, 2, 3, 4)")
        #expect(try check.step() == false)
        check.reset()
        #expect(try check.step())
        #expect(check.text(0) == "ok")
        #expect(try rows(db, "SELECT id, minx, maxx, miny, maxy FROM packed WHERE id = 999999999") == [[999999999, 1, 2, 3, 4]])
    }

    /// Doubles rounded to floats as SQLite rounds the values of an insert (downwards for a
    /// minimum, upwards for a maximum; subnormals as SQLite leaves them).
    @Test func roundingMatchesSQLite() throws {
        let (db, path) = try database()
        defer { db.close(); try? FileManager.default.removeItem(atPath: path) }
        try db.execute("CREATE VIRTUAL TABLE r USING rtree(id, minx, maxx, miny, maxy)")
        let values = [0.1, -0.1, 1e-40, -1e-40, 127.123456789, -37.000000001, 3.4e38, 16_777_217, 126.97796919, 37.566535, 0]
        let insert = try db.prepare("INSERT INTO r VALUES (?1, ?2, ?3, ?2, ?3)")
        for (i, d) in values.enumerated() {
            insert.reset()
            try insert.bind(1, .integer(Int64(i)))
            try insert.bind(2, .real(d))
            try insert.bind(3, .real(d))
            _ = try insert.step()
        }
        let stored = try rows(db, "SELECT id, minx, maxx, miny, maxy FROM r ORDER BY id")
        for (i, d) in values.enumerated() {
            #expect(stored[i][1] == Double(SQLiteRTreeBulkLoad.down(d)), "\(d)")
            #expect(stored[i][2] == Double(SQLiteRTreeBulkLoad.up(d)), "\(d)")
        }
    }
}
