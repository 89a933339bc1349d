/// The `postgis` suite: points and a layer loaded into PostGIS and read back, given a
/// `postgresql://` URL with `--layer`.
///
/// This build of GeoTwin has no PostGIS support, so the suite reports itself skipped; a build
/// with PostGIS support provides ``PostGISSuite/runner`` and the suite runs it.
public enum PostGISSuite {
    /// The suite's body in a build with PostGIS support (nil here).
    nonisolated(unsafe) public static var runner: ((BenchOptions) throws -> SuiteResult)?

    /// Runs the suite, or reports why it was skipped.
    public static func run(_ options: BenchOptions) throws -> SuiteResult {
        guard let runner else { return .skipped("postgis", "skipped: built without PostGIS support") }
        guard let url = options.layer, url.hasPrefix("postgresql://") else {
            return .skipped("postgis", "skipped: needs a database, --layer postgresql://user@host/db")
        }
        return try runner(options)
    }
}
