#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Runs suites by name and turns a failure to set up into an error result, so one broken suite
/// does not stop `geotwin bench all`.
public enum BenchRunner {
    /// Runs `suite` with `options`; a thrown error becomes a result with status `error`.
    public static func run(_ suite: BenchSuite, _ options: BenchOptions) -> SuiteResult {
        options.progress("\(suite.rawValue): start")
        do {
            switch suite {
            case .rtree: return try RTreeSuite.run(options)
            case .locate: return try LocateSuite.run(options)
            case .transform: return try TransformSuite.run(options)
            case .geojson: return try GeoJSONSuite.run(options)
            case .io: return try IOSuite.run(options)
            case .zonal: return try ZonalSuite.run(options)
            case .render: return try RenderSuite.run(options)
            case .postgis: return try PostGISSuite.run(options)
            }
        } catch {
            return SuiteResult(suite: suite.rawValue, status: .error, reason: "\(error)", runs: options.runs, seed: options.seed)
        }
    }
}
