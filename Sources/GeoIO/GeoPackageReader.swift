#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoCore

/// Reads an OGC GeoPackage (1.0-1.4): the layers of `gpkg_contents` and whole feature tables.
///
/// The file is opened read-only; the reader checks that it is an SQLite database with the
/// GeoPackage `application_id` (`GPKG`, or `GP10`/`GP11` of 1.0/1.1) and the required tables.
/// A reader owns one SQLite connection: use it from one thread at a time.
///
/// ```swift
/// let gpkg = try GeoPackageReader(path: "Geodata/korea.gpkg")
/// for info in gpkg.layers { print(info.tableName, info.spatialReference?.organizationCode ?? 0) }
/// let sigungu = try gpkg.readLayer("sigungu")
/// ```
public final class GeoPackageReader {
    /// The path as given.
    public let path: String
    /// The feature and attribute layers of `gpkg_contents`, in table order.
    public let layers: [GeoPackageLayerInfo]
    private let db: GeoPackageConnection

    /// The accepted `application_id` values: `GPKG`, `GP10`, `GP11`.
    static let applicationIDs: Set<Int64> = [0x4750_4B47, 0x4750_3130, 0x4750_3131]

    /// The largest page size read through a memory map (see ``init(path:)``).
    static let largestMappedPageSize = 8192

    /// Opens `path` and reads the list of layers.
    /// - Throws: ``GeoPackageError`` (`fileNotFound`, `notSQLite`, `notGeoPackage`, `missingTable`, ...).
    public convenience init(path: String) throws(GeoPackageError) {
        var isDirectory = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory else {
            throw .fileNotFound(path: path)
        }
        let db = try GeoPackageConnection(path: path, create: false)
        // Pages up to 8 KiB (GDAL's and SQLite's default is 4 KiB) are read through a memory map:
        // reading the attributes that follow a large geometry walks its overflow pages, which
        // then cost no system call each. Larger pages hold most geometries whole, and reading
        // them with read() was faster than mapping them (every 4 KiB of the map faulted in, the
        // map removed at close): for the national emd layer to FlatGeobuf, about 4 % of the
        // whole command with 32 KiB pages, against 4-6 % slower with 4 and 8 KiB pages.
        // (A file that is no database fails here too; it is left to the checks below, which name
        // the problem.)
        if let pageSize = (try? db.scalarInt("PRAGMA page_size")) ?? nil, pageSize <= Self.largestMappedPageSize {
            try db.execute("PRAGMA mmap_size = 1073741824")
        }
        try self.init(connection: db)
    }

    /// Opens a GeoPackage held in memory: the bytes of a whole `.gpkg` file (downloaded, read
    /// from an archive, ...). The bytes are copied into a read-only in-memory SQLite database;
    /// everything else is as for a file, and errors name `name` where they would name the path.
    ///
    /// ```swift
    /// let bytes = try Data(contentsOf: url)
    /// let gpkg = try GeoPackageReader(data: bytes, name: "download.gpkg")
    /// let layer = try gpkg.readLayer(gpkg.layers[0].tableName)
    /// ```
    /// - Throws: ``GeoPackageError`` (`notSQLite`, `notGeoPackage`, `missingTable`, ...).
    public convenience init(data: Data, name: String) throws(GeoPackageError) {
        let opened = data.withUnsafeBytes { raw in
            Result { () throws(GeoPackageError) in try GeoPackageConnection(bytes: raw, name: name) }
        }
        try self.init(connection: opened.get())
    }

    /// Checks the application id and required tables of an open database and reads its layers:
    /// the one path from here on for files and bytes alike.
    private init(connection db: GeoPackageConnection) throws(GeoPackageError) {
        let path = db.path
        self.path = path
        self.db = db
        let appID = try db.scalarInt("PRAGMA application_id") ?? 0
        guard Self.applicationIDs.contains(appID) else {
            throw .notGeoPackage(path: path, applicationID: Self.fourCC(appID))
        }
        for table in ["gpkg_spatial_ref_sys", "gpkg_contents"] where try !db.tableExists(table) {
            throw .missingTable(path: path, table: table)
        }
        layers = try Self.readLayers(db, path: path)
    }

