import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoCore
import GeoBenchSupport

/// `geotwin bench`: GeoTwin against its peers on the same data, one suite or all of them.
/// The suites live in GeoBenchSupport; this file parses and prints.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure GeoTwin against its peers on fixed-seed data (or your own) and check they agree.",
        discussion: """
            Suites: \(suiteNames). `geotwin bench all --peers \
            --report DIR` runs every suite with the out-of-process peers of Benchmarks/peers and writes \
            report.md, report.json and report.svg. Build with `swift build -c release` first.
            """,
        subcommands: [AllBenchCommand.self, RTreeBenchCommand.self, LocateBenchCommand.self, TransformBenchCommand.self,
                      GeoJSONBenchCommand.self, IOBenchCommand.self, ZonalBenchCommand.self, RenderBenchCommand.self,
                      PostGISBenchCommand.self]
    )

    /// The suites' names, comma-separated. Every `geotwin` command builds this configuration
    /// (the parser walks all subcommands), so it is made by a plain loop: mapping through a key
    /// path and the generic `joined` cost every run a quarter of a millisecond of runtime type
    /// lookups.
    private static var suiteNames: String {
        var names = ""
        for suite in BenchSuite.allCases {
            if !names.isEmpty { names += ", " }
            names += suite.rawValue
        }
        return names
    }
}

/// The options every suite takes.
struct BenchDataOptions: ParsableArguments {
    @Option(help: "Runs per measure (alternating GeoTwin / in-process peer pairs); default 5, 3 with --quick.")
    var runs: Int?

    @Option(help: "SplitMix64 seed of the synthetic data.")
    var seed: UInt64 = 42

    @Option(name: [.long, .customLong("count", withSingleDash: false)],
            help: "Size of the synthetic data (points, boxes, raster side, features); each suite has its default.")
    var size: Int?

    @Flag(help: "Small sizes: a smoke run in seconds.")
    var quick = false

    @Option(help: "A CSV of points (lat,lon or x,y header) replacing the synthetic points (locate, transform).")
    var points: String?

    @Option(help: "A layer file (GeoJSON, WKB stream, GeoPackage) replacing the Korean layers, or a postgresql:// URL (postgis).")
    var layer: String?

    @Option(help: "A raster file (GeoTIFF, ASCII grid) replacing the synthetic raster (zonal).")
    var raster: String?

    @Option(help: "The Geodata folder (or its korea.gpkg).")
    var geodata: String?

    @Flag(name: [.long, .customLong("no-geos")], help: "Skip the in-process peers.")
    var noPeer = false

    @Flag(help: "Measure the CPU time of this thread instead of wall time (steadier on a shared machine).")
    var cpuTime = false

    @Option(help: "Folder for temporary files.")
    var workDir: String?

    @Flag(help: .hidden)
    var onlyPeerMeasures = false

    func validate() throws {
        if let runs, runs <= 0 { throw ValidationError("--runs must be positive") }
        if let size, size <= 0 { throw ValidationError("--size must be positive") }
    }

    var options: BenchOptions {
        var options = BenchOptions(runs: runs, seed: seed, size: size, quick: quick, cpuTime: cpuTime, pointsFile: points,
                                   layer: layer, rasterFile: raster, geodata: geodata, noPeer: noPeer, workDirectory: workDir,
                                   progress: { line in StandardStreams.writeError(("bench " + line + "\n")) })
        options.onlyPeerMeasures = onlyPeerMeasures
        return options
    }

    /// The arguments that give a child `geotwin bench` and a peer the same data.
    var dataArguments: [String] {
        var args = ["--seed", String(seed)]
        if let size { args += ["--size", String(size)] }
        if quick { args.append("--quick") }
        if let points { args += ["--points", points] }
        if let layer { args += ["--layer", layer] }
        if let raster { args += ["--raster", raster] }
        if let geodata { args += ["--geodata", geodata] }
        return args
    }
}

/// Output and report options.
struct BenchOutputOptions: ParsableArguments {
    @Flag(help: "Print JSON instead of a table (one suite: its result; several: the whole report).")
    var json = false

    @Flag(help: "Also run the out-of-process peers of Benchmarks/peers (Python, node), alternating with GeoTwin.")
    var peers = false

    @Option(help: "Alternating pairs per out-of-process peer (at least 5).")
    var pairs = 5

    @Option(help: "Write report.md, report.json and report.svg (the ratio chart) to this folder.")
    var report: String?

    @Option(help: "Also write the Markdown report to this file (e.g. BENCHMARKS.md).")
    var markdown: String?

    @Option(help: "An earlier report.json: flag every measure that got slower; exit 1 when one did.")
    var compare: String?

    @Option(help: "Slow-down beyond which --compare flags a measure (0.10: 10%).")
    var threshold = 0.10

