#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The out-of-process peers of `geotwin bench all --peers`: Python (and node) programs in
/// `Benchmarks/peers/` run on the same data as GeoTwin. GeoTwin (`geotwin bench SUITE --json`,
/// one run) and the peer run alternately, A B A B ..., and each pair gives two ratios: the whole
/// process (start-up and reading included, what a user feels) and the peer's own in-process
/// measure against GeoTwin's measure of the same name. Results are compared through the digests.
public struct OutOfProcessPeers {
    /// One peer program of a suite.
    public struct Peer: Sendable {
        /// The peer's name (`shapely`, `flatbush`, ...).
        public var name: String
        /// The program and its arguments before the common ones.
        public var launcher: Launcher
        /// The command that installs the peer.
        public var install: String
    }

    /// How a peer program starts.
    public enum Launcher: Sendable {
        /// `Benchmarks/peers/bench_peer.py SUITE --peer NAME` under the Benchmarks virtual environment.
        case python(peer: String)
        /// `node Benchmarks/peers/SCRIPT`, with `flatbush` importable from node_modules there.
        case node(script: String, module: String)
    }

    /// The `Benchmarks` folder (holding `peers/`).
    public var benchmarks: URL
    /// The `geotwin` executable to time.
    public var geotwin: String
    /// Alternating pairs (at least 5 are run).
    public var pairs: Int

    /// Creates a runner.
    public init(benchmarks: URL, geotwin: String, pairs: Int) {
        self.benchmarks = benchmarks
        self.geotwin = geotwin
        self.pairs = max(5, pairs)
    }

