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

/// Timing samples of one side of a measure, in milliseconds, summarised by median, min and max.
public struct BenchTiming: Codable, Hashable, Sendable {
    /// The median of the samples.
    public var medianMs: Double
    /// The fastest sample.
    public var minMs: Double
    /// The slowest sample.
    public var maxMs: Double
    /// Every sample, in the order taken.
    public var samplesMs: [Double]

    /// Summarises `samples` (at least one).
    public init(samples: [Double]) {
        samplesMs = samples
        medianMs = BenchTiming.median(samples)
        minMs = samples.min() ?? 0
        maxMs = samples.max() ?? 0
    }

    /// The median of `values` (the mean of the two middle values for an even count; 0 for none).
    public static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        guard !s.isEmpty else { return 0 }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    enum CodingKeys: String, CodingKey {
        case medianMs = "median_ms", minMs = "min_ms", maxMs = "max_ms", samplesMs = "samples_ms"
    }
}

/// One measure of a suite: GeoTwin's timing, the peer's timing on the same data and the ratio
/// peer / GeoTwin of each alternating pair (> 1: GeoTwin is faster).
public struct BenchMeasure: Codable, Hashable, Sendable {
    /// Where the time was taken.
    public enum Scope: String, Codable, Hashable, Sendable {
        /// Inside one process, data already in memory.
        case inProcess = "in-process"
        /// The whole command: start-up, reading, working, writing.
        case wholeProcess = "whole-process"
    }

    /// The measure's name (`build`, `locate`, `read GeoPackage`, ...).
    public var name: String
    /// In process or whole process.
    public var scope: Scope
    /// GeoTwin's timing.
    public var geotwin: BenchTiming
    /// The peer's name, nil when the measure has no peer.
    public var peer: String?
    /// The peer's timing.
    public var peerTiming: BenchTiming?
    /// Pairwise ratios peer / GeoTwin summarised (median, min, max), nil without a peer.
    public var ratio: BenchRatio?

    /// Creates a measure; the ratio comes from the pairs of samples taken alternately.
    public init(name: String, scope: Scope = .inProcess, geotwin: [Double], peer: String? = nil, peerSamples: [Double]? = nil) {
        self.name = name
        self.scope = scope
        self.geotwin = BenchTiming(samples: geotwin)
        self.peer = peer
        if let peerSamples, !peerSamples.isEmpty, peer != nil {
            peerTiming = BenchTiming(samples: peerSamples)
            let pairs = zip(geotwin, peerSamples).map { $1 / max($0, 1e-9) }
            ratio = BenchRatio(median: BenchTiming.median(pairs), min: pairs.min() ?? 0, max: pairs.max() ?? 0)
        }
    }

    enum CodingKeys: String, CodingKey {
        case name, scope, geotwin, peer, peerTiming = "peer_timing", ratio
    }
}

/// Pairwise ratios peer / GeoTwin: median, min and max over the pairs.
public struct BenchRatio: Codable, Hashable, Sendable {
    /// The median ratio.
    public var median: Double
    /// The smallest ratio.
    public var min: Double
    /// The largest ratio.
    public var max: Double

    /// Creates a summary.
    public init(median: Double, min: Double, max: Double) {
        self.median = median
        self.min = min
        self.max = max
    }
}

/// An agreement check between GeoTwin and a peer (or an independent reference) on one result.
public struct BenchCheck: Codable, Hashable, Sendable {
    /// What is compared (`hits of 1% windows`, `max coordinate difference (m)`, ...).
    public var name: String
    /// GeoTwin's value, as text.
    public var geotwin: String
    /// The other side's name.
    public var against: String
    /// The other side's value, as text.
    public var value: String
    /// Whether they agree within the stated tolerance.
    public var agrees: Bool

    /// Creates a check.
    public init(_ name: String, geotwin: String, against: String, value: String, agrees: Bool) {
        self.name = name
        self.geotwin = geotwin
        self.against = against
        self.value = value
        self.agrees = agrees
    }

    /// A check that two counts are equal.
    public static func equal(_ name: String, _ ours: Int, against: String, _ theirs: Int) -> BenchCheck {
        BenchCheck(name, geotwin: String(ours), against: against, value: String(theirs), agrees: ours == theirs)
    }
}

/// The outcome of one suite.
public struct SuiteResult: Codable, Hashable, Sendable {
    /// Ran to the end, skipped (with the reason) or failed (with the error).
    public enum Status: String, Codable, Hashable, Sendable {
        case ok, skipped, error
    }

