import GeoCore

/// Fills a new, empty SQLite R*Tree virtual table (`rtree(id, minx, maxx, miny, maxy)`, the
/// GeoPackage `gpkg_rtree_index`) by writing its node, rowid and parent tables directly, with
/// the tree packed bottom-up (Sort-Tile-Recursive), instead of inserting the rows one at a time
/// through SQLite's R*Tree algorithm: for a million rows, seconds instead of tens of seconds.
///
/// The stored boxes are what SQLite stores for the same rows inserted one by one (each double
/// rounded to the `float` below it for a minimum and above it for a maximum, as SQLite's
/// `rtreeValueDown`/`rtreeValueUp` do); only the grouping of boxes into nodes differs. The
/// format, as SQLite's `rtree.c` reads it: node 1 is the root and begins with the tree's depth
/// (big-endian 16 bits; 0 in every other node), then the cell count (16 bits), then the cells:
/// a 64-bit big-endian rowid (leaves) or child node number (inner nodes) and the four
/// coordinates as big-endian 32-bit floats. A node blob is always `nodeSize` bytes: 4 + 51
/// cells of 24 bytes, SQLite's size for a two-dimensional tree. The `_rowid` table maps each
/// rowid to its leaf, `_parent` each node but the root to its parent.
enum SQLiteRTreeBulkLoad {
    /// Cells per node (SQLite's `RTREE_MAXCELLS`).
    static let maxCells = 51
    /// Bytes of one two-dimensional cell.
    static let cellSize = 24
    /// Bytes of a node blob.
    static let nodeSize = 4 + maxCells * cellSize

    /// A box as the R*Tree stores it.
    struct Box {
        var minX: Float, maxX: Float, minY: Float, maxY: Float

        /// `b` rounded outwards to floats, as SQLite rounds the values of an insert.
        init(_ b: BoundingBox) {
            minX = down(b.minX)
            maxX = up(b.maxX)
            minY = down(b.minY)
            maxY = up(b.maxY)
        }

        init(minX: Float, maxX: Float, minY: Float, maxY: Float) {
            self.minX = minX
            self.maxX = maxX
            self.minY = minY
            self.maxY = maxY
        }

        func union(_ o: Box) -> Box {
            Box(minX: min(minX, o.minX), maxX: max(maxX, o.maxX), minY: min(minY, o.minY), maxY: max(maxY, o.maxY))
        }

        var centreX: Double { (Double(minX) + Double(maxX)) / 2 }
        var centreY: Double { (Double(minY) + Double(maxY)) / 2 }
    }

    /// The float at or below `d` (SQLite's `rtreeValueDown`).
    static func down(_ d: Double) -> Float {
        var f = Float(d)
        if Double(f) > d { f = Float(d * (d < 0 ? 1 + 1.0 / 8_388_608 : 1 - 1.0 / 8_388_608)) }
        return f
    }

    /// The float at or above `d` (SQLite's `rtreeValueUp`).
    static func up(_ d: Double) -> Float {
        var f = Float(d)
        if Double(f) < d { f = Float(d * (d < 0 ? 1 - 1.0 / 8_388_608 : 1 + 1.0 / 8_388_608)) }
        return f
    }

