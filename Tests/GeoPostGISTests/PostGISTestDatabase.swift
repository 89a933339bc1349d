import Foundation
import GeoIO
@testable import GeoPostGIS
import Testing

/// The database the PostGIS tests use: the one `Tests/postgis/with-postgis.sh` (run by
/// `make test`) starts, named by GEOTWIN_TEST_POSTGIS.
///
/// The tests are skipped, with a message, only when the PostgreSQL 15 server is not installed
/// and GEOTWIN_REQUIRE_POSTGIS is unset; otherwise a missing database fails them.
enum PostGISTestDatabase {
    static let environment = ProcessInfo.processInfo.environment

    /// The URL of the test database, when one was started.
    static let url: String? = environment["GEOTWIN_TEST_POSTGIS"].flatMap { $0.isEmpty ? nil : $0 }

    /// The URL of a role that authenticates by password (with its password).
    static let passwordRoleURL: String? = environment["GEOTWIN_TEST_POSTGIS_PASSWORD_ROLE"].flatMap { $0.isEmpty ? nil : $0 }

    static let serverInstalled = FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/15/bin/initdb")
    static let required = (environment["GEOTWIN_REQUIRE_POSTGIS"] ?? "").isEmpty == false

    /// True unless the tests are to be skipped.
    static let enabled = url != nil || serverInstalled || required

    static let skipMessage: Comment = """
        PostGIS tests skipped: PostgreSQL 15 server not installed (make setup installs postgresql-15-postgis-3) \
        and GEOTWIN_REQUIRE_POSTGIS unset
        """

    /// The test database URL, or a recorded failure saying how to start one.
    static func require() throws -> String {
        try #require(url, "no test database: run the tests under Tests/postgis/with-postgis.sh (make test does)")
    }

    /// `base` naming `table` (and more parameters).
    static func location(_ base: String, table: String, _ more: String = "") -> String {
        let encoded = table.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? table
        return base + (base.contains("?") ? "&" : "?") + "table=" + encoded + more
    }

    /// A table name unique to this run and `stem`.
    static func tableName(_ stem: String) -> String { "t_\(stem)_\(UInt32.random(in: 0...UInt32.max))" }

    /// Runs SQL directly (checks only) and returns the rows as text.
    static func query(_ sql: String, _ parameters: [String?] = []) throws -> [[String?]] {
        let connection = try PGConnection(PostGISLocation(try require()))
        return try connection.strings(sql, parameters, what: "test query")
    }
}
