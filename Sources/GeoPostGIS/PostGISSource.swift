#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Dispatch
import GeoCore
import GeoIO

/// An open PostGIS location: the table of `?table=` (or every table of `geometry_columns`),
/// read through one connection with a server-side binary cursor in batches (the first of
/// ``firstBatchSize`` rows, the next ones sized from the rows seen to about ``batchBytes``, at
/// most ``batchSize`` rows), so memory stays flat however large the table is.
public final class PostGISSource: GeoDataProvidedSource {
    /// The location.
    public let location: PostGISLocation
    /// The most rows of one `FETCH`.
    public static let batchSize = 10_000
    /// The rows of the first `FETCH`.
    public static let firstBatchSize = 500
    /// The bytes a later `FETCH` asks for: few enough that the server makes the next batch while
    /// the one before is decoded.
    public static let batchBytes = 1 << 20
    /// Tables with more rows than this (by the planner's estimate) get `ST_EstimatedExtent` in
    /// summaries without a bbox; smaller ones the exact `ST_Extent`.
    public static let estimatedExtentThreshold: Double = 1_000_000

    let connection: PGConnection
    let tables: [PostGISTable]

    /// The layers.
    public var layers: [GeoDataLayerInfo] { tables.map(\.info) }

    /// Connects and finds the table(s).
    /// - Throws: `GeoDataError/unknownLayer(path:layer:available:)` for a missing table,
    ///   `GeoDataError/provider(location:reason:)` for a failed connection or a table without
    ///   a geometry column.
    public init(_ location: PostGISLocation) throws(GeoDataError) {
        self.location = location
        connection = try PGConnection(location)
        tables = try Self.resolve(location, connection)
    }

    func table(_ info: GeoDataLayerInfo) throws(GeoDataError) -> PostGISTable {
        guard let t = tables.first(where: { $0.layerName == info.name }) else {
            throw .unknownLayer(path: location.redacted, layer: info.name, available: tables.map(\.layerName))
        }
        return t
    }

    public func forEachFeature(_ layer: GeoDataLayerInfo, bbox: BoundingBox?,
                               _ body: (Feature) throws(GeoDataError) -> Void) throws(GeoDataError) -> CRS? {
        let t = try table(layer)
        try Self.stream(t, bbox: bbox, partition: nil, connection: connection, body)
        return t.crs
    }

    /// Reads `layer` whole in `partitions` strips read side by side
    /// (``forEachFeature(_:bbox:partitions:_:)``).
    public func readLayer(_ layer: GeoDataLayerInfo, bbox: BoundingBox?, partitions: Int) throws(GeoDataError) -> GeoDataLayer {
        var features: [Feature] = []
        let crs = try forEachFeature(layer, bbox: bbox, partitions: partitions) { features.append($0) }
        return GeoDataLayer(name: layer.name, collection: FeatureCollection(features, crs: crs))
    }