    /// Writes `entries` (rowid and box) into the empty R*Tree `table` of `db`.
    static func load(_ entries: [(id: Int64, box: BoundingBox)], into table: String, _ db: GeoPackageConnection) throws(GeoPackageError) {
        guard !entries.isEmpty else { return }
        // Levels from the leaves up: each a list of nodes, a node a list of (child, box), where a
        // leaf's child is a rowid and an inner node's child the index of a node one level down.
        var level = pack(entries.map { (child: $0.id, box: Box($0.box)) })
        var levels = [level]
        while level.count > 1 {
            level = pack(level.enumerated().map { (child: Int64($0.offset), box: bounds($0.element)) })
            levels.append(level)
        }
        // Node numbers: the root 1, then level by level from the top.
        var numbers: [[Int64]] = Array(repeating: [], count: levels.count)
        var next: Int64 = 1
        for l in stride(from: levels.count - 1, through: 0, by: -1) {
            numbers[l] = levels[l].indices.map { _ in defer { next += 1 }; return next }
        }
        let depth = levels.count - 1
        let quotedNode = quoted(table + "_node"), quotedRowid = quoted(table + "_rowid"), quotedParent = quoted(table + "_parent")
        let node = try db.prepare("INSERT OR REPLACE INTO \(quotedNode) (nodeno, data) VALUES (?1, ?2)")
        let parent = try db.prepare("INSERT INTO \(quotedParent) (nodeno, parentnode) VALUES (?1, ?2)")
        var blob = [UInt8](repeating: 0, count: nodeSize)
        for l in levels.indices {
            for (n, cells) in levels[l].enumerated() {
                for i in blob.indices { blob[i] = 0 }
                let isRoot = l == depth
                put16(isRoot ? UInt16(depth) : 0, &blob, at: 0)
                put16(UInt16(cells.count), &blob, at: 2)
                for (c, cell) in cells.enumerated() {
                    let at = 4 + c * cellSize
                    let child = l == 0 ? cell.child : numbers[l - 1][Int(cell.child)]
                    put64(UInt64(bitPattern: child), &blob, at: at)
                    put32(cell.box.minX.bitPattern, &blob, at: at + 8)
                    put32(cell.box.maxX.bitPattern, &blob, at: at + 12)
                    put32(cell.box.minY.bitPattern, &blob, at: at + 16)
                    put32(cell.box.maxY.bitPattern, &blob, at: at + 20)
                }
                node.reset()
                try node.bind(1, .integer(numbers[l][n]))
                try node.bind(2, .blob(blob))
                _ = try node.step()
                if l > 0 {
                    for cell in cells {
                        parent.reset()
                        try parent.bind(1, .integer(numbers[l - 1][Int(cell.child)]))
                        try parent.bind(2, .integer(numbers[l][n]))
                        _ = try parent.step()
                    }
                }
            }
        }
        // Each rowid's leaf, in rowid order (appends to the rowid table's B-tree).
        var leafOf: [(id: Int64, node: Int64)] = []
        leafOf.reserveCapacity(entries.count)
        for (n, cells) in levels[0].enumerated() {
            for cell in cells { leafOf.append((cell.child, numbers[0][n])) }
        }
        leafOf.sort { $0.id < $1.id }
        // Many rows a statement: a step per 256 rows rather than per row.
        let perStatement = 256
        var rowid: GeoPackageStatement?
        var rows = 0
        var start = 0
        while start < leafOf.count {
            let n = min(perStatement, leafOf.count - start)
            if rowid == nil || n != rows {
                let values = repeatElement("(?, ?)", count: n).joined(separator: ", ")
                rowid = try db.prepare("INSERT INTO \(quotedRowid) (rowid, nodeno) VALUES \(values)")
                rows = n
            }
            guard let statement = rowid else { break }
            statement.reset()
            for j in 0..<n {
                try statement.bind(Int32(2 * j + 1), .integer(leafOf[start + j].id))
                try statement.bind(Int32(2 * j + 2), .integer(leafOf[start + j].node))
            }
            _ = try statement.step()
            start += n
        }
    }

    /// `items` grouped into nodes of at most ``maxCells``, Sort-Tile-Recursive: sorted by the x
    /// of their centres into vertical slices, each slice sorted by y and cut into nodes (ties
    /// by child, which is unique: one order, whatever the sort).
    static func pack(_ items: [(child: Int64, box: Box)]) -> [[(child: Int64, box: Box)]] {
        let nodes = (items.count + maxCells - 1) / maxCells
        let slices = Int(Double(nodes).squareRoot().rounded(.up))
        let perSlice = slices * maxCells
        // Sorted as (key, child, position) triples: no centre computed inside a comparison.
        struct Keyed {
            var key: Double
            var child: Int64
            var at: Int
        }
        @inline(__always) func before(_ a: Keyed, _ b: Keyed) -> Bool {
            a.key != b.key ? a.key < b.key : a.child < b.child
        }
        var byX = items.indices.map { Keyed(key: items[$0].box.centreX, child: items[$0].child, at: $0) }
        byX.sort(by: before)
        var out: [[(child: Int64, box: Box)]] = []
        out.reserveCapacity(nodes)
        var slice: [Keyed] = []
        slice.reserveCapacity(perSlice)
        var start = 0
        while start < byX.count {
            slice.removeAll(keepingCapacity: true)
            for k in byX[start..<min(start + perSlice, byX.count)] {
                slice.append(Keyed(key: items[k.at].box.centreY, child: k.child, at: k.at))
            }
            slice.sort(by: before)
            var i = 0
            while i < slice.count {
                out.append(slice[i..<min(i + maxCells, slice.count)].map { items[$0.at] })
                i += maxCells
            }
            start += perSlice
        }
        return out
    }

    static func bounds(_ cells: [(child: Int64, box: Box)]) -> Box {
        cells.dropFirst().reduce(cells[0].box) { $0.union($1.box) }
    }

    private static func put16(_ v: UInt16, _ b: inout [UInt8], at i: Int) {
        b[i] = UInt8(v >> 8)
        b[i + 1] = UInt8(truncatingIfNeeded: v)
    }

    private static func put32(_ v: UInt32, _ b: inout [UInt8], at i: Int) {
        for k in 0..<4 { b[i + k] = UInt8(truncatingIfNeeded: v >> UInt32(24 - 8 * k)) }
    }

    private static func put64(_ v: UInt64, _ b: inout [UInt8], at i: Int) {
        for k in 0..<8 { b[i + k] = UInt8(truncatingIfNeeded: v >> UInt64(56 - 8 * k)) }
    }
}
