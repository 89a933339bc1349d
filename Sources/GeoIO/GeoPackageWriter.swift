#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import GeoCore

/// Writes feature layers to a new OGC GeoPackage 1.3 file, atomically.
///
/// The file is built under a temporary name in the destination's directory and renamed over
/// `path` only when complete, so a failure leaves any previous file untouched. The output has
/// `application_id` `GPKG`, `user_version` 10300, the required tables
/// (`gpkg_spatial_ref_sys` with the three mandatory rows, `gpkg_contents`,
/// `gpkg_geometry_columns`), one table per layer (`fid INTEGER PRIMARY KEY AUTOINCREMENT`, the
/// geometry column, the attribute columns), an x/y envelope in every non-point geometry header,
/// optionally the `gpkg_rtree_index` extension, and for columns with a MIME type (JSON columns)
/// their `gpkg_data_columns` rows with the `gpkg_schema` extension, as GDAL writes them. Text is
/// stored with its byte length (NUL characters kept). Given the same layers and `lastChange`, the
/// bytes are identical.
///
/// ```swift
/// let layer = try GeoPackageLayer(name: "places", collection: features)
/// try GeoPackageWriter.write([layer], to: "out/places.gpkg")
/// ```
public enum GeoPackageWriter {
    /// The `gpkg_contents.last_change` written unless another is given: fixed, so that the same
    /// layers always give the same bytes.
    public static let defaultLastChange = "2023-09-15T00:00:00.000Z"

    /// Writes `layers` to `path`, replacing any file there.
    /// - Parameters:
    ///   - layers: the feature layers, one table each (names must differ, ignoring case).
    ///   - path: the GeoPackage file to create or replace.
    ///   - spatialIndex: also write the `gpkg_rtree_index` extension (R*-tree per layer, with
    ///     the standard triggers).
    ///   - lastChange: the `gpkg_contents.last_change` timestamp (ISO 8601, UTC).
    /// - Throws: ``GeoPackageError`` (`writeFailed` for file system problems, `sqlite`,
    ///   `invalidTable` for duplicate layer names or a value count that does not match the columns).
    public static func write(_ layers: [GeoPackageLayer], to path: String, spatialIndex: Bool = false,
                             lastChange: String = defaultLastChange) throws(GeoPackageError) {
        var seen = Set<String>()
        for layer in layers where !seen.insert(layer.name.lowercased()).inserted {
            throw .invalidTable(path: path, table: layer.name, reason: "duplicate layer name")
        }
        for layer in layers { try checkColumnNames(layer, path: path) }
        let dataColumns = layers.contains { $0.columns.contains { $0.mimeType != nil } }
        let session = try Session(path: path, spatialIndex: spatialIndex, lastChange: lastChange)
        do throws(GeoPackageError) {
            let first = layers.first?.features ?? []
            try session.prepareLayers(any: !layers.isEmpty, dataColumns: dataColumns, references: layers.map(\.spatialReference),
                                      pageSize: pageSize(firstLayer: first.lazy.map(\.geometry)))
            for layer in layers {
                try session.beginLayer(layer)
                for (row, f) in layer.features.enumerated() {
                    guard f.values.count == layer.columns.count else {
                        throw .invalidTable(path: path, table: layer.name,
                                            reason: "row \(row) has \(f.values.count) values for \(layer.columns.count) columns")
                    }
                    try session.add(f)
                }
                try session.endLayer()
            }
            try session.commit()
        } catch {
            session.abandon()
            throw error
        }
    }

    /// SQLite's page size for a new GeoPackage whose first layer has `geometries` (see
    /// ``PageSizeSurvey``, which holds the rule).
    static func pageSize(firstLayer geometries: some Sequence<Geometry?>) -> Int {
        var survey = PageSizeSurvey()
        for g in geometries {
            survey.observe(g)
            if survey.early(statedCount: nil) != nil { break }
        }
        return survey.final
    }

