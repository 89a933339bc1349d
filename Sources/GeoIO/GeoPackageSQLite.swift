internal import CSQLite
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One SQLite connection, owned by one GeoPackage reader or writer and used by one thread.
final class GeoPackageConnection {
    let path: String
    private var db: OpaquePointer?

    /// Before the process's first connection: SQLite's memory statistics off (each row written
    /// took and released a global mutex several times: 5 % of a GeoPackage writer's time). Where
    /// SQLite was already in use, it stays as it was.
    private static let configured: Void = { _ = gt_sqlite_memstatus_off() }()

    /// Opens `path` read-only (an existing file) or read-write, creating it.
    init(path: String, create: Bool) throws(GeoPackageError) {
        self.path = path
        Self.configured
        let flags = create ? (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) : SQLITE_OPEN_READONLY
        var handle: OpaquePointer?
        let rc = sqlite3_open_v2(path, &handle, flags | SQLITE_OPEN_NOMUTEX, nil)
        if rc != SQLITE_OK {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(handle)
            if rc & 0xFF == SQLITE_NOTADB { throw .notSQLite(path: path, message: message) }
            throw .sqlite(path: path, code: rc, message: message)
        }
        db = handle
    }

    /// Opens a read-only in-memory copy of a whole database file's bytes; `name` stands for the
    /// file in messages. A database in WAL mode is read as in rollback mode (the copy has no
    /// `-wal` file beside it, so its header's version bytes 18-19 are set back to 1).
    init(bytes: UnsafeRawBufferPointer, name: String) throws(GeoPackageError) {
        self.path = name
        Self.configured
        var handle: OpaquePointer?
        let rc = sqlite3_open_v2(":memory:", &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let handle else {
            sqlite3_close(handle)
            throw .sqlite(path: name, code: rc, message: "cannot open an in-memory database")
        }
        // SQLite takes ownership of a buffer from its own allocator (freed on close).
        let count = bytes.count
        guard let copy = sqlite3_malloc64(sqlite3_uint64(max(count, 1))) else {
            sqlite3_close(handle)
            throw .sqlite(path: name, code: SQLITE_NOMEM, message: "out of memory")
        }
        if count > 0, let base = bytes.baseAddress { copy.copyMemory(from: base, byteCount: count) }
        let header = copy.assumingMemoryBound(to: UInt8.self)
        if count >= 20, header[18] == 2, header[19] == 2 {
            header[18] = 1
            header[19] = 1
        }
        let flags = UInt32(SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY)
        let drc = sqlite3_deserialize(handle, "main", header, sqlite3_int64(count), sqlite3_int64(count), flags)
        if drc != SQLITE_OK {
            let message = String(cString: sqlite3_errmsg(handle))
            sqlite3_close(handle)
            throw .notSQLite(path: name, message: message)
        }
        db = handle
    }

    deinit { sqlite3_close(db) }

    /// Closes the connection now (a writer closes before renaming its file).
    func close() {
        sqlite3_close(db)
        db = nil
    }

    /// The error for the last failed call, `notSQLite` when the file is not a database.
    func error(_ rc: Int32) -> GeoPackageError {
        let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "closed"
        let code = db.map { sqlite3_extended_errcode($0) } ?? rc
        if rc & 0xFF == SQLITE_NOTADB { return .notSQLite(path: path, message: message) }
        return .sqlite(path: path, code: code, message: message)
    }

    /// Runs statements that return no rows.
    func execute(_ sql: String) throws(GeoPackageError) {
        let rc = sqlite3_exec(db, sql, nil, nil, nil)
        if rc != SQLITE_OK { throw error(rc) }
    }

    /// Prepares one statement.
    func prepare(_ sql: String) throws(GeoPackageError) -> GeoPackageStatement {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v2(db, sql, -1, &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw error(rc) }
        return GeoPackageStatement(stmt, connection: self)
    }

    /// The most parameters a statement may have (`SQLITE_LIMIT_VARIABLE_NUMBER`).
    var variableLimit: Int32 { db.map { sqlite3_limit($0, SQLITE_LIMIT_VARIABLE_NUMBER, -1) } ?? 999 }

    /// The first column of the first row of `sql` as an integer, or nil when there is no row.
    func scalarInt(_ sql: String) throws(GeoPackageError) -> Int64? {
        let stmt = try prepare(sql)
        guard try stmt.step() else { return nil }
        return stmt.int(0)
    }

    /// True when a table, view or virtual table named `name` exists (case-insensitive, as SQLite).
    func tableExists(_ name: String) throws(GeoPackageError) -> Bool {
        let stmt = try prepare("SELECT 1 FROM sqlite_master WHERE type IN ('table','view') AND name = ?1 COLLATE NOCASE")
        try stmt.bind(1, .text(name))
        return try stmt.step()
    }
}

/// The storage class of a value in a result row.
enum GeoPackageStorageClass {
    case integer, real, text, blob, null
}

/// A prepared statement; finalised when released.
final class GeoPackageStatement {
    private let stmt: OpaquePointer
    private let connection: GeoPackageConnection

