import Foundation
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
                             lastChange: String = "2023-09-15T00:00:00.000Z") throws(GeoPackageError) {
        var seen = Set<String>()
        for layer in layers where !seen.insert(layer.name.lowercased()).inserted {
            throw .invalidTable(path: path, table: layer.name, reason: "duplicate layer name")
        }
        for layer in layers { try checkColumnNames(layer, path: path) }
        let target = URL(fileURLWithPath: path)
        let directory = target.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .writeFailed(path: path, reason: "directory \(directory.path) does not exist")
        }
        let temp = directory.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp").path
        InterruptCleanup.register(temp)
        defer { InterruptCleanup.unregister(temp) }
        do throws(GeoPackageError) {
            let db = try GeoPackageConnection(path: temp, create: true)
            try db.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA application_id = \(0x4750_4B47); PRAGMA user_version = 10300;")
            try db.execute("BEGIN")
            try db.execute(GeoPackageSchema.core)
            try insertSpatialReferences(layers, db)
            let dataColumns = layers.contains { $0.columns.contains { $0.mimeType != nil } }
            if (spatialIndex && !layers.isEmpty) || dataColumns { try db.execute(GeoPackageSchema.extensions) }
            if dataColumns { try db.execute(GeoPackageSchema.dataColumns) }
            for layer in layers {
                try writeLayer(layer, db, path: path, spatialIndex: spatialIndex, lastChange: lastChange)
                if dataColumns { try writeDataColumns(layer, db) }
            }
            try db.execute("COMMIT")
            db.close()
        } catch {
            try? FileManager.default.removeItem(atPath: temp)
            // Name the file the caller asked for, never the temporary one.
            throw error.replacingPath(temp, with: path)
        }
        if rename(temp, path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temp)
            throw .writeFailed(path: path, reason: reason)
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

    private static func insertSpatialReferences(_ layers: [GeoPackageLayer], _ db: GeoPackageConnection) throws(GeoPackageError) {
        var refs: [Int32: GeoPackageSpatialReference] = [:]
        for r in [GeoPackageSpatialReference.wgs84, .undefinedCartesian, .undefinedGeographic] { refs[r.srsID] = r }
        for layer in layers { refs[layer.spatialReference.srsID] = layer.spatialReference }
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

    private static func writeLayer(_ layer: GeoPackageLayer, _ db: GeoPackageConnection, path: String,
                                   spatialIndex: Bool, lastChange: String) throws(GeoPackageError) {
        let t = quoted(layer.name)
        let g = layer.geometryColumn.isEmpty ? "geom" : layer.geometryColumn
        let typeName = layer.geometryTypeName.isEmpty ? "GEOMETRY" : layer.geometryTypeName.uppercased()
        let columnDefs = layer.columns.map { ", \(quoted($0.name)) \($0.declaredType.isEmpty ? "TEXT" : $0.declaredType)" }.joined()
        try db.execute("CREATE TABLE \(t) (\"fid\" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, \(quoted(g)) \(typeName)\(columnDefs))")
        let placeholders = (0..<layer.columns.count).map { ", ?\($0 + 3)" }.joined()
        let names = layer.columns.map { ", \(quoted($0.name))" }.joined()
        let insert = try db.prepare("INSERT INTO \(t) (\"fid\", \(quoted(g))\(names)) VALUES (?1, ?2\(placeholders))")
        let srs = layer.spatialReference.srsID
        var extent = BoundingBox.empty
        var boxes: [(Int64, BoundingBox)] = []
        for (row, f) in layer.features.enumerated() {
            guard f.values.count == layer.columns.count else {
                throw .invalidTable(path: path, table: layer.name,
                                    reason: "row \(row) has \(f.values.count) values for \(layer.columns.count) columns")
            }
            insert.reset()
            try insert.bind(1, .integer(f.fid))
            if let geometry = f.geometry {
                let box = geometry.boundingBox
                try insert.bind(2, .blob(GeoPackageBinary.encode(geometry, srsID: srs, boundingBox: box)))
                if !box.isEmpty {
                    extent = extent.union(box)
                    boxes.append((f.fid, box))
                }
            } else {
                try insert.bind(2, .null)
            }
            for (i, v) in f.values.enumerated() { try insert.bind(Int32(i + 3), v) }
            do { _ = try insert.step() } catch { throw error.inTable(layer.name, "fid \(f.fid)") }
        }
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
        let hasZ = layer.features.contains { $0.geometry?.hasZ ?? false }
        let hasM = layer.features.contains { $0.geometry?.hasM ?? false }
        try columns.bind(1, .text(layer.name))
        try columns.bind(2, .text(g))
        try columns.bind(3, .text(typeName))
        try columns.bind(4, .integer(Int64(srs)))
        try columns.bind(5, .integer(hasZ ? 2 : 0))
        try columns.bind(6, .integer(hasM ? 2 : 0))
        _ = try columns.step()
        if spatialIndex {
            try writeRTree(table: layer.name, column: g, boxes: boxes, db)
        }
    }

    private static func writeRTree(table: String, column: String, boxes: [(Int64, BoundingBox)],
                                   _ db: GeoPackageConnection) throws(GeoPackageError) {
        let rtree = "rtree_\(table)_\(column)"
        try db.execute("CREATE VIRTUAL TABLE \(quoted(rtree)) USING rtree(id, minx, maxx, miny, maxy)")
        let ins = try db.prepare("INSERT INTO \(quoted(rtree)) VALUES (?1, ?2, ?3, ?4, ?5)")
        for (fid, b) in boxes {
            ins.reset()
            try ins.bind(1, .integer(fid))
            try ins.bind(2, .real(b.minX))
            try ins.bind(3, .real(b.maxX))
            try ins.bind(4, .real(b.minY))
            try ins.bind(5, .real(b.maxY))
            _ = try ins.step()
        }
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