    /// The suite's name (`rtree`, `locate`, ...).
    public var suite: String
    /// The outcome.
    public var status: Status
    /// Why the suite was skipped or failed; also a disagreement between GeoTwin and a peer.
    public var reason: String?
    /// What data the suite ran on.
    public var data: String
    /// Runs per measure.
    public var runs: Int
    /// The seed of the synthetic data.
    public var seed: UInt64
    /// The measures.
    public var measures: [BenchMeasure]
    /// The agreement checks; a failed one makes the suite an error.
    public var checks: [BenchCheck]
    /// Peers that could not run, with the reason and the command that installs them.
    public var skippedPeers: [SkippedPeer]
    /// Results an out-of-process peer reproduces (hit counts, coordinates of sample points, sums),
    /// compared with the peer's own within ``digestAgrees(_:_:_:)``.
    public var digest: [String: Double]
    /// The command lines of the out-of-process pairs (GeoTwin's side, then the peer's), when run.
    public var commands: [String]?

    /// Creates a result.
    public init(suite: String, status: Status = .ok, reason: String? = nil, data: String = "", runs: Int = 0, seed: UInt64 = 0,
                measures: [BenchMeasure] = [], checks: [BenchCheck] = [], skippedPeers: [SkippedPeer] = []) {
        self.suite = suite
        self.status = status
        self.reason = reason
        self.data = data
        self.runs = runs
        self.seed = seed
        self.measures = measures
        self.checks = checks
        self.skippedPeers = skippedPeers
        digest = [:]
    }

    /// A skipped suite.
    public static func skipped(_ suite: String, _ reason: String) -> SuiteResult {
        SuiteResult(suite: suite, status: .skipped, reason: reason)
    }

    /// Marks the result an error when a check failed.
    public mutating func settleChecks() {
        let failed = checks.filter { !$0.agrees }
        if status == .ok, !failed.isEmpty {
            status = .error
            reason = "disagreement: " + failed.map { "\($0.name): GeoTwin \($0.geotwin), \($0.against) \($0.value)" }.joined(separator: "; ")
        }
    }

    enum CodingKeys: String, CodingKey {
        case suite, status, reason, data, runs, seed, measures, checks, skippedPeers = "skipped_peers", digest, commands
    }

    /// How far a peer's digest value may be from GeoTwin's: 1 mm for coordinates (`x@`, `y@`
    /// keys, metres), else 1e-9 relative (exact for counts).
    public static func digestAgrees(_ key: String, _ ours: Double, _ theirs: Double) -> Bool {
        if key.hasPrefix("x@") || key.hasPrefix("y@") { return abs(ours - theirs) <= 0.001 }
        return abs(ours - theirs) <= 1e-9 * max(1, abs(ours))
    }
}

/// A peer that did not run.
public struct SkippedPeer: Codable, Hashable, Sendable {
    /// The peer's name.
    public var peer: String
    /// Why it did not run.
    public var reason: String
    /// The command that installs it.
    public var install: String

    /// Creates an entry.
    public init(peer: String, reason: String, install: String) {
        self.peer = peer
        self.reason = reason
        self.install = install
    }
}

/// Runs GeoTwin and a peer alternately (A B A B ...), `runs` pairs, and returns the samples of
/// each side in milliseconds of wall time (or of this thread's CPU time).
public struct PairedTimer: Sendable {
    /// Pairs (or GeoTwin runs when there is no peer).
    public var runs: Int
    /// Thread CPU time instead of wall time.
    public var cpuTime: Bool

    /// Creates a timer.
    public init(runs: Int, cpuTime: Bool = false) {
        self.runs = max(1, runs)
        self.cpuTime = cpuTime
    }

    /// Times `geotwin` and `peer` alternately; a nil peer times GeoTwin alone.
    public func measure(_ name: String, geotwin: () throws -> Void, peer: String? = nil,
                        _ peerBody: (() throws -> Void)? = nil) throws -> BenchMeasure {
        var ours: [Double] = [], theirs: [Double] = []
        for _ in 0..<runs {
            ours.append(try time(geotwin))
            if let peerBody { theirs.append(try time(peerBody)) }
        }
        return BenchMeasure(name: name, geotwin: ours, peer: peerBody == nil ? nil : peer,
                            peerSamples: peerBody == nil ? nil : theirs)
    }

    /// The time of one call of `body`, in milliseconds.
    public func time(_ body: () throws -> Void) rethrows -> Double {
        if cpuTime {
            let start = threadCPUMilliseconds()
            try body()
            return threadCPUMilliseconds() - start
        }
        let d = try ContinuousClock().measure(body)
        return Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) * 1e-15
    }
}

/// CPU time consumed by the calling thread, in milliseconds.
public func threadCPUMilliseconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) * 1e-6
}