    /// The page size of large GeoPackages (see ``PageSizeSurvey``).
    static let largePageSize = 32768

    /// SQLite's page size for a new GeoPackage, chosen from the geometries of its first layer's
    /// first rows (at most ``GeoDataSink/streamLookahead``), observed as they pass: 4 KiB,
    /// SQLite's default, for small files, where every table's page counts; 32 KiB once the rows
    /// come to about 4 MiB (or the lookahead is reached), where SQLite then writes an eighth as
    /// many pages and most geometries fit in their row's page instead of a chain of overflow
    /// pages (the national eup-myeon-dong layer: 3,515 page writes become 410, 13 ms less of 89).
    /// Streamed and whole-layer writes decide from the same rows, so they give the same bytes;
    /// a streamed write may know the size before its first layer ends (``early(statedCount:)``).
    struct PageSizeSurvey {
        /// Rows seen, up to ``GeoDataSink/streamLookahead``.
        private(set) var rows = 0
        /// The geometries' estimated bytes in those rows, up to 4 MiB.
        private(set) var bytes = 0

        mutating func observe(_ g: Geometry?) {
            observe(positions: g?.coordinateCount ?? 0)
        }

        /// Observes a row whose geometry has `positions` positions.
        mutating func observe(positions: Int) {
            guard rows < GeoDataSink.streamLookahead else { return }
            rows += 1
            if bytes < 4 << 20 { bytes += 64 + 16 * positions }
        }

        /// The page size the rows seen so far already decide (large once they come to 4 MiB or
        /// to the lookahead), else, when the layer states at least the lookahead in features,
        /// the large size on its word (checked by ``final`` at the layer's end); nil otherwise.
        func early(statedCount: Int?) -> Int? {
            if rows >= GeoDataSink.streamLookahead || bytes >= 4 << 20 { return largePageSize }
            if let statedCount, statedCount >= GeoDataSink.streamLookahead { return largePageSize }
            return nil
        }

        /// The page size of the rows observed, once every row of the layer (or the lookahead)
        /// has been.
        var final: Int { rows >= GeoDataSink.streamLookahead || bytes >= 4 << 20 ? largePageSize : 4096 }
    }

    /// A geometry as a GeoPackage row stores it: its binary (header with envelope, then WKB) for
    /// one reference system, and what the layer's records take from it. A streamed write has it
    /// made on the thread that reads the features (``GeoDataLayerStream/forEachFeature(preparing:_:)``).
    struct PreparedGeometry: Sendable {
        var blob: [UInt8]
        var box: BoundingBox
        var hasZ: Bool
        var hasM: Bool
        /// The geometry's kind and number of positions, noted where it is prepared (what a
        /// streamed write plans the table's type and the file's page size by).
        var kind: Geometry.Kind
        var positions: Int

        init(_ geometry: Geometry, srsID: Int32) {
            box = geometry.boundingBox
            blob = GeoPackageBinary.encode(geometry, srsID: srsID, boundingBox: box)
            hasZ = geometry.hasZ
            hasM = geometry.hasM
            kind = geometry.kind
            positions = geometry.coordinateCount
        }

        /// The geometry kept as WKB (`encoded`) when there is one, else `geometry`; nil for neither.
        init?(_ encoded: EncodedGeometry?, _ geometry: Geometry?, srsID: Int32) {
            if let encoded {
                self.init(encoded, srsID: srsID)
            } else if let geometry {
                self.init(geometry, srsID: srsID)
            } else {
                return nil
            }
        }

        /// The same for the geometry `encoded` decodes to: its WKB kept, not encoded again.
        init(_ encoded: EncodedGeometry, srsID: Int32) {
            box = encoded.boundingBox
            blob = GeoPackageBinary.encode(encoded, srsID: srsID)
            hasZ = false
            hasM = false
            kind = encoded.kind
            positions = encoded.positionCount
        }
    }