    /// Streams `layer` read in `partitions` vertical strips of its extent, each over its own
    /// connection on its own thread; a feature belongs to the strip holding the centre of its
    /// bounding box (half-open ranges, the outer strips unbounded, null and empty geometries in the
    /// first). Each strip's thread keeps at most 4 batches ahead of `body`, so
    /// memory stays flat in the table's size. With an integer primary key the strips are merged
    /// into key order, the order of a read in one part; otherwise they follow west to east, each
    /// in key order. Every part reads the same snapshot (`pg_export_snapshot`, as `pg_dump --jobs`
    /// does), so rows written meanwhile are in all parts or in none.
    @discardableResult
    public func forEachFeature(_ layer: GeoDataLayerInfo, bbox: BoundingBox?, partitions: Int,
                               _ body: (Feature) throws(GeoDataError) -> Void) throws(GeoDataError) -> CRS? {
        let t = try table(layer)
        guard partitions > 1 else {
            try Self.stream(t, bbox: bbox, partition: nil, connection: connection, body)
            return t.crs
        }
        // One snapshot for every part, held open by this connection until they are done.
        try connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", what: "\(t.layerName): starting a read")
        defer { connection.rollback() }
        var snapshot: String?
        do {
            snapshot = try connection.strings("SELECT pg_export_snapshot()", what: "exporting a snapshot").first?[0]
        } catch {
            // A server that cannot export snapshots: each part reads its own.
            connection.rollback()
            try connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", what: "\(t.layerName): starting a read")
        }
        if let s = snapshot, !s.allSatisfy({ $0.isHexDigit || $0 == "-" }) { snapshot = nil }
        let shared = snapshot
        let extent = try self.extent(t, bbox: bbox, estimatedWhenLarge: bbox == nil)
        let n = partitions
        let width = extent.isEmpty ? 0 : (extent.maxX - extent.minX) / Double(n)
        let cuts: [Double] = (1..<n).map { extent.isEmpty ? 0 : extent.minX + width * Double($0) }
        let queues = (0..<n).map { _ in FeatureBatchQueue(capacity: Self.queuedBatches) }
        let location = self.location
        let group = DispatchGroup()
        for i in 0..<n {
            let partition = Partition(lower: i == 0 ? nil : cuts[i - 1], upper: i == n - 1 ? nil : cuts[i], takesNull: i == 0)
            let queue = queues[i]
            group.enter()
            Threads.detach(stackSize: 4 << 20) {
                defer { group.leave() }
                queue.fill(batchSize: Self.queuedBatchSize, stopped: .provider(location: location.redacted, reason: "read stopped")) {
                    body throws(GeoDataError) in
                    let connection = try PGConnection(location)
                    try Self.stream(t, bbox: bbox, partition: partition, snapshot: shared, connection: connection, body)
                }
            }
        }
        // Whatever happens below, the strips' threads stop and are waited for.
        defer {
            for q in queues { q.cancel() }
            group.wait()
        }
        let merged = t.idColumn.map { !$0.isText } ?? false
        var heads = [[Feature]](repeating: [], count: n)
        var positions = [Int](repeating: 0, count: n)
        var done = [Bool](repeating: false, count: n)
        /// The next feature of strip `i`, nil when it has no more.
        func peek(_ i: Int) throws(GeoDataError) -> Feature? {
            while positions[i] >= heads[i].count {
                if done[i] { return nil }
                switch queues[i].take() {
                case .success(let batch)?:
                    heads[i] = batch
                    positions[i] = 0
                case .failure(let error)?: throw error
                case nil: done[i] = true
                }
            }
            return heads[i][positions[i]]
        }
        func key(_ f: Feature) -> Int64 {
            if case .int(let v)? = f.id { return v }
            return .max
        }
        if merged {
            while true {
                var best = -1
                var bestKey = Int64.max
                for i in 0..<n {
                    guard let f = try peek(i) else { continue }
                    let k = key(f)
                    if best < 0 || k < bestKey {
                        best = i
                        bestKey = k
                    }
                }
                guard best >= 0 else { break }
                let f = heads[best][positions[best]]
                positions[best] += 1
                try body(f)
            }
        } else {
            for i in 0..<n {
                while let f = try peek(i) {
                    positions[i] += 1
                    try body(f)
                }
            }
        }
        return t.crs
    }

    /// Features per batch a strip's thread hands over.
    static let queuedBatchSize = 2_000
    /// Batches a strip's thread may have ready before it waits for the reader.
    static let queuedBatches = 4