    /// Opens the file at `url`.
    public convenience init(url: URL) throws(GeoPackageError) {
        try self.init(path: url.path)
    }

    /// The description of the layer named `name` (exact, then case-insensitive match).
    public func layer(named name: String) -> GeoPackageLayerInfo? {
        layers.first { $0.tableName == name } ?? layers.first { $0.tableName.lowercased() == name.lowercased() }
    }

    /// The number of rows of the layer named `name`.
    /// - Throws: ``GeoPackageError`` (`unknownLayer`, `sqlite`).
    public func rowCount(_ name: String) throws(GeoPackageError) -> Int {
        guard let info = layer(named: name) else { throw .unknownLayer(path: path, layer: name) }
        return Int(try db.scalarInt("SELECT count(*) FROM \(quoted(info.tableName))") ?? 0)
    }

    /// The number of entries in the spatial index of the layer named `name` (its R-tree,
    /// `rtree_<table>_<column>`): the rows with a non-empty geometry, counted from the index's own
    /// small table rather than from every page of the layer's; nil when the layer has no R-tree.
    /// - Throws: ``GeoPackageError`` (`unknownLayer`, `sqlite`).
    public func indexedRowCount(_ name: String) throws(GeoPackageError) -> Int? {
        guard let info = layer(named: name) else { throw .unknownLayer(path: path, layer: name) }
        guard let g = info.geometryColumn else { return nil }
        // The R*Tree module keeps one row per entry in its `_rowid` shadow table.
        let rowids = "rtree_\(info.tableName)_\(g)_rowid"
        guard try db.tableExists(rowids) else { return nil }
        return Int(try db.scalarInt("SELECT count(*) FROM \(quoted(rowids))") ?? 0)
    }

    /// Reads every row of a feature (or attributes) layer, ordered by its primary key.
    /// - Throws: ``GeoPackageError`` naming the table, row fid and column of the first bad value.
    public func readLayer(_ name: String) throws(GeoPackageError) -> GeoPackageLayer {
        try readLayer(name, where: nil)
    }

    /// Reads the rows of a layer whose attribute `column` equals `value` (all rows when `filter`
    /// is nil), ordered by the primary key. The selection runs in SQLite, so the geometries of
    /// the other rows are never decoded. With `geometry: false` the geometry column is not
    /// selected at all: every feature's geometry is nil (the attributes of a large layer for
    /// the price of its attributes).
    /// - Throws: ``GeoPackageError`` naming the table, row fid and column of the first bad value,
    ///   or ``GeoPackageError/invalidTable(path:table:reason:)`` when the filter's column is missing.
    public func readLayer(_ name: String, where filter: (column: String, value: GeoPackageValue)?,
                          geometry: Bool = true) throws(GeoPackageError) -> GeoPackageLayer {
        var features: [GeoPackageFeature] = []
        let schema = try forEachFeature(name, where: filter, geometry: geometry) { f throws(GeoPackageError) in features.append(f) }
        return GeoPackageLayer(name: schema.info.tableName, geometryColumn: schema.info.geometryColumn ?? "",
                               geometryTypeName: schema.info.geometryTypeName ?? "",
                               spatialReference: schema.info.spatialReference ?? .undefinedCartesian,
                               columns: schema.columns, features: features)
    }

    /// The attribute columns of a layer (without its primary key and geometry column).
    public func columns(of name: String) throws(GeoPackageError) -> [GeoPackageColumn] {
        guard let info = layer(named: name) else { throw .unknownLayer(path: path, layer: name) }
        return try schema(info).columns
    }

    /// Streams the rows of a layer, ordered by its primary key, to `body` one at a time (only one
    /// row is in memory). `filter` selects rows whose attribute equals a value; `bbox` (in the
    /// layer's CRS) keeps rows whose geometry's box meets it, found through the layer's R-tree
    /// index when it has one, so the other rows are never decoded. With `geometry: false` the
    /// geometry column is not selected (every geometry is nil, and `bbox` is ignored).
    /// - Returns: the layer's description and attribute columns (the order of each row's values).
    @discardableResult
    public func forEachFeature(_ name: String, where filter: (column: String, value: GeoPackageValue)? = nil,
                               bbox: BoundingBox? = nil, geometry wantsGeometry: Bool = true,
                               _ body: (GeoPackageFeature) throws(GeoPackageError) -> Void)
        throws(GeoPackageError) -> (info: GeoPackageLayerInfo, columns: [GeoPackageColumn]) {
        var failure: GeoPackageError?
        let schema = try forEachRow(name, where: filter, bbox: bbox, geometry: wantsGeometry) { row, _, _ in
            do throws(GeoPackageError) { try body(row) } catch {
                failure = error
                return false
            }
            return true
        }
        if let failure { throw failure }
        return schema
    }