    /// A GeoPackage being written row by row: the file is built under a temporary name beside
    /// `path` and renamed into place by ``commit()``; ``abandon()`` (or any failure) removes it.
    /// The calls, in order: ``prepareLayers(any:dataColumns:references:pageSize:)``, then per layer
    /// ``beginLayer(_:)``, ``add(_:)`` for each row, ``endLayer()``; then ``commit()``. The same
    /// calls with the same rows give the same bytes as ``write(_:to:spatialIndex:lastChange:)``,
    /// which makes them.
    final class Session {
        let path: String
        let temp: String
        let db: GeoPackageConnection
        let spatialIndex: Bool
        let lastChange: String
        private(set) var dataColumns = false
        /// Whether `gpkg_extensions` exists yet.
        private var extensionsMade = false
        private var layer: GeoPackageLayer?
        private var insert: GeoPackageStatement?
        /// Rows that go in together, ``rowsPerInsert`` to one multi-row INSERT: SQLite then keeps
        /// the table's AUTOINCREMENT counter (`sqlite_sequence`) once per statement rather than
        /// once per row, and starts a statement a sixteenth as often (for 5,026 rows of 2.3 KiB
        /// geometries, 6.2 ms of inserts instead of 9.2). Only rows whose insert cannot fail on
        /// their own go in together: each with a `fid` above every `fid` before it in the layer,
        /// values no more than the columns, a geometry of at most ``largestBatchedBlob`` bytes,
        /// in a table whose columns declare plain types (no constraint of their own). Any other
        /// row goes in alone, after the rows waiting, so that a failure names its row as before.
        private var waiting: [(fid: Int64, geometry: PreparedGeometry?, values: [GeoPackageValue])] = []
        private var insertMany: ManyRowInsert?
        private var largestFid = Int64.min
        /// The rows of one multi-row INSERT (fewer when SQLite's limit on parameters asks it; below
        /// 2, rows go in one at a time). Settable for tests, which compare the bytes of both ways.
        var rowsPerInsert = 16
        /// The largest geometry blob that goes in with other rows.
        static let largestBatchedBlob = 1 << 24
        private var extent = BoundingBox.empty
        private var boxes: [(Int64, BoundingBox)] = []
        private var hasZ = false
        private var hasM = false
        private var finished = false
        /// Space allocated ahead of SQLite's writes, checked every ``rowsPerCheck`` rows.
        private let space: SpaceAhead?
        private var rowsSinceCheck = 0
        private let rowsPerCheck = 64

        /// Opens a new file; its tables are made by ``prepareLayers(any:dataColumns:references:pageSize:)``.
        init(path: String, spatialIndex: Bool, lastChange: String) throws(GeoPackageError) {
            self.path = path
            self.spatialIndex = spatialIndex
            self.lastChange = lastChange
            let target = URL(fileURLWithPath: path)
            let directory = target.deletingLastPathComponent()
            var isDirectory = false
            guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory else {
                throw .writeFailed(path: path, reason: "directory \(directory.path) does not exist")
            }
            temp = directory.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp").path
            InterruptCleanup.register(temp)
            do throws(GeoPackageError) {
                db = try GeoPackageConnection(path: temp, create: true)
                space = SpaceAhead(path: temp)
            } catch {
                try? FileManager.default.removeItem(atPath: temp)
                InterruptCleanup.unregister(temp)
                throw error.replacingPath(temp, with: path)
            }
        }

        deinit { if !finished { abandon() } }

        /// The core tables with `references`, the reference systems of every layer to come, and
        /// the extension tables: before the first layer, once it is known whether any layer to
        /// come has JSON columns (`gpkg_data_columns`), in pages of `pageSize` bytes (see
        /// ``GeoPackageWriter/PageSizeSurvey``). The same as ``beginFile(any:references:pageSize:)``
        /// followed by ``declareDataColumns(_:)``.
        func prepareLayers(any: Bool, dataColumns: Bool, references: [GeoPackageSpatialReference], pageSize: Int) throws(GeoPackageError) {
            try beginFile(any: any, references: references, pageSize: pageSize)
            try declareDataColumns(dataColumns)
        }

