import Foundation

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
    /// Any other SQLite failure; `code` is SQLite's result code and `message` its text.
    case sqlite(path: String, code: Int32, message: String)
    /// The file could not be written or moved into place; the previous file (if any) is untouched.
    case writeFailed(path: String, reason: String)

    /// A one-line message naming the file and the place inside it.
    public var description: String {
        switch self {
        case .fileNotFound(let p): "\(p): no such file"
        case .notSQLite(let p, let m): "\(p): not an SQLite database (\(m))"
        case .notGeoPackage(let p, let id): "\(p): not a GeoPackage (application_id '\(id)')"
        case .missingTable(let p, let t): "\(p): table \(t) is missing"
        case .unknownLayer(let p, let l): "\(p): no layer named \(l) in gpkg_contents"
        case .invalidTable(let p, let t, let r): "\(p): table \(t): \(r)"
        case .invalidGeometry(let p, let t, let fid, let c, let r): "\(p): table \(t), fid \(fid), column \(c): \(r)"
        case .invalidWKB(let p, let t, let fid, let c, let e): "\(p): table \(t), fid \(fid), column \(c): WKB \(e)"
        case .unsupportedValue(let t, let row, let c, let k): "table \(t), row \(row), column \(c): cannot store a \(k) value"
        case .sqlite(let p, let code, let m): "\(p): SQLite error \(code): \(m)"
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
        case .notSQLite(let q, let m): return .notSQLite(path: p(q), message: m.replacingOccurrences(of: old, with: path))
        case .notGeoPackage(let q, let id): return .notGeoPackage(path: p(q), applicationID: id)
        case .missingTable(let q, let t): return .missingTable(path: p(q), table: t)
        case .unknownLayer(let q, let l): return .unknownLayer(path: p(q), layer: l)
        case .invalidTable(let q, let t, let r): return .invalidTable(path: p(q), table: t, reason: r)
        case .invalidGeometry(let q, let t, let f, let c, let r): return .invalidGeometry(path: p(q), table: t, fid: f, column: c, reason: r)
        case .invalidWKB(let q, let t, let f, let c, let e): return .invalidWKB(path: p(q), table: t, fid: f, column: c, error: e)
        case .unsupportedValue: return self
        case .sqlite(let q, let code, let m): return .sqlite(path: p(q), code: code, message: m.replacingOccurrences(of: old, with: path))
        case .writeFailed(let q, let r): return .writeFailed(path: p(q), reason: r)
        }
    }
}