    /// The loop behind ``forEachFeature(_:where:bbox:geometry:_:)``: each row with, when
    /// `keepingWKB` and its geometry is plain WKB, that geometry still encoded (the row's own
    /// geometry then nil), and the layer's attribute columns (the order of its values); `body`
    /// returns false to stop. `schema`, when given, is the layer's ``tableSchema(_:)`` read
    /// before, not read again.
    func forEachRow(_ name: String, where filter: (column: String, value: GeoPackageValue)?, bbox: BoundingBox?,
                    geometry wantsGeometry: Bool, keepingWKB: Bool = false, schema known: TableSchema? = nil,
                    _ body: (GeoPackageFeature, EncodedGeometry?, [GeoPackageColumn]) -> Bool)
        throws(GeoPackageError) -> (info: GeoPackageLayerInfo, columns: [GeoPackageColumn]) {
        guard let info = layer(named: name) else { throw .unknownLayer(path: path, layer: name) }
        let table = info.tableName
        let (pk, columns) = if let known { known } else { try tableSchema(info) }
        let geometryColumn = wantsGeometry ? info.geometryColumn : nil
        let bbox = wantsGeometry ? bbox : nil
        let geomSelect = geometryColumn.map { ", \(quoted($0))" } ?? ""
        let attrSelect = columns.map { ", \(quoted($0.name))" }.joined()
        var conditions: [String] = []
        if let filter {
            guard let column = columns.first(where: { $0.name.lowercased() == filter.column.lowercased() }) else {
                throw .invalidTable(path: path, table: table, reason: "no attribute column \(filter.column) to filter on")
            }
            conditions.append("\(quoted(column.name)) = ?1")
        }
        var rtreeUsed = false
        if bbox != nil, let g = info.geometryColumn {
            let rtree = "rtree_\(table)_\(g)"
            if try db.tableExists(rtree) {
                conditions.append("\(quoted(pk)) IN (SELECT id FROM \(quoted(rtree)) WHERE maxx >= ?2 AND minx <= ?3 AND maxy >= ?4 AND miny <= ?5)")
                rtreeUsed = true
            }
        }
        let condition = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let stmt = try db.prepare("SELECT \(quoted(pk))\(geomSelect)\(attrSelect) FROM \(quoted(table))\(condition) ORDER BY \(quoted(pk))")
        if let filter { try stmt.bind(1, filter.value) }
        if rtreeUsed, let bbox {
            try stmt.bind(2, .real(bbox.minX))
            try stmt.bind(3, .real(bbox.maxX))
            try stmt.bind(4, .real(bbox.minY))
            try stmt.bind(5, .real(bbox.maxY))
        }
        let first: Int32 = geometryColumn == nil ? 1 : 2
        var lastFID: Int64?
        while try stepRow(stmt, table: table, after: lastFID) {
            let fid = stmt.int(0)
            lastFID = fid
            var geometry: Geometry?
            var encoded: EncodedGeometry?
            if let g = geometryColumn {
                if keepingWKB { encoded = try encodedGeometry(stmt, table: table, fid: fid, column: g) }
                if encoded == nil { geometry = try readGeometry(stmt, table: table, fid: fid, column: g) }
            }
            if let bbox {
                guard let box = encoded?.boundingBox ?? geometry?.boundingBox, box.intersects(bbox) else { continue }
            }
            var values: [GeoPackageValue] = []
            values.reserveCapacity(columns.count)
            for i in 0..<Int32(columns.count) { values.append(stmt.value(first + i)) }
            if !body(GeoPackageFeature(fid: fid, geometry: geometry, values: values), encoded, columns) { break }
        }
        return (info, columns)
    }