        /// What of ``prepareLayers(any:dataColumns:references:pageSize:)`` the layers' columns do
        /// not decide: the page size, the core tables with `references`, and the extensions table
        /// when an R-tree is to come. A streamed write makes them while its first rows are still
        /// being read; ``declareDataColumns(_:)`` follows, before the first layer, in the same
        /// order of statements (so the same bytes) as the one call.
        func beginFile(any: Bool, references: [GeoPackageSpatialReference], pageSize: Int) throws(GeoPackageError) {
            extensionsMade = spatialIndex && any
            do throws(GeoPackageError) {
                // The page size first: it is fixed when the file's first page is written.
                try db.execute("PRAGMA page_size = \(pageSize); PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA application_id = \(0x4750_4B47); PRAGMA user_version = 10300;")
                try db.execute("BEGIN")
                try db.execute(GeoPackageSchema.core)
                try insertSpatialReferences(references, db)
                if extensionsMade { try db.execute(GeoPackageSchema.extensions) }
            } catch { throw error.replacingPath(temp, with: path) }
        }

        /// The rest of ``prepareLayers(any:dataColumns:references:pageSize:)`` after
        /// ``beginFile(any:references:pageSize:)``: the extensions table, if not made yet, and
        /// `gpkg_data_columns`, when a layer to come has JSON columns.
        func declareDataColumns(_ dataColumns: Bool) throws(GeoPackageError) {
            self.dataColumns = dataColumns
            guard dataColumns else { return }
            do throws(GeoPackageError) {
                if !extensionsMade { try db.execute(GeoPackageSchema.extensions) }
                extensionsMade = true
                try db.execute(GeoPackageSchema.dataColumns)
            } catch { throw error.replacingPath(temp, with: path) }
        }

        /// Creates the table of `layer` (its rows, if any, are not written: see ``add(_:)``).
        func beginLayer(_ layer: GeoPackageLayer) throws(GeoPackageError) {
            try checkColumnNames(layer, path: path)
            let t = quoted(layer.name)
            let g = layer.geometryColumn.isEmpty ? "geom" : layer.geometryColumn
            let typeName = layer.geometryTypeName.isEmpty ? "GEOMETRY" : layer.geometryTypeName.uppercased()
            let columnDefs = layer.columns.map { ", \(quoted($0.name)) \($0.declaredType.isEmpty ? "TEXT" : $0.declaredType)" }.joined()
            do throws(GeoPackageError) {
                try db.execute("CREATE TABLE \(t) (\"fid\" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, \(quoted(g)) \(typeName)\(columnDefs))")
                let placeholders = (0..<layer.columns.count).map { ", ?\($0 + 3)" }.joined()
                let names = layer.columns.map { ", \(quoted($0.name))" }.joined()
                insert = try db.prepare("INSERT INTO \(t) (\"fid\", \(quoted(g))\(names)) VALUES (?1, ?2\(placeholders))")
                let perRow = 2 + layer.columns.count
                let rows = min(rowsPerInsert, Int(db.variableLimit) / perRow)
                if rows >= 2, layer.columns.allSatisfy({ Self.declaresPlainType($0.declaredType) }) {
                    let tuples = (0..<rows).map { r in "(" + (1...perRow).map { "?\(r * perRow + $0)" }.joined(separator: ", ") + ")" }
                    let statement = try db.prepare("INSERT INTO \(t) (\"fid\", \(quoted(g))\(names)) VALUES \(tuples.joined(separator: ", "))")
                    insertMany = ManyRowInsert(statement: statement, rows: rows, columns: layer.columns.count)
                } else {
                    insertMany = nil
                }
            } catch { throw error.replacingPath(temp, with: path) }
            waiting = []
            largestFid = .min
            var header = layer
            header.features = []
            self.layer = header
            extent = .empty
            boxes = []
            hasZ = false
            hasM = false
        }

