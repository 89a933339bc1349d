#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An error reading or writing a GeoPackage: what went wrong, in which file, and where inside it
/// (table, row `fid`, column) when that is known. Reading never traps on a malformed file.
public enum GeoPackageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No file exists at `path`.
    case fileNotFound(path: String)
    /// The file exists but SQLite cannot read it as a database (`message` is SQLite's).
    case notSQLite(path: String, message: String)
    /// The database is not a GeoPackage: wrong `application_id` (shown as four characters).
    case notGeoPackage(path: String, applicationID: String)
    /// A table the GeoPackage standard requires (or one that `gpkg_contents` or
    /// `gpkg_geometry_columns` names) is not in the file.
    case missingTable(path: String, table: String)
    /// A layer that `gpkg_contents` does not list.
    case unknownLayer(path: String, layer: String)
    /// A table whose schema GeoTwin cannot use (e.g. a feature table without an integer primary key).
    case invalidTable(path: String, table: String, reason: String)
    /// A geometry blob that is not a valid GeoPackage binary (bad magic, truncated header, ...).
    case invalidGeometry(path: String, table: String, fid: Int64, column: String, reason: String)
    /// The WKB inside a geometry blob is malformed; `error` says what and at which byte of the WKB.
    case invalidWKB(path: String, table: String, fid: Int64, column: String, error: GeoIOError)
    /// A property value the writer cannot store in a column (a non-finite number inside an array or object).
    case unsupportedValue(table: String, row: Int, column: String, kind: String)
    /// Any other SQLite failure; `code` is SQLite's result code and `message` its text (shown
    /// only after a message in plain words, as `(SQLite: ...)`).
    case sqlite(path: String, code: Int32, message: String)
    /// An SQLite failure while reading or writing the rows of a table; `place` says where
    /// (`fid 12`, `the row after fid 11`), `code` is SQLite's result code and `message` its text.
    case sqliteInTable(path: String, table: String, place: String, code: Int32, message: String)
    /// The file could not be written or moved into place; the previous file (if any) is untouched.
    case writeFailed(path: String, reason: String)

    /// A one-line message naming the file and the place inside it.
    public var description: String {
        switch self {
        case .fileNotFound(let p): "\(p): no such file"
        case .notSQLite(let p, let m): "\(p): not a GeoPackage: the file is not an SQLite database, or is encrypted (SQLite: \(m))"
        case .notGeoPackage(let p, let id): "\(p): not a GeoPackage (application_id '\(id)')"
        case .missingTable(let p, let t): "\(p): table \(t) is missing"
        case .unknownLayer(let p, let l): "\(p): no layer named \(l) in gpkg_contents"
        case .invalidTable(let p, let t, let r): "\(p): table \(t): \(r)"
        case .invalidGeometry(let p, let t, let fid, let c, let r): "\(p): table \(t), fid \(fid), column \(c): \(r)"
        case .invalidWKB(let p, let t, let fid, let c, let e): "\(p): table \(t), fid \(fid), column \(c): WKB \(e)"
        case .unsupportedValue(let t, let row, let c, let k): "table \(t), row \(row), column \(c): cannot store a \(k) value"
        case .sqlite(let p, let code, let m): "\(p): \(Self.sqliteWords(code: code, message: m)) (SQLite: \(m))"
        case .sqliteInTable(let p, let t, let place, let code, let m):
            "\(p): table \(t), \(place): \(Self.sqliteWords(code: code, message: m)) (SQLite: \(m))"
        case .writeFailed(let p, let r): "\(p): cannot write: \(r)"
        }
    }
}

extension GeoPackageError {
    /// The same error naming `path` where it named `old` (a writer's temporary file).
    func replacingPath(_ old: String, with path: String) -> GeoPackageError {
        func p(_ q: String) -> String { q == old ? path : q }
        switch self {
        case .fileNotFound(let q): return .fileNotFound(path: p(q))
        case .notSQLite(let q, let m): return .notSQLite(path: p(q), message: m.replacingAll(old, with: path))
        case .notGeoPackage(let q, let id): return .notGeoPackage(path: p(q), applicationID: id)
        case .missingTable(let q, let t): return .missingTable(path: p(q), table: t)
        case .unknownLayer(let q, let l): return .unknownLayer(path: p(q), layer: l)
        case .invalidTable(let q, let t, let r): return .invalidTable(path: p(q), table: t, reason: r)
        case .invalidGeometry(let q, let t, let f, let c, let r): return .invalidGeometry(path: p(q), table: t, fid: f, column: c, reason: r)
        case .invalidWKB(let q, let t, let f, let c, let e): return .invalidWKB(path: p(q), table: t, fid: f, column: c, error: e)
        case .unsupportedValue: return self
        case .sqlite(let q, let code, let m): return .sqlite(path: p(q), code: code, message: m.replacingAll(old, with: path))
        case .sqliteInTable(let q, let t, let place, let code, let m):
            return .sqliteInTable(path: p(q), table: t, place: place, code: code, message: m.replacingAll(old, with: path))
        case .writeFailed(let q, let r): return .writeFailed(path: p(q), reason: r)
        }
    }
}

extension GeoPackageError {
    /// The same error placed in `table` at `place` when it is a bare SQLite failure (other errors
    /// already name their place).
    func inTable(_ table: String, _ place: String) -> GeoPackageError {
        if case .sqlite(let p, let code, let m) = self {
            return .sqliteInTable(path: p, table: table, place: place, code: code, message: m)
        }
        return self
    }

    /// SQLite's failure in a user's words, by its result code (primary code in the low byte) and,
    /// where the code is generic, by the kind of message.
    static func sqliteWords(code: Int32, message: String) -> String {
        func after(_ prefix: String) -> String? {
            message.hasPrefix(prefix) ? String(message.dropFirst(prefix.count)) : nil
        }
        switch code & 0xFF {
        case 26: return "the file is not an SQLite database, or is encrypted"
        case 11: return "the file is damaged: SQLite found malformed pages (a truncated or corrupted copy?)"
        case 13: return "the disk is full"
        case 8: return "the file cannot be written (read-only file, folder or file system)"
        case 14: return "the file cannot be opened (missing folder or no permission?)"
        case 10: return "the file could not be read or written (input/output error)"
        case 7: return "out of memory"
        case 5, 6: return "the database is locked by another program"
        case 23: return "access to the file was denied"
        case 19:
            if let columns = after("UNIQUE constraint failed: ") {
                return "two rows have the same value in \(columns), which must be unique"
            }
            if let columns = after("NOT NULL constraint failed: ") { return "\(columns) must have a value" }
            if let rule = after("CHECK constraint failed: ") { return "a value breaks the column rule \(rule)" }
            return "a row breaks a rule of its table"
        default:
            if let table = after("no such table: ") { return "table \(table) is missing" }
            if let column = after("no such column: ") { return "column \(column) is missing" }
            return "the database could not be used as a GeoPackage"
        }
    }
}
