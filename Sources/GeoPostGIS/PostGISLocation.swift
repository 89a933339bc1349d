#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoIO

/// A PostGIS table as a GeoTwin source or sink:
/// `postgresql://[user[:password]@][host][:port][/dbname][?table=NAME&schema=NAME&geometry=COLUMN&...]`
/// (also `postgres://`).
///
/// GeoTwin reads its own three parameters and hands the rest of the URI to libpq unchanged, so
/// every libpq convention applies: `sslmode=`, `application_name=`, several hosts, and the
/// PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE variables, `~/.pgpass` and service files
/// (`?service=NAME`) for whatever the URI leaves out. `connect_timeout` is 10 seconds unless the
/// URI or PGCONNECT_TIMEOUT sets it.
///
/// - `table`: the table (without it a source lists every table of `geometry_columns`, and a
///   sink names each table after its layer).
/// - `schema`: its schema (default: the connection's `current_schema()`).
/// - `geometry`: the geometry column (default: the table's only one; `geom` when writing).
public struct PostGISLocation: Hashable, Sendable, CustomStringConvertible {
    /// The URI as given.
    public let uri: String
    /// The URI libpq connects with: GeoTwin's parameters removed, `connect_timeout` added.
    public let connectionURI: String
    /// The `table` parameter.
    public internal(set) var table: String?
    /// The `schema` parameter.
    public let schema: String?
    /// The `geometry` parameter.
    public let geometryColumn: String?
    /// The password in the URI (user info or `password=`), to mask it in every message.
    let password: String?

    /// The connect timeout GeoTwin sets when neither the URI nor the environment sets one.
    public static let defaultConnectTimeout = 10

    /// The schemes.
    public static let schemes = ["postgresql", "postgres"]

    /// Parses `uri`.
    /// - Throws: `GeoDataError/provider(location:reason:)` for a URI that is not
    ///   `postgresql://` / `postgres://`, or a parameter given twice or empty.
    public init(_ uri: String) throws(GeoDataError) {
        self.uri = uri
        guard let scheme = GeoDataProviders.scheme(of: uri), Self.schemes.contains(scheme) else {
            throw .provider(location: Self.redact(uri, password: nil), reason: "not a postgresql:// URL")
        }
        let fragmentFree = uri.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let parts = fragmentFree.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let base = String(parts[0])
        var kept: [Substring] = []
        var own: [String: String] = [:]
        var password = Self.userInfoPassword(base)
        var hasTimeout = false
        if parts.count > 1 {
            for pair in parts[1].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = (String(kv[0]).percentDecoded ?? String(kv[0])).lowercased()
                let value = kv.count > 1 ? (String(kv[1]).percentDecoded ?? String(kv[1])) : ""
                switch key {
                case "table", "schema", "geometry":
                    guard own[key] == nil else {
                        throw .provider(location: Self.redact(uri, password: password), reason: "the parameter \(key) is given twice")
                    }
                    guard !value.isEmpty else {
                        throw .provider(location: Self.redact(uri, password: password), reason: "the parameter \(key) is empty")
                    }
                    own[key] = value
                default:
                    if key == "password" { password = value }
                    if key == "connect_timeout" { hasTimeout = true }
                    kept.append(pair)
                }
            }
        }
        if !hasTimeout, ProcessInfo.processInfo.environment["PGCONNECT_TIMEOUT"] == nil {
            kept.append("connect_timeout=\(Self.defaultConnectTimeout)")
        }
        connectionURI = kept.isEmpty ? base : base + "?" + kept.joined(separator: "&")
        table = own["table"]
        schema = own["schema"]
        geometryColumn = own["geometry"]
        self.password = password
    }

    /// The URI with its password masked (`user:***@`, `password=***`).
    public var redacted: String { Self.redact(uri, password: password) }

    public var description: String { redacted }

    /// `text` with every occurrence of the password masked (for server and libpq messages).
    func scrub(_ text: String) -> String {
        var out = text
        if let password, password.count >= 1 { out = out.replacingAll(password, with: "***") }
        if let env = ProcessInfo.processInfo.environment["PGPASSWORD"], !env.isEmpty {
            out = out.replacingAll(env, with: "***")
        }
        return out
    }

    /// The same location naming another table.
    func with(table: String) -> PostGISLocation {
        var copy = self
        copy.table = table
        return copy
    }

    static func userInfoPassword(_ base: String) -> String? {
        guard let start = base.firstRange(of: "://") else { return nil }
        let rest = base[start.upperBound...]
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@"),
              let colon = rest[..<at].firstIndex(of: ":") else { return nil }
        let raw = String(rest[rest.index(after: colon)..<at])
        return raw.percentDecoded ?? raw
    }

    /// `uri` with the user-info password and any `password=` value masked.
    static func redact(_ uri: String, password: String?) -> String {
        var out = ""
        // User info.
        if let start = uri.firstRange(of: "://") {
            let rest = uri[start.upperBound...]
            let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
            if let at = rest[..<authorityEnd].lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") {
                out = String(uri[..<rest.index(after: colon)]) + "***" + String(uri[at...])
            } else {
                out = uri
            }
        } else {
            out = uri
        }
        // Query parameters.
        let parts = out.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count > 1 {
            let pairs = parts[1].split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = (String(kv[0]).percentDecoded ?? String(kv[0])).lowercased()
                return key == "password" ? String(kv[0]) + "=***" : String(pair)
            }
            out = String(parts[0]) + "?" + pairs.joined(separator: "&")
        }
        if let password, !password.isEmpty { out = out.replacingAll(password, with: "***") }
        return out
    }
}