    /// Counts, geometry types and extent computed by the server.
    public func summary(of layer: GeoDataLayerInfo, bbox: BoundingBox?) throws(GeoDataError) -> GeoDataLayerSummary {
        let t = try table(layer)
        var summary = GeoDataLayerSummary(GeoDataLayer(name: t.layerName, collection: FeatureCollection(crs: t.crs)))
        let g = t.quotedGeometry
        let filter = bbox.map { _ in " WHERE " + t.bboxCondition(firstParameter: 1) } ?? ""
        let rows = try connection.strings("SELECT GeometryType(\(g)), count(*) FROM \(t.qualifiedName)\(filter) GROUP BY 1",
                                          bbox.map(PostGISTable.bboxParameters) ?? [], what: "\(t.layerName): counting features")
        for row in rows {
            let count = Int(row[1] ?? "0") ?? 0
            summary.featureCount += count
            guard let name = row[0] else {
                summary.nullGeometries += count
                continue
            }
            var upper = name.uppercased()
            if upper.hasSuffix("M"), upper != "GEOMETRYCOLLECTION" { upper.removeLast() }
            if let kind = Geometry.Kind.allCases.first(where: { $0.rawValue.uppercased() == upper }) {
                summary.geometryTypes[kind, default: 0] += count
            }
        }
        summary.extent = try extent(t, bbox: bbox, estimatedWhenLarge: bbox == nil)
        return summary
    }

    /// The extent of the table (of the rows meeting `bbox`): `ST_EstimatedExtent` for a large
    /// table when allowed and available, else `ST_Extent`.
    func extent(_ t: PostGISTable, bbox: BoundingBox?, estimatedWhenLarge: Bool) throws(GeoDataError) -> BoundingBox {
        if estimatedWhenLarge {
            let estimate = try connection.strings("SELECT reltuples FROM pg_class WHERE oid = to_regclass($1)", [t.qualifiedName],
                                                  what: "\(t.layerName): reading the row estimate")
            if let text = estimate.first?[0], let rows = Double(text), rows > Self.estimatedExtentThreshold {
                let box = try connection.strings(
                    "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM ST_EstimatedExtent($1, $2, $3) AS e",
                    [t.schema, t.table, t.geometryColumn], what: "\(t.layerName): estimating the extent")
                if let b = Self.box(box.first) { return b }
            }
        }
        let g = t.quotedGeometry
        let filter = bbox.map { _ in " WHERE " + t.bboxCondition(firstParameter: 1) } ?? ""
        let rows = try connection.strings(
            "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(\(g)) AS e FROM \(t.qualifiedName)\(filter)) AS x",
            bbox.map(PostGISTable.bboxParameters) ?? [], what: "\(t.layerName): computing the extent")
        return Self.box(rows.first) ?? .empty
    }

    static func box(_ row: [String?]?) -> BoundingBox? {
        guard let row, row.count == 4, let a = row[0].flatMap(Double.init), let b = row[1].flatMap(Double.init),
              let c = row[2].flatMap(Double.init), let d = row[3].flatMap(Double.init) else { return nil }
        return BoundingBox(minX: a, minY: b, maxX: c, maxY: d)
    }

    /// One strip of a partitioned read: bbox centres with `lower <= x < upper` (nil: unbounded).
    struct Partition: Sendable {
        var lower: Double?
        var upper: Double?
        var takesNull: Bool
    }