        /// Writes the next row of the current layer.
        func add(_ f: GeoPackageFeature) throws(GeoPackageError) {
            guard let layer else { return }
            try add(f, geometry: f.geometry.map { PreparedGeometry($0, srsID: layer.spatialReference.srsID) })
        }

        /// Writes the next row of the current layer, with its geometry (that of `f`) already
        /// encoded for the layer's reference system. The row may wait to go in with the rows
        /// after it (see ``rowsPerInsert``); ``endLayer()`` writes the last ones.
        func add(_ f: GeoPackageFeature, geometry: PreparedGeometry?) throws(GeoPackageError) {
            guard insert != nil else { return }
            rowsSinceCheck += 1
            if rowsSinceCheck == rowsPerCheck {
                rowsSinceCheck = 0
                space?.keepAhead()
            }
            if let geometry {
                if !geometry.box.isEmpty {
                    extent = extent.union(geometry.box)
                    boxes.append((f.fid, geometry.box))
                }
                hasZ = hasZ || geometry.hasZ
                hasM = hasM || geometry.hasM
            }
            if let insertMany, f.fid > largestFid, f.values.count <= insertMany.columns,
               (geometry?.blob.count ?? 0) <= Self.largestBatchedBlob {
                largestFid = f.fid
                waiting.append((f.fid, geometry, f.values))
                if waiting.count == insertMany.rows { try insertWaiting(insertMany) }
                return
            }
            try insertWaiting(nil)
            largestFid = max(largestFid, f.fid)
            try insertOne(f.fid, geometry, f.values)
        }

        /// A multi-row INSERT of the current layer: `rows` rows of the fid, the geometry and
        /// `columns` values each.
        struct ManyRowInsert {
            let statement: GeoPackageStatement
            let rows: Int
            let columns: Int
        }

        /// Writes the rows waiting: with `many` (one INSERT of them all) when given, else one at
        /// a time.
        private func insertWaiting(_ many: ManyRowInsert?) throws(GeoPackageError) {
            guard !waiting.isEmpty, let layer else { return }
            defer { waiting.removeAll(keepingCapacity: true) }
            guard let many else {
                for row in waiting { try insertOne(row.fid, row.geometry, row.values) }
                return
            }
            let statement = many.statement
            let perRow = Int32(2 + many.columns)
            statement.reset()
            for (r, row) in waiting.enumerated() {
                let base = Int32(r) * perRow
                try statement.bind(base + 1, .integer(row.fid))
                if row.geometry == nil { try statement.bind(base + 2, .null) }
                for (i, v) in row.values.enumerated() { try statement.bind(base + Int32(i + 3), v) }
            }
            // The geometries' blobs are read where they are, not copied first.
            let blobs = waiting.enumerated().compactMap { r, row in row.geometry.map { (Int32(r) * perRow + 2, $0.blob) } }
            do {
                _ = try statement.step(bindingBlobs: blobs)
            } catch {
                let place = "the rows of fid \(waiting[0].fid) to \(waiting[waiting.count - 1].fid)"
                throw error.inTable(layer.name, place).replacingPath(temp, with: path)
            }
        }

        /// Writes one row alone.
        private func insertOne(_ fid: Int64, _ geometry: PreparedGeometry?, _ values: [GeoPackageValue]) throws(GeoPackageError) {
            guard let layer, let insert else { return }
            insert.reset()
            try insert.bind(1, .integer(fid))
            if geometry == nil { try insert.bind(2, .null) }
            for (i, v) in values.enumerated() { try insert.bind(Int32(i + 3), v) }
            do {
                // The geometry's blob is read where it is, not copied first.
                if let geometry { _ = try insert.step(bindingBlobs: [(2, geometry.blob)]) } else { _ = try insert.step() }
            } catch { throw error.inTable(layer.name, "fid \(fid)").replacingPath(temp, with: path) }
        }