    @Option(help: "Run nothing: write --report, --markdown and the output from this earlier report.json.")
    var fromReport: String?
}

/// Runs suites, prints them and writes the report; exits 1 on a disagreement or a regression.
enum BenchDriver {
    static func run(_ suites: [BenchSuite], data: BenchDataOptions, output: BenchOutputOptions,
                    body: ((BenchSuite, BenchOptions) throws -> SuiteResult)? = nil) throws {
        let options = data.options
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        let command = (["geotwin"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
        var report = BenchReport(command: command, quick: data.quick)
        var suites = suites
        if let earlier = output.fromReport {
            report = try BenchReport.load(earlier)
            suites = []
        }
        var peerRunner: OutOfProcessPeers?
        if output.peers {
            guard let folder = OutOfProcessPeers.locateBenchmarks(executable: executable) else {
                throw ValidationError("--peers needs the Benchmarks folder of a GeoTwin checkout (Benchmarks/peers/bench_peer.py)")
            }
            peerRunner = OutOfProcessPeers(benchmarks: folder, geotwin: executable, pairs: output.pairs)
        }
        for suite in suites {
            var result: SuiteResult
            do {
                result = try body?(suite, options) ?? BenchRunner.run(suite, options)
            } catch {
                result = SuiteResult(suite: suite.rawValue, status: .error, reason: "\(error)", runs: options.runs, seed: options.seed)
            }
            if let peerRunner, result.status != .skipped {
                let folder = try options.makeWorkFolder("peers")
                defer { try? FileManager.default.removeItem(at: folder) }
                do {
                    let shared = try PeerDataFiles.prepare(suite, options, in: folder)
                    let versions = peerRunner.run(into: &result, suite: suite, arguments: data.dataArguments + shared,
                                                  progress: options.progress)
                    report.peerVersions.merge(versions) { a, _ in a }
                } catch {
                    result.checks.append(BenchCheck("peer data written", geotwin: "\(error)", against: "peers", value: "written", agrees: false))
                    result.settleChecks()
                }
            }
            options.progress("\(suite.rawValue): \(result.status.rawValue)\(result.reason.map { " (\($0))" } ?? "")")
            report.suites.append(result)
        }
        if output.json {
            let data = report.suites.count == 1 ? try jsonData(report.suites[0]) : try report.json()
            StandardStreams.writeOutput(bytes: data)
            print()
        } else {
            print(table(report))
        }
        if let folder = output.report {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let url = URL(fileURLWithPath: folder)
            try report.json().write(to: url.appendingPathComponent("report.json"))
            try BenchChart.write(report, to: url.appendingPathComponent("report.svg").path)
            try Data(report.markdown(chart: "report.svg").utf8).write(to: url.appendingPathComponent("report.md"))
            options.progress("report written to \(url.path)/report.{md,json,svg}")
        }
        if let markdown = output.markdown {
            let chart = output.report.map { chartPath(folder: $0, relativeTo: markdown) }
            let existing = try? String(contentsOfFile: markdown, encoding: .utf8)
            try Data(report.markdown(chart: chart, keepingHistoryOf: existing).utf8).write(to: URL(fileURLWithPath: markdown))
        }
        var failed = report.hasErrors
        if let old = output.compare {
            let regressions = report.regressions(since: try BenchReport.load(old), threshold: output.threshold)
            for r in regressions { StandardStreams.writeError("slower: \(r)\n") }
            if regressions.isEmpty { options.progress("no measure slower than \(old) by more than \(Int(output.threshold * 100))%") }
            failed = failed || !regressions.isEmpty
        }
        if failed { throw ExitCode(1) }
    }

    static func jsonData(_ result: SuiteResult) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(result)
    }

    /// The chart's path as seen from the Markdown file's folder.
    static func chartPath(folder: String, relativeTo markdown: String) -> String {
        let chart = URL(fileURLWithPath: folder).appendingPathComponent("report.svg").standardizedFileURL.path
        let base = URL(fileURLWithPath: markdown).deletingLastPathComponent().standardizedFileURL.path + "/"
        return chart.hasPrefix(base) ? String(chart.dropFirst(base.count)) : chart
    }

    /// A plain-text table of every suite.
    static func table(_ report: BenchReport) -> String {
        var lines: [String] = []
        for suite in report.suites {
            lines.append("\(suite.suite): \(suite.status.rawValue)\(suite.reason.map { " — \($0)" } ?? "")")
            if !suite.data.isEmpty { lines.append("  data: \(suite.data); runs \(suite.runs), seed \(suite.seed)") }
            for m in suite.measures {
                var line = "  " + String(m.name.prefix(34)) + String(repeating: " ", count: max(0, 34 - m.name.count))
                line += String(cFormat: " %12.3f ms", m.geotwin.medianMs)
                if let peer = m.peer, let t = m.peerTiming, let r = m.ratio {
                    line += String(cFormat: "   %12.3f ms  %7.2fx (%.2f–%.2f)  ", t.medianMs, r.median, r.min, r.max) + peer
                }
                if m.scope == .wholeProcess { line += " [whole process]" }
                lines.append(line)
            }
            for c in suite.checks {
                lines.append("  \(c.agrees ? "agree" : "DISAGREE"): \(c.name): GeoTwin \(c.geotwin), \(c.against) \(c.value)")
            }
            for p in suite.skippedPeers { lines.append("  peer \(p.peer) skipped: \(p.reason); install: \(p.install)") }
        }
        return lines.joined(separator: "\n")
    }
}

/// A subcommand running one suite.
protocol SuiteBenchCommand: ParsableCommand {
    static var suite: BenchSuite { get }
    var data: BenchDataOptions { get }
    var output: BenchOutputOptions { get }
}

extension SuiteBenchCommand {
    func run() throws { try BenchDriver.run([Self.suite], data: data, output: output) }
}

/// `geotwin bench all`: every suite, one report.
struct AllBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "all", abstract: "Run every suite (with --peers, the out-of-process peers too) and write one report.")
    @OptionGroup var data: BenchDataOptions
    @OptionGroup var output: BenchOutputOptions

    func run() throws { try BenchDriver.run(BenchSuite.allCases, data: data, output: output) }
}