    /// The `Benchmarks` folder above the current directory or the executable, nil when none.
    public static func locateBenchmarks(executable: String) -> URL? {
        var starts = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
        starts.append(URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent())
        for start in starts {
            var dir = start
            for _ in 0..<8 {
                let candidate = dir.appendingPathComponent("Benchmarks")
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("peers/bench_peer.py").path) { return candidate }
                dir.deleteLastPathComponent()
            }
        }
        return nil
    }

    /// The peers of each suite.
    public static func peers(of suite: BenchSuite) -> [Peer] {
        let pip = "make bench-peers   # Benchmarks/.venv from Benchmarks/peers/requirements.txt"
        switch suite {
        case .rtree:
            return [Peer(name: "geoindex-rs", launcher: .python(peer: "geoindex-rs"), install: pip),
                    Peer(name: "flatbush", launcher: .node(script: "rtree_flatbush.mjs", module: "flatbush"),
                         install: "cd Benchmarks/peers && npm install flatbush@4.6.2")]
        case .locate: return [Peer(name: "shapely", launcher: .python(peer: "shapely"), install: pip)]
        case .transform: return [Peer(name: "pyproj", launcher: .python(peer: "pyproj"), install: pip)]
        case .geojson: return [Peer(name: "shapely", launcher: .python(peer: "shapely"), install: pip)]
        case .io: return [Peer(name: "pyogrio", launcher: .python(peer: "pyogrio"), install: pip)]
        case .zonal: return [Peer(name: "exactextract", launcher: .python(peer: "exactextract"), install: pip)]
        case .render: return [Peer(name: "geopandas+matplotlib", launcher: .python(peer: "geopandas"), install: pip)]
        case .postgis: return []
        }
    }

    /// What a peer printed: its version, in-process measures in ms and its digest.
    struct PeerOutput: Decodable {
        var version: String?
        var skipped: String?
        var measures: [String: Double]?
        var digest: [String: Double]?
    }

    /// Runs the peers of `result.suite` alternately with GeoTwin and adds their measures, checks
    /// and skips to `result`; `arguments` are the data arguments both sides take (`--size`,
    /// `--seed`, `--quick`, files). Returns the versions of the peers that ran.
    public func run(into result: inout SuiteResult, suite: BenchSuite, arguments: [String],
                    progress: (String) -> Void) -> [String: String] {
        var versions: [String: String] = [:]
        for peer in Self.peers(of: suite) {
            let command: [String]
            switch peer.launcher {
            case .python(let name):
                let venv = benchmarks.appendingPathComponent(".venv/bin/python").path
                let python = FileManager.default.isExecutableFile(atPath: venv) ? venv : "python3"
                command = [python, benchmarks.appendingPathComponent("peers/bench_peer.py").path, suite.rawValue, "--peer", name]
            case .node(let script, let module):
                let peers = benchmarks.appendingPathComponent("peers")
                let installed = [peers, benchmarks].contains {
                    FileManager.default.fileExists(atPath: $0.appendingPathComponent("node_modules/\(module)/package.json").path)
                }
                guard installed else {
                    result.skippedPeers.append(SkippedPeer(peer: peer.name, reason: "\(module) is not in Benchmarks/peers/node_modules",
                                                           install: peer.install))
                    continue
                }
                command = ["node", peers.appendingPathComponent(script).path]
            }
            progress("\(suite.rawValue): peer \(peer.name), \(pairs) alternating pairs")
            let ours = [geotwin, "bench", suite.rawValue, "--json", "--runs", "1", "--no-peer", "--only-peer-measures"] + arguments
            let theirs = command + arguments
            var wholeOurs: [Double] = [], wholeTheirs: [Double] = []
            var inOurs: [String: [Double]] = [:], inTheirs: [String: [Double]] = [:]
            var lastOurs: SuiteResult?, lastTheirs: PeerOutput?
            var failure: String?
            for _ in 0..<pairs {
                guard let a = Self.launch(ours) else { failure = "could not start \(geotwin)"; break }
                guard a.status == 0, let r = try? JSONDecoder().decode(SuiteResult.self, from: a.stdout) else {
                    failure = "geotwin bench \(suite.rawValue) failed: \(String(decoding: a.stderr.suffix(400), as: UTF8.self))"
                    break
                }
                guard let b = Self.launch(theirs) else { failure = "could not start \(theirs[0])"; break }
                let output = try? JSONDecoder().decode(PeerOutput.self, from: b.stdout)
                if let skipped = output?.skipped {
                    result.skippedPeers.append(SkippedPeer(peer: peer.name, reason: skipped, install: peer.install))
                    failure = nil
                    lastTheirs = nil
                    break
                }
                guard b.status == 0, let output else {
                    failure = "\(peer.name) failed: \(String(decoding: b.stderr.suffix(400), as: UTF8.self))"
                    break
                }
                wholeOurs.append(a.ms)
                wholeTheirs.append(b.ms)
                for m in r.measures where m.scope == .inProcess { inOurs[m.name, default: []].append(m.geotwin.medianMs) }
                for (name, ms) in output.measures ?? [:] { inTheirs[name, default: []].append(ms) }
                lastOurs = r
                lastTheirs = output
            }
            if let failure {
                result.checks.append(BenchCheck("\(peer.name) ran", geotwin: "ran", against: peer.name, value: failure, agrees: false))
                continue
            }
            guard let lastOurs, let lastTheirs else { continue }
            versions[peer.name] = lastTheirs.version ?? "unknown"
            let root = benchmarks.deletingLastPathComponent().path + "/"
            result.commands = (result.commands ?? []) + [ours, theirs].map {
                $0.joined(separator: " ").replacingAll(root, with: "")
            }
            result.measures.append(BenchMeasure(name: "whole process", scope: .wholeProcess, geotwin: wholeOurs,
                                                peer: peer.name, peerSamples: wholeTheirs))
            for name in inTheirs.keys.sorted() {
                guard let o = inOurs[name], let t = inTheirs[name], o.count == t.count else { continue }
                result.measures.append(BenchMeasure(name: name, geotwin: o, peer: peer.name + " (own process)", peerSamples: t))
            }
            var coordinates = 0, worst = 0.0
            for (key, theirs) in (lastTheirs.digest ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let ours = lastOurs.digest[key] else { continue }
                if key.hasPrefix("x@") || key.hasPrefix("y@") {
                    coordinates += 1
                    worst = max(worst, abs(ours - theirs).isNaN ? .infinity : abs(ours - theirs))
                    continue
                }
                result.checks.append(BenchCheck(key, geotwin: Self.format(ours), against: peer.name, value: Self.format(theirs),
                                                agrees: SuiteResult.digestAgrees(key, ours, theirs)))
            }
            if coordinates > 0 {
                result.checks.append(BenchCheck("largest difference of \(coordinates / 2) sample points (m, at most 0.001)",
                                                geotwin: "0", against: peer.name, value: String(cFormat: "%.6f", worst),
                                                agrees: worst <= 0.001))
            }
        }
        result.settleChecks()
        return versions
    }

    private static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(cFormat: "%.6f", v)
    }

    /// Runs `command` (the first element is looked up in PATH when it has no slash) and returns
    /// its exit status, output and wall time in ms; nil when it cannot start.
    static func launch(_ command: [String]) -> (status: Int32, stdout: Data, stderr: Data, ms: Double)? {
        let clock = ContinuousClock()
        let start = clock.now
        let run = command[0].contains("/")
            ? ChildProcess.run(command[0], Array(command.dropFirst()))
            : ChildProcess.run("/usr/bin/env", command)
        guard let run else { return nil }
        let d = start.duration(to: clock.now)
        return (run.status, Data(run.stdout), Data(run.stderr),
                Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) * 1e-15)
    }
}
