#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoRender
import SmartCity

/// The `render` suite: two SVG maps of the library, drawn to files from korea.gpkg: the national
/// platform coverage map (``CoverageMap/national(atlas:rollout:scenario:strategy:method:year:width:)``)
/// and the population choropleth (``KoreaMaps/population(geodata:classes:width:)``), 1200 px wide
/// (600 with `--quick`). Each file must be well-formed XML with an `svg` root. Its peer
/// (geopandas + matplotlib, the population map) runs out of process.
public enum RenderSuite {
    /// Runs the suite.
    public static func run(_ options: BenchOptions) throws -> SuiteResult {
        let width = Double(options.size(full: 1200, quick: 600))
        let folder = try GeodataLocation.resolve(explicit: options.geodata)
        let atlas = KoreaAtlas(geodata: folder)
        var result = SuiteResult(suite: "render", data: "korea.gpkg maps at \(Int(width)) px", runs: options.runs, seed: options.seed)
        let work = try options.makeWorkFolder("render")
        defer { try? FileManager.default.removeItem(at: work) }
        let maps: [(String, () throws -> Map)] = [
            ("coverage map", { try CoverageMap.national(atlas: atlas, width: width) }),
            ("population map", { try KoreaMaps.population(geodata: atlas.file, width: width) }),
        ]
        for (name, make) in maps where !options.onlyPeerMeasures || name == "population map" {
            let path = work.appendingPathComponent(name.replacingAll(" ", with: "-") + ".svg").path
            options.progress("render: \(name)")
            var failure: Error?
            var summary: RenderSummary?
            result.measures.append(try options.timer.measure(name, geotwin: {
                do { summary = try KoreaMaps.render(try make(), to: path) } catch { failure = error }
            }))
            if let failure { throw failure }
            let problem = XMLWellFormedness.problem(inFileAt: path)
            result.checks.append(BenchCheck("\(name): well-formed SVG (\(summary?.bytes ?? 0) bytes, \(summary?.featuresDrawn ?? 0) features)",
                                            geotwin: problem ?? "well-formed", against: "xmllint", value: "well-formed",
                                            agrees: problem == nil))
        }
        result.settleChecks()
        return result
    }
}
