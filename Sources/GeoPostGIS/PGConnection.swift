import CLibPQ
internal import CLibraryLoader
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
import GeoIO

/// One libpq connection, owned by one thread. Statements take their values as bound parameters
/// (text format) and identifiers through ``PG/quote(_:)``; nothing from a location or a feature
/// is spliced into SQL text.
final class PGConnection {
    let connection: OpaquePointer
    let location: PostGISLocation

    /// Connects to `location` (libpq's URI, environment, `.pgpass` and service files).
    /// - Throws: `GeoDataError/provider(location:reason:)` naming host and port.
    init(_ location: PostGISLocation) throws(GeoDataError) {
        self.location = location
        var message: UnsafePointer<CChar>?
        guard geotwin_load_libpq(&message) != 0 else {
            throw .provider(location: location.redacted, reason: message.map { String(cString: $0) } ?? "libpq is not available")
        }
        guard let connection = PQconnectdb(location.connectionURI) else {
            throw .provider(location: location.redacted, reason: "cannot connect: out of memory")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let host = Self.string(PQhost(connection)) ?? ""
            let port = Self.string(PQport(connection)) ?? ""
            let message = Self.oneLine(Self.string(PQerrorMessage(connection)) ?? "")
            PQfinish(connection)
            let place = host.isEmpty ? "the server" : host.hasPrefix("/") ? "\(host) (socket) port \(port)" : "\(host):\(port)"
            throw .provider(location: location.redacted, reason: location.scrub("cannot connect to \(place): \(message)"))
        }
        self.connection = connection
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
    }

    deinit { PQfinish(connection) }

    /// The server's host and port, for messages.
    var place: String {
        let host = Self.string(PQhost(connection)) ?? ""
        let port = Self.string(PQport(connection)) ?? ""
        return "\(host):\(port)"
    }

    /// A failure of this connection as a `GeoDataError`.
    func failure(_ what: String, _ detail: String? = nil) -> GeoDataError {
        let message = detail ?? Self.oneLine(Self.string(PQerrorMessage(connection)) ?? "")
        return .provider(location: location.redacted, reason: location.scrub("\(what): \(message)"))
    }

    /// Runs `sql` with `parameters` (text values, nil for NULL) and returns the result; a binary
    /// result when `binary`.
    @discardableResult
    func execute(_ sql: String, _ parameters: [String?] = [], binary: Bool = false, what: @autoclosure () -> String) throws(GeoDataError) -> PGResult {
        let result: OpaquePointer? = withCStrings(parameters) { values in
            PQexecParams(connection, sql, Int32(parameters.count), nil, values, nil, nil, binary ? 1 : 0)
        }
        guard let result else { throw failure(what()) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_COPY_IN else {
            let message = Self.oneLine(Self.string(PQresultErrorMessage(result)) ?? "")
            PQclear(result)
            throw failure(what(), message)
        }
        return PGResult(result)
    }

    /// Sends `sql` (no parameters) without waiting for its result, which ``receive(what:)``
    /// collects: the server works on it while the caller does something else.
    func send(_ sql: String, binary: Bool = false, what: @autoclosure () -> String) throws(GeoDataError) {
        guard PQsendQueryParams(connection, sql, 0, nil, nil, nil, nil, binary ? 1 : 0) == 1 else { throw failure(what()) }
    }

    /// The result of the statement ``send(_:binary:what:)`` sent.
    func receive(what: @autoclosure () -> String) throws(GeoDataError) -> PGResult {
        var first: OpaquePointer?
        while let r = PQgetResult(connection) {
            if first == nil { first = r } else { PQclear(r) }
        }
        guard let result = first else { throw failure(what()) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            let message = Self.oneLine(Self.string(PQresultErrorMessage(result)) ?? "")
            PQclear(result)
            throw failure(what(), message)
        }
        return PGResult(result)
    }

    /// Runs `sql` and returns the first column of every row as text.
    func strings(_ sql: String, _ parameters: [String?] = [], what: @autoclosure () -> String) throws(GeoDataError) -> [[String?]] {
        let result = try execute(sql, parameters, what: what())
        return (0..<result.rows).map { r in (0..<result.columns).map { c in result.text(r, c) } }
    }

    /// Streams `bytes` into a running `COPY ... FROM STDIN`.
    func putCopyData(_ bytes: [UInt8]) throws(GeoDataError) {
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { PQputCopyData(connection, $0, Int32(buffer.count)) }
        }
        guard status == 1 else { throw failure("COPY failed") }
    }