/// `geotwin bench rtree`.
struct RTreeBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rtree", abstract: BenchSuite.rtree.summary)
    @OptionGroup var data: BenchDataOptions
    @OptionGroup var output: BenchOutputOptions

    @Option(help: "Node size of the PackedRTree (2...65535).")
    var nodeSize = 16

    @Flag(help: "Also measure the dynamic RTree (bulk load, one-by-one insertion, queries).")
    var dynamic = false

    func validate() throws {
        guard (2...65535).contains(nodeSize) else { throw ValidationError("--node-size must be in 2...65535") }
    }

    func run() throws {
        try BenchDriver.run([.rtree], data: data, output: output) { _, options in
            try RTreeSuite.run(options, nodeSize: nodeSize, dynamic: dynamic)
        }
    }
}

/// `geotwin bench locate`.
struct LocateBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "locate", abstract: BenchSuite.locate.summary)
    @OptionGroup var data: BenchDataOptions
    @OptionGroup var output: BenchOutputOptions

    @Option(help: "Layer of korea.gpkg when --layer is not given: sido, sigungu, emd or emd_islets.")
    var gpkgLayer = "sigungu"

    func run() throws {
        try BenchDriver.run([.locate], data: data, output: output) { _, options in
            try LocateSuite.run(options, layerName: gpkgLayer)
        }
    }
}

/// `geotwin bench transform`.
struct TransformBenchCommand: SuiteBenchCommand {
    static let suite = BenchSuite.transform
    static let configuration = CommandConfiguration(commandName: suite.rawValue, abstract: suite.summary)
    @OptionGroup var data: BenchDataOptions
    @OptionGroup var output: BenchOutputOptions
}

/// `geotwin bench geojson`.
struct GeoJSONBenchCommand: SuiteBenchCommand {
    static let suite = BenchSuite.geojson
    static let configuration = CommandConfiguration(commandName: suite.rawValue, abstract: suite.summary)
    @OptionGroup var data: BenchDataOptions
    @OptionGroup var output: BenchOutputOptions
}

/// `geotwin bench io`.
struct IOBenchCommand: SuiteBenchCommand {
    static let suite = BenchSuite.io
    static let configuration = CommandConfiguration(commandName: suite.rawValue, abstract: suite.summary)
    @OptionGroup var data: BenchDataOptions
    @OptionGroup var output: BenchOutputOptions
}

/// `geotwin bench zonal`.
struct ZonalBenchCommand: SuiteBenchCommand {
    static let suite = BenchSuite.zonal
    static let configuration = CommandConfiguration(commandName: suite.rawValue, abstract: suite.summary)
    @OptionGroup var data: BenchDataOptions
    @OptionGroup var output: BenchOutputOptions
}

/// `geotwin bench render`.
struct RenderBenchCommand: SuiteBenchCommand {
    static let suite = BenchSuite.render
    static let configuration = CommandConfiguration(commandName: suite.rawValue, abstract: suite.summary)
    @OptionGroup var data: BenchDataOptions
    @OptionGroup var output: BenchOutputOptions
}

/// `geotwin bench postgis`.
struct PostGISBenchCommand: SuiteBenchCommand {
    static let suite = BenchSuite.postgis
    static let configuration = CommandConfiguration(commandName: suite.rawValue, abstract: suite.summary)
    @OptionGroup var data: BenchDataOptions
    @OptionGroup var output: BenchOutputOptions
}