    /// A layer table's integer primary key and its attribute columns, in table order: those whose
    /// values ``forEachRow(_:where:bbox:geometry:keepingWKB:schema:_:)`` reads.
    typealias TableSchema = (pk: String, columns: [GeoPackageColumn])

    /// The schema of the layer `name`'s table; a failure names the table.
    func tableSchema(_ name: String) throws(GeoPackageError) -> TableSchema {
        guard let info = layer(named: name) else { throw .unknownLayer(path: path, layer: name) }
        return try tableSchema(info)
    }

    private func tableSchema(_ info: GeoPackageLayerInfo) throws(GeoPackageError) -> TableSchema {
        do { return try schema(info) } catch { throw error.inTable(info.tableName, "its columns") }
    }

    /// The next row of a layer's rows; a failure (a damaged page, say) names the table and the
    /// last row read.
    private func stepRow(_ stmt: GeoPackageStatement, table: String, after fid: Int64?) throws(GeoPackageError) -> Bool {
        do { return try stmt.step() } catch {
            throw error.inTable(table, fid.map { "the row after fid \($0)" } ?? "its first row")
        }
    }

    /// The integer primary key and the attribute columns of a layer's table.
    private func schema(_ info: GeoPackageLayerInfo) throws(GeoPackageError) -> (pk: String, columns: [GeoPackageColumn]) {
        let table = info.tableName
        guard try db.tableExists(table) else { throw .missingTable(path: path, table: table) }
        let pragma = try db.prepare("PRAGMA table_info(\(quoted(table)))")
        var pk: String?
        var columns: [GeoPackageColumn] = []
        while try pragma.step() {
            let colName = pragma.text(1) ?? ""
            let type = pragma.text(2) ?? ""
            if pragma.int(5) == 1 && type.uppercased() == "INTEGER" && pk == nil {
                pk = colName
            } else if colName.lowercased() != info.geometryColumn?.lowercased() {
                columns.append(GeoPackageColumn(name: colName, declaredType: type))
            }
        }
        guard let pk else { throw .invalidTable(path: path, table: table, reason: "no INTEGER PRIMARY KEY column") }
        if !columns.isEmpty, try db.tableExists("gpkg_data_columns") {
            // GDAL declares JSON columns here (`mime_type` application/json).
            let mime = try db.prepare("SELECT column_name, mime_type FROM gpkg_data_columns WHERE table_name = ?1 COLLATE NOCASE")
            try mime.bind(1, .text(table))
            var types: [String: String] = [:]
            while try mime.step() {
                if let column = mime.text(0), let type = mime.text(1) { types[column.lowercased()] = type }
            }
            for k in columns.indices { columns[k].mimeType = types[columns[k].name.lowercased()] }
        }
        if let g = info.geometryColumn, !(try hasColumn(table, g)) {
            throw .invalidTable(path: path, table: table, reason: "geometry column \(g) is missing")
        }
        return (pk, columns)
    }

    /// The geometry of the row as its plain WKB (``EncodedGeometry``) after a header checked as
    /// ``readGeometry(_:table:fid:column:)`` checks it; nil for a NULL, for WKB of any other
    /// shape and for anything that is not a blob (all read by ``readGeometry(_:table:fid:column:)``).
    private func encodedGeometry(_ stmt: GeoPackageStatement, table: String, fid: Int64, column: String)
        throws(GeoPackageError) -> EncodedGeometry? {
        guard stmt.storageClass(1) == .blob else { return nil }
        let result = stmt.withBlob(1) { raw in
            Result<EncodedGeometry?, GeoPackageBinary.DecodeError> { () throws(GeoPackageBinary.DecodeError) in
                // The header is kept with the WKB: a GeoPackage output may take the blob whole.
                return EncodedGeometry(raw, wkbOffset: try GeoPackageBinary.headerLength(raw).length)
            }
        }
        switch result {
        case .success(let e): return e
        case .failure(let error):
            throw .invalidGeometry(path: path, table: table, fid: fid, column: column, reason: error.description)
        }
    }

