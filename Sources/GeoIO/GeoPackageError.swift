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
    /// A property value the writer cannot store in a column (arrays and objects).
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