        /// Whether a column declared `type` has nothing in its declaration that an insert can
        /// break: type names and a length only (`TEXT`, `TEXT(5)`, `DOUBLE PRECISION`), no
        /// `CHECK`, `NOT NULL`, `UNIQUE`, `REFERENCES`, ...
        static func declaresPlainType(_ type: String) -> Bool {
            let typeWords: Set<Substring> = ["TEXT", "INTEGER", "INT", "REAL", "BLOB", "BOOLEAN", "DATE", "DATETIME",
                                             "DOUBLE", "PRECISION", "FLOAT", "NUMERIC", "DECIMAL", "TINYINT", "SMALLINT",
                                             "MEDIUMINT", "BIGINT", "CHAR", "CHARACTER", "VARCHAR", "VARYING", "NCHAR",
                                             "NVARCHAR", "CLOB"]
            var words = type.uppercased()[...]
            if let open = words.firstIndex(of: "(") {
                // One length (or precision and scale) at the end: digits, commas and spaces.
                guard words.last == ")",
                      words[words.index(after: open)..<words.index(before: words.endIndex)].allSatisfy({ $0.isNumber || $0 == "," || $0 == " " })
                else { return false }
                words = words[..<open]
            }
            return words.split(separator: " ").allSatisfy { typeWords.contains($0) }
        }

        /// Records the current layer in the GeoPackage's tables and builds its R-tree.
        func endLayer() throws(GeoPackageError) {
            guard let layer else { return }
            try insertWaiting(nil)
            insert = nil
            insertMany = nil
            self.layer = nil
            do throws(GeoPackageError) {
                try writeContents(layer, extent: extent, hasZ: hasZ, hasM: hasM)
                if spatialIndex {
                    try writeRTree(table: layer.name, column: layer.geometryColumn.isEmpty ? "geom" : layer.geometryColumn, boxes: boxes, db)
                }
                boxes = []
                if dataColumns { try writeDataColumns(layer, db) }
            } catch { throw error.replacingPath(temp, with: path) }
        }

        /// Commits and renames the file into place.
        func commit() throws(GeoPackageError) {
            do throws(GeoPackageError) {
                try db.execute("COMMIT")
            } catch {
                abandon()
                throw error.replacingPath(temp, with: path)
            }
            db.close()
            finished = true
            defer { InterruptCleanup.unregister(temp) }
            if let failure = space?.finish() {
                try? FileManager.default.removeItem(atPath: temp)
                throw .writeFailed(path: path, reason: String(cString: strerror(failure)))
            }
            let moved = FileReplacement.moveIntoPlace(temp, at: path)
            if moved != 0 {
                let reason = String(cString: strerror(moved))
                try? FileManager.default.removeItem(atPath: temp)
                throw .writeFailed(path: path, reason: reason)
            }
        }

        /// Closes and removes the unfinished file.
        func abandon() {
            guard !finished else { return }
            finished = true
            insert = nil
            insertMany = nil
            db.close()
            try? FileManager.default.removeItem(atPath: temp)
            InterruptCleanup.unregister(temp)
        }

        private func writeContents(_ layer: GeoPackageLayer, extent: BoundingBox, hasZ: Bool, hasM: Bool) throws(GeoPackageError) {
            let g = layer.geometryColumn.isEmpty ? "geom" : layer.geometryColumn
            let typeName = layer.geometryTypeName.isEmpty ? "GEOMETRY" : layer.geometryTypeName.uppercased()
            let srs = layer.spatialReference.srsID
            let contents = try db.prepare("""
                INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id)
                VALUES (?1, 'features', ?1, '', ?2, ?3, ?4, ?5, ?6, ?7)
                """)
            try contents.bind(1, .text(layer.name))
            try contents.bind(2, .text(lastChange))
            for (i, v) in [extent.minX, extent.minY, extent.maxX, extent.maxY].enumerated() {
                try contents.bind(Int32(i + 3), extent.isEmpty ? .null : .real(v))
            }
            try contents.bind(7, .integer(Int64(srs)))
            _ = try contents.step()
            let columns = try db.prepare("""
                INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                """)
            try columns.bind(1, .text(layer.name))
            try columns.bind(2, .text(g))
            try columns.bind(3, .text(typeName))
            try columns.bind(4, .integer(Int64(srs)))
            try columns.bind(5, .integer(hasZ ? 2 : 0))
            try columns.bind(6, .integer(hasM ? 2 : 0))
            _ = try columns.step()
        }
    }