    /// Streams the rows of `t` (meeting `bbox`, in `partition`) through a binary cursor.
    static func stream(_ t: PostGISTable, bbox: BoundingBox?, partition: Partition?, snapshot: String? = nil, connection: PGConnection,
                       _ body: (Feature) throws(GeoDataError) -> Void) throws(GeoDataError) {
        var conditions: [String] = []
        var parameters: [String?] = []
        if let bbox {
            conditions.append(t.bboxCondition(firstParameter: parameters.count + 1))
            parameters += PostGISTable.bboxParameters(bbox)
        }
        if let partition {
            let key = t.partitionKey
            var range: [String] = []
            if let lower = partition.lower {
                parameters.append(PG.parameter(lower))
                range.append("\(key) >= $\(parameters.count)::float8")
            }
            if let upper = partition.upper {
                parameters.append(PG.parameter(upper))
                range.append("\(key) < $\(parameters.count)::float8")
            }
            if !range.isEmpty {
                let inRange = range.joined(separator: " AND ")
                conditions.append(partition.takesNull ? "(\(inRange) OR \(key) IS NULL)" : "\(inRange)")
            }
        }
        var sql = "SELECT \(t.selectList) FROM \(t.qualifiedName)"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        if let id = t.idColumn { sql += " ORDER BY " + PG.quote(id.name) }
        try connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", what: "\(t.layerName): starting a read")
        do throws(GeoDataError) {
            if let snapshot {
                // A server-made id (hex digits and dashes, checked); SET takes no parameters.
                try connection.execute("SET TRANSACTION SNAPSHOT '\(snapshot)'", what: "\(t.layerName): sharing the snapshot")
            }
            try connection.execute("DECLARE geotwin_rows BINARY NO SCROLL CURSOR FOR " + sql, parameters,
                                   what: "\(t.layerName): reading")
            // The next batch is asked for before this one is decoded, so the server reads it
            // meanwhile; its rows are chosen from this batch's bytes per row (sampled).
            var size = firstBatchSize
            try connection.send("FETCH \(size) FROM geotwin_rows", binary: true, what: "\(t.layerName): reading")
            while true {
                let batch = try connection.receive(what: "\(t.layerName): reading")
                let rows = batch.rows
                let more = rows == size
                if more {
                    let perRow = max(1, batch.bytesPerRow())
                    size = min(batchSize, max(firstBatchSize, batchBytes / perRow))
                    try connection.send("FETCH \(size) FROM geotwin_rows", binary: true, what: "\(t.layerName): reading")
                }
                for r in 0..<rows { try body(try t.feature(batch, row: r, location: connection.location)) }
                if !more { break }
            }
            try connection.execute("COMMIT", what: "\(t.layerName): ending a read")
        } catch {
            connection.rollback()
            throw error
        }
    }

    /// Finds the table of `location` or, without `table=`, every table of `geometry_columns`.
    static func resolve(_ location: PostGISLocation, _ connection: PGConnection) throws(GeoDataError) -> [PostGISTable] {
        let current = try connection.strings("SELECT current_schema()", what: "reading the current schema").first?[0] ?? "public"
        if let table = location.table {
            let schema = location.schema ?? current
            return [try describe(schema: schema, table: table, currentSchema: current, location: location, connection)]
        }
        var sql = "SELECT DISTINCT f_table_schema::text, f_table_name::text FROM geometry_columns"
            + " WHERE f_table_schema NOT IN ('pg_catalog', 'information_schema', 'topology', 'tiger')"
        var parameters: [String?] = []
        if let schema = location.schema {
            sql += " AND f_table_schema = $1"
            parameters.append(schema)
        }
        sql += " ORDER BY 1, 2"
        var out: [PostGISTable] = []
        for row in try connection.strings(sql, parameters, what: "listing geometry tables") {
            guard let schema = row[0], let table = row[1] else { continue }
            out.append(try describe(schema: schema, table: table, currentSchema: current, location: location, connection))
        }
        return out
    }