    private func readGeometry(_ stmt: GeoPackageStatement, table: String, fid: Int64, column: String)
        throws(GeoPackageError) -> Geometry? {
        switch stmt.storageClass(1) {
        case .null:
            return nil
        case .blob:
            let result = stmt.withBlob(1) { raw in
                Result<Geometry, GeoPackageBinary.DecodeError> { () throws(GeoPackageBinary.DecodeError) in
                    try GeoPackageBinary.decode(raw).geometry
                }
            }
            switch result {
            case .success(let g): return g
            case .failure(.header(let reason)):
                throw .invalidGeometry(path: path, table: table, fid: fid, column: column, reason: reason)
            case .failure(.wkb(let e)):
                throw .invalidWKB(path: path, table: table, fid: fid, column: column, error: e)
            }
        default:
            throw .invalidGeometry(path: path, table: table, fid: fid, column: column, reason: "value is not a BLOB")
        }
    }

    private func hasColumn(_ table: String, _ column: String) throws(GeoPackageError) -> Bool {
        let stmt = try db.prepare("SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2 COLLATE NOCASE")
        try stmt.bind(1, .text(table))
        try stmt.bind(2, .text(column))
        return try stmt.step()
    }

    private static func readLayers(_ db: GeoPackageConnection, path: String) throws(GeoPackageError) -> [GeoPackageLayerInfo] {
        let hasGeometryColumns = try db.tableExists("gpkg_geometry_columns")
        let contents = try db.prepare("""
            SELECT table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id
            FROM gpkg_contents WHERE data_type IN ('features', 'attributes') ORDER BY rowid
            """)
        var out: [GeoPackageLayerInfo] = []
        while try contents.step() {
            let table = contents.text(0) ?? ""
            let dataType = contents.text(1) ?? ""
            var bounds: BoundingBox?
            if let minX = contents.optionalDouble(4), let minY = contents.optionalDouble(5),
               let maxX = contents.optionalDouble(6), let maxY = contents.optionalDouble(7) {
                bounds = BoundingBox(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
            }
            var info = GeoPackageLayerInfo(tableName: table, dataType: GeoPackageDataType(dataType), identifier: contents.text(2),
                                           description: contents.text(3), bounds: bounds)
            var srsID: Int64? = contents.storageClass(8) == .null ? nil : contents.int(8)
            if dataType == "features" {
                guard hasGeometryColumns else { throw .missingTable(path: path, table: "gpkg_geometry_columns") }
                let g = try db.prepare("SELECT column_name, geometry_type_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?1")
                try g.bind(1, .text(table))
                guard try g.step() else {
                    throw .invalidTable(path: path, table: table, reason: "feature layer without a row in gpkg_geometry_columns")
                }
                info.geometryColumn = g.text(0)
                info.geometryTypeName = g.text(1)
                srsID = g.int(2)
            }
            if let srsID {
                info.spatialReference = try spatialReference(db, srsID: srsID, path: path, table: table)
            }
            out.append(info)
        }
        return out
    }

    private static func spatialReference(_ db: GeoPackageConnection, srsID: Int64, path: String, table: String)
        throws(GeoPackageError) -> GeoPackageSpatialReference {
        let s = try db.prepare("SELECT srs_name, organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?1")
        try s.bind(1, .integer(srsID))
        guard try s.step() else {
            throw .invalidTable(path: path, table: table, reason: "srs_id \(srsID) is not in gpkg_spatial_ref_sys")
        }
        return GeoPackageSpatialReference(srsID: Int32(truncatingIfNeeded: srsID), name: s.text(0) ?? "",
                                          organization: s.text(1) ?? "", organizationCode: Int32(truncatingIfNeeded: s.int(2)),
                                          definition: s.text(3) ?? "")
    }

    private static func fourCC(_ v: Int64) -> String {
        let bytes = (0..<4).map { UInt8(truncatingIfNeeded: v >> (24 - 8 * $0)) }
        if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return String(decoding: bytes, as: UTF8.self) }
        return "0x" + String(UInt32(truncatingIfNeeded: v), radix: 16, uppercase: true)
    }
}

/// An SQL identifier in double quotes (embedded quotes doubled).
func quoted(_ identifier: String) -> String {
    "\"" + identifier.replacingAll("\"", with: "\"\"") + "\""
}