    /// Attribute names must differ from each other ignoring case (as SQLite compares them) and
    /// from the `fid` and geometry columns.
    private static func checkColumnNames(_ layer: GeoPackageLayer, path: String) throws(GeoPackageError) {
        let g = layer.geometryColumn.isEmpty ? "geom" : layer.geometryColumn
        var seen: [String: String] = ["fid": "fid", g.lowercased(): g]
        for column in layer.columns {
            if let earlier = seen[column.name.lowercased()] {
                let what = earlier == "fid" ? "the feature id column" : earlier == g ? "the geometry column" : "column \(earlier)"
                throw .invalidTable(path: path, table: layer.name,
                                    reason: "column \(column.name) has the name of \(what) (names are compared ignoring case)")
            }
            seen[column.name.lowercased()] = column.name
        }
    }

    /// The `gpkg_data_columns` rows of a layer's columns that declare a MIME type (JSON columns).
    private static func writeDataColumns(_ layer: GeoPackageLayer, _ db: GeoPackageConnection) throws(GeoPackageError) {
        let insert = try db.prepare("""
            INSERT INTO gpkg_data_columns (table_name, column_name, mime_type) VALUES (?1, ?2, ?3)
            """)
        for column in layer.columns {
            guard let mime = column.mimeType else { continue }
            insert.reset()
            try insert.bind(1, .text(layer.name))
            try insert.bind(2, .text(column.name))
            try insert.bind(3, .text(mime))
            _ = try insert.step()
        }
    }

    private static func insertSpatialReferences(_ references: [GeoPackageSpatialReference], _ db: GeoPackageConnection) throws(GeoPackageError) {
        var refs: [Int32: GeoPackageSpatialReference] = [:]
        for r in [GeoPackageSpatialReference.wgs84, .undefinedCartesian, .undefinedGeographic] { refs[r.srsID] = r }
        for r in references { refs[r.srsID] = r }
        let stmt = try db.prepare("""
            INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition)
            VALUES (?1, ?2, ?3, ?4, ?5)
            """)
        for id in refs.keys.sorted() {
            guard let r = refs[id] else { continue }
            stmt.reset()
            try stmt.bind(1, .text(r.name))
            try stmt.bind(2, .integer(Int64(r.srsID)))
            try stmt.bind(3, .text(r.organization))
            try stmt.bind(4, .integer(Int64(r.organizationCode)))
            try stmt.bind(5, .text(r.definition))
            _ = try stmt.step()
        }
    }

    private static func writeRTree(table: String, column: String, boxes: [(Int64, BoundingBox)],
                                   _ db: GeoPackageConnection) throws(GeoPackageError) {
        let rtree = "rtree_\(table)_\(column)"
        try db.execute("CREATE VIRTUAL TABLE \(quoted(rtree)) USING rtree(id, minx, maxx, miny, maxy)")
        // Packed in one pass (what GDAL does for a new file) rather than inserted row by row.
        try SQLiteRTreeBulkLoad.load(boxes.map { (id: $0.0, box: $0.1) }, into: rtree, db)
        let ext = try db.prepare("""
            INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope)
            VALUES (?1, ?2, 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')
            """)
        try ext.bind(1, .text(table))
        try ext.bind(2, .text(column))
        _ = try ext.step()
        try db.execute(GeoPackageSchema.rtreeTriggers(table: table, column: column, idColumn: "fid"))
    }
}