    /// The geometry column, SRID, id column and attribute columns of `schema.table`.
    static func describe(schema: String, table: String, currentSchema: String, location: PostGISLocation,
                         _ connection: PGConnection) throws(GeoDataError) -> PostGISTable {
        let qualified = PG.qualified(schema, table)
        let name = schema == currentSchema ? table : "\(schema).\(table)"
        let exists = try connection.strings("SELECT to_regclass($1)::text", [qualified], what: "\(name): looking up the table")
        guard exists.first?[0] != nil else {
            let available = try connection.strings(
                "SELECT f_table_name::text FROM geometry_columns WHERE f_table_schema = $1 ORDER BY 1", [schema],
                what: "listing geometry tables").compactMap { $0[0] }
            throw .unknownLayer(path: location.redacted, layer: name, available: available)
        }
        // The geometry columns from their type modifiers (what the geometry_columns view reads,
        // without its cost: ~10 ms per query on a fresh connection); a column without a modifier
        // goes through the view, which also reads SRID and type from old-style CHECK constraints.
        var geometryRows = try connection.strings(
            "SELECT a.attname::text, postgis_typmod_srid(a.atttypmod)::text,"
                + " upper(postgis_typmod_type(a.atttypmod)), coalesce(postgis_typmod_dims(a.atttypmod), 2)::text,"
                + " (a.atttypmod = -1)::text FROM pg_attribute a"
                + " WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped"
                + " AND a.atttypid IN (SELECT oid FROM pg_type WHERE typname = 'geometry') ORDER BY 1",
            [qualified], what: "\(name): reading its geometry columns").map { row -> [String?] in
                // `MULTIPOLYGONZ` -> MULTIPOLYGON (the dimension says Z), `POINTM` stays, as in geometry_columns.
                var type = row[2] ?? "GEOMETRY"
                if type.hasSuffix("ZM") { type.removeLast(2) } else if type.hasSuffix("Z") { type.removeLast() }
                return [row[0], row[1], type, row[3], row[4]]
            }
        if geometryRows.contains(where: { $0[4] == "true" }) {
            geometryRows = try connection.strings(
                "SELECT f_geometry_column::text, srid, type, coord_dimension FROM geometry_columns"
                    + " WHERE f_table_schema = $1 AND f_table_name = $2 ORDER BY 1",
                [schema, table], what: "\(name): reading geometry_columns")
        }
        let columnNames = geometryRows.compactMap { $0[0] }
        guard !columnNames.isEmpty else {
            throw .provider(location: location.redacted, reason: "table \(name) has no geometry column")
        }
        let chosen: [String?]
        if let wanted = location.geometryColumn {
            guard let row = geometryRows.first(where: { $0[0] == wanted }) else {
                throw .provider(location: location.redacted,
                                reason: "table \(name) has no geometry column \(wanted) (geometry columns: \(columnNames.joined(separator: ", ")))")
            }
            chosen = row
        } else if geometryRows.count == 1 {
            chosen = geometryRows[0]
        } else {
            throw .provider(location: location.redacted,
                            reason: "table \(name) has several geometry columns; name one with geometry= (\(columnNames.joined(separator: ", ")))")
        }
        let geometryColumn = chosen[0] ?? ""
        var srid = Int32(chosen[1] ?? "0") ?? 0
        if srid == 0 {
            // An unconstrained column: the SRID of its first geometry.
            let q = PG.quote(geometryColumn)
            let first = try connection.strings("SELECT ST_SRID(\(q)) FROM \(qualified) WHERE \(q) IS NOT NULL LIMIT 1",
                                               what: "\(name): reading the SRID")
            srid = first.first?[0].flatMap { Int32($0) } ?? 0
        }
        var typeName = chosen[2] ?? "GEOMETRY"
        if chosen[3] == "3", !typeName.hasSuffix("M") { typeName += " Z" }
        if chosen[3] == "4" { typeName += " ZM" }

        let key = try connection.strings(
            "SELECT a.attname::text, t.typname::text FROM pg_index i"
                + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)"
                + " JOIN pg_type t ON t.oid = a.atttypid"
                + " WHERE i.indrelid = to_regclass($1) AND i.indisprimary",
            [qualified], what: "\(name): reading the primary key")
        var idColumn: (name: String, isText: Bool)?
        if key.count == 1, let column = key[0][0], let type = key[0][1] {
            switch type {
            case "int2", "int4", "int8": idColumn = (column, false)
            case "text", "varchar", "bpchar": idColumn = (column, true)
            default: break
            }
        }
        let attributes = try connection.strings(
            "SELECT a.attname::text, t.typname::text FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
                + " WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
            [qualified], what: "\(name): reading the columns")
        var columns: [PostGISTable.Column] = []
        for row in attributes {
            guard let column = row[0], let type = row[1] else { continue }
            if column == geometryColumn || column == idColumn?.name { continue }
            if type == "geometry" || type == "geography" || type == "raster" { continue }
            columns.append(.init(name: column, kind: PostGISTable.kind(typeName: type)))
        }
        return PostGISTable(schema: schema, table: table, layerName: name, geometryColumn: geometryColumn, srid: srid,
                            geometryTypeName: typeName, idColumn: idColumn, columns: columns)
    }
}