    /// Ends a `COPY ... FROM STDIN`: successfully when `error` is nil, else aborting it with `error`.
    func endCopy(error: String? = nil) throws(GeoDataError) {
        let status = if let error { PQputCopyEnd(connection, error) } else { PQputCopyEnd(connection, nil) }
        var failure: GeoDataError? = status == 1 ? nil : self.failure("COPY failed")
        while let result = PQgetResult(connection) {
            if PQresultStatus(result) != PGRES_COMMAND_OK, failure == nil, error == nil {
                failure = self.failure("COPY failed", Self.oneLine(Self.string(PQresultErrorMessage(result)) ?? ""))
            }
            PQclear(result)
        }
        if let failure { throw failure }
    }

    /// Rolls back the open transaction, ignoring errors (the connection may be gone).
    func rollback() {
        if let r = PQexec(connection, "ROLLBACK") { PQclear(r) }
    }

    static func string(_ p: UnsafePointer<CChar>?) -> String? { p.map { String(cString: $0) } }

    static func oneLine(_ s: String) -> String {
        s.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespaces() }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    private func withCStrings<R>(_ values: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        let pointers: [UnsafeMutablePointer<CChar>?] = values.map { $0.map { strdup($0) } ?? nil }
        defer { for p in pointers { free(p) } }
        return body(pointers.map { $0.map { UnsafePointer($0) } })
    }
}

/// A query result, cleared when released.
final class PGResult {
    let result: OpaquePointer
    init(_ result: OpaquePointer) { self.result = result }
    deinit { PQclear(result) }

    var rows: Int { Int(PQntuples(result)) }
    var columns: Int { Int(PQnfields(result)) }

    /// The mean bytes of a row's values, from at most `sample` rows spread over the result (0 for
    /// an empty result): an estimate for sizing the next batch, at a bounded number of calls.
    func bytesPerRow(sample: Int = 64) -> Int {
        let n = Int(PQntuples(result)), fields = PQnfields(result)
        guard n > 0 else { return 0 }
        let step = max(1, n / max(1, sample))
        var total = 0, seen = 0
        for r in stride(from: 0, to: n, by: step) {
            for c in 0..<fields { total += Int(PQgetlength(result, Int32(r), c)) }
            seen += 1
        }
        return total / seen
    }

    func isNull(_ row: Int, _ column: Int) -> Bool { PQgetisnull(result, Int32(row), Int32(column)) == 1 }

    /// A text-format value (or a binary value read as UTF-8).
    func text(_ row: Int, _ column: Int) -> String? {
        guard !isNull(row, column) else { return nil }
        let length = Int(PQgetlength(result, Int32(row), Int32(column)))
        guard let p = PQgetvalue(result, Int32(row), Int32(column)) else { return nil }
        return p.withMemoryRebound(to: UInt8.self, capacity: length) { String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self) }
    }

    /// The raw bytes of a value (binary format), nil for NULL.
    func bytes(_ row: Int, _ column: Int) -> UnsafeRawBufferPointer? {
        guard !isNull(row, column), let p = PQgetvalue(result, Int32(row), Int32(column)) else { return nil }
        return UnsafeRawBufferPointer(start: p, count: Int(PQgetlength(result, Int32(row), Int32(column))))
    }

    /// A binary `int8` value.
    func int64(_ row: Int, _ column: Int) -> Int64? {
        guard let b = bytes(row, column), b.count == 8 else { return nil }
        return Int64(bigEndian: b.loadUnaligned(as: Int64.self))
    }

    /// A binary `float8` value.
    func double(_ row: Int, _ column: Int) -> Double? {
        guard let b = bytes(row, column), b.count == 8 else { return nil }
        return Double(bitPattern: UInt64(bigEndian: b.loadUnaligned(as: UInt64.self)))
    }

    /// A binary `bool` value.
    func bool(_ row: Int, _ column: Int) -> Bool? {
        guard let b = bytes(row, column), b.count == 1 else { return nil }
        return b[0] != 0
    }
}

/// SQL text helpers.
enum PG {
    /// `name` as a quoted identifier: double quotes, inner quotes doubled, NUL refused by callers.
    static func quote(_ name: String) -> String {
        "\"" + name.replacingAll("\"", with: "\"\"") + "\""
    }

    /// `"schema"."table"`.
    static func qualified(_ schema: String, _ table: String) -> String { quote(schema) + "." + quote(table) }

    /// A double as a bound text parameter (shortest round-trip form).
    static func parameter(_ value: Double) -> String { "\(value)" }
}
