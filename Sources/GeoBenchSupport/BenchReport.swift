#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Everything one `geotwin bench` run measured: the machine, the command and every suite.
public struct BenchReport: Codable, Hashable, Sendable {
    /// When the run started (ISO 8601, UTC).
    public var date: String
    /// The command line that produced the report.
    public var command: String
    /// The machine and library versions.
    public var machine: MachineInfo
    /// Versions of the out-of-process peers that ran (`shapely`: `2.2.0`, ...).
    public var peerVersions: [String: String]
    /// Whether the small `--quick` sizes were used.
    public var quick: Bool
    /// The suites in the order run.
    public var suites: [SuiteResult]

    /// Creates a report stamped now on this machine.
    public init(command: String, quick: Bool, suites: [SuiteResult] = [], peerVersions: [String: String] = [:],
                machine: MachineInfo = .current(), date: Date = Date()) {
        self.date = date.formatted(.iso8601)
        self.command = command
        self.machine = machine
        self.peerVersions = peerVersions
        self.quick = quick
        self.suites = suites
    }

    /// True when a suite failed or disagreed with its peer.
    public var hasErrors: Bool { suites.contains { $0.status == .error } }

    /// The report as JSON (keys sorted, indented).
    public func json(pretty: Bool = true) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Reads a report written by ``json(pretty:)``.
    public static func load(_ path: String) throws -> BenchReport {
        try JSONDecoder().decode(BenchReport.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    enum CodingKeys: String, CodingKey {
        case date, command, machine, peerVersions = "peer_versions", quick, suites
    }
}

/// A measure that got slower than in an older report.
public struct BenchRegression: Hashable, Sendable, CustomStringConvertible {
    /// The suite.
    public var suite: String
    /// The measure (with its scope).
    public var measure: String
    /// The old and new medians in milliseconds.
    public var oldMs: Double, newMs: Double

    public var description: String {
        "\(suite) / \(measure): " + String(cFormat: "%.3f ms -> %.3f ms (+%.0f%%)", oldMs, newMs, (newMs / oldMs - 1) * 100)
    }
}

extension BenchReport {
    /// The measures of GeoTwin that got slower than in `old` by more than `threshold` (0.10: 10%)
    /// and beyond the noise: the new fastest run is slower than the old slowest run.
    public func regressions(since old: BenchReport, threshold: Double = 0.10) -> [BenchRegression] {
        var found: [BenchRegression] = []
        for suite in suites {
            guard let before = old.suites.first(where: { $0.suite == suite.suite }) else { continue }
            for m in suite.measures {
                guard let o = before.measures.first(where: { $0.name == m.name && $0.scope == m.scope }) else { continue }
                if m.geotwin.medianMs > o.geotwin.medianMs * (1 + threshold), m.geotwin.minMs > o.geotwin.maxMs {
                    found.append(BenchRegression(suite: suite.suite, measure: "\(m.name) (\(m.scope.rawValue))",
                                                 oldMs: o.geotwin.medianMs, newMs: m.geotwin.medianMs))
                }
            }
        }
        return found
    }
}