    init(_ stmt: OpaquePointer, connection: GeoPackageConnection) {
        self.stmt = stmt
        self.connection = connection
    }

    deinit { sqlite3_finalize(stmt) }

    /// Advances to the next row; false when done.
    func step() throws(GeoPackageError) -> Bool {
        let rc = sqlite3_step(stmt)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw connection.error(rc)
    }

    /// Resets the statement for new bindings.
    func reset() {
        sqlite3_reset(stmt)
        sqlite3_clear_bindings(stmt)
    }

    /// Binds parameter `index` (1-based).
    func bind(_ index: Int32, _ value: GeoPackageValue) throws(GeoPackageError) {
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        let rc: Int32
        switch value {
        case .null: rc = sqlite3_bind_null(stmt, index)
        case .integer(let i): rc = sqlite3_bind_int64(stmt, index, i)
        case .real(let d): rc = sqlite3_bind_double(stmt, index, d)
        case .text(let s):
            // Bound with its byte length, so text holding NUL characters is kept whole.
            var s = s
            rc = s.withUTF8 { b in
                b.withMemoryRebound(to: CChar.self) { c in
                    guard let base = c.baseAddress else { return sqlite3_bind_text(stmt, index, "", 0, transient) }
                    return sqlite3_bind_text(stmt, index, base, Int32(clamping: c.count), transient)
                }
            }
        case .blob(let b):
            rc = b.withUnsafeBytes { raw in
                sqlite3_bind_blob(stmt, index, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(raw.count), transient)
            }
        }
        if rc != SQLITE_OK { throw connection.error(rc) }
    }

    /// Binds each of `blobs` (a parameter and its bytes) in place, without the copy
    /// ``bind(_:_:)`` makes of a blob, and steps: the bindings last only while this call runs
    /// (the statement is reset before it returns). For blobs written once, as rows' geometries are.
    func step(bindingBlobs blobs: [(index: Int32, bytes: [UInt8])]) throws(GeoPackageError) -> Bool {
        // Each blob's bytes are reachable only inside its own closure: one inside another.
        func bind(from k: Int) -> Result<Bool, GeoPackageError> {
            guard k < blobs.count else {
                defer { sqlite3_reset(stmt) }
                do throws(GeoPackageError) { return .success(try step()) } catch { return .failure(error) }
            }
            return blobs[k].bytes.withUnsafeBytes { raw -> Result<Bool, GeoPackageError> in
                // A nil destructor is SQLITE_STATIC: SQLite reads the bytes where they are.
                let rc = sqlite3_bind_blob(stmt, blobs[k].index, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(raw.count), nil)
                if rc != SQLITE_OK { return .failure(connection.error(rc)) }
                defer { sqlite3_bind_null(stmt, blobs[k].index) }
                return bind(from: k + 1)
            }
        }
        return try bind(from: 0).get()
    }

    /// The number of result columns.
    var columnCount: Int32 { sqlite3_column_count(stmt) }

    /// The storage class of column `i` in the current row.
    func storageClass(_ i: Int32) -> GeoPackageStorageClass {
        switch sqlite3_column_type(stmt, i) {
        case SQLITE_INTEGER: .integer
        case SQLITE_FLOAT: .real
        case SQLITE_TEXT: .text
        case SQLITE_BLOB: .blob
        default: .null
        }
    }

    func int(_ i: Int32) -> Int64 { sqlite3_column_int64(stmt, i) }
    func double(_ i: Int32) -> Double { sqlite3_column_double(stmt, i) }

    /// Column `i` as text (all of its bytes, NUL characters included), or nil when NULL.
    func text(_ i: Int32) -> String? {
        guard let p = sqlite3_column_text(stmt, i) else { return nil }
        let n = Int(sqlite3_column_bytes(stmt, i))
        return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }

    /// Column `i` as a nullable double.
    func optionalDouble(_ i: Int32) -> Double? { storageClass(i) == .null ? nil : double(i) }

    /// Calls `body` with the bytes of blob column `i` (empty for a zero-length blob).
    func withBlob<R, E: Error>(_ i: Int32, _ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        let p = sqlite3_column_blob(stmt, i)
        let n = Int(sqlite3_column_bytes(stmt, i))
        return try body(UnsafeRawBufferPointer(start: n > 0 ? p : nil, count: n))
    }

    /// Column `i` as a ``GeoPackageValue`` by its storage class.
    func value(_ i: Int32) -> GeoPackageValue {
        switch storageClass(i) {
        case .integer: .integer(int(i))
        case .real: .real(double(i))
        case .text: .text(text(i) ?? "")
        case .blob: .blob(withBlob(i) { [UInt8]($0) })
        case .null: .null
        }
    }
}
