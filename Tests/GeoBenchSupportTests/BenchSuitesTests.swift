import Foundation
import GeoBenchSupport
import Testing

/// Every suite at `--quick` sizes: the result's JSON shape, the agreement with the peers and the
/// chart's validity. No test looks at a time.
@Suite("Bench suites", .serialized)
struct BenchSuitesTests {
    static let options = BenchOptions(runs: 1, quick: true)

    @Test("every suite runs at quick sizes and agrees with its in-process peer", arguments: BenchSuite.allCases)
    func suiteRuns(_ suite: BenchSuite) throws {
        let result = BenchRunner.run(suite, Self.options)
        #expect(result.suite == suite.rawValue)
        if suite == .postgis {
            #expect(result.status == .skipped)
            #expect(result.reason?.contains("skipped") == true)
            return
        }
        #expect(result.status == .ok, "\(suite): \(result.reason ?? "")")
        #expect(!result.measures.isEmpty)
        #expect(!result.checks.isEmpty)
        for check in result.checks { #expect(check.agrees, "\(suite): \(check.name): \(check.geotwin) vs \(check.value)") }
        let peered: Set<BenchSuite> = [.rtree, .locate, .transform, .geojson]
        if peered.contains(suite) {
            #expect(result.measures.contains { $0.ratio != nil && $0.peerTiming != nil })
        }
        for m in result.measures {
            #expect(m.geotwin.samplesMs.count == 1)
            #expect(m.geotwin.minMs <= m.geotwin.medianMs && m.geotwin.medianMs <= m.geotwin.maxMs)
            if let r = m.ratio { #expect(r.min <= r.median && r.median <= r.max) }
        }
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as? [String: Any]
        let keys = Set((json ?? [:]).keys)
        #expect(keys.isSuperset(of: ["suite", "status", "data", "runs", "seed", "measures", "checks", "digest"]))
        let measure = (json?["measures"] as? [[String: Any]])?.first
        #expect(measure?["name"] is String)
        #expect((measure?["geotwin"] as? [String: Any])?["median_ms"] is Double)
    }

    @Test("a disagreement makes the suite an error")
    func disagreementIsAnError() {
        var result = SuiteResult(suite: "rtree", checks: [.equal("hits", 3, against: "GEOS", 4)])
        result.settleChecks()
        #expect(result.status == .error)
        #expect(result.reason?.contains("hits") == true)
    }

    @Test("the report's chart is well-formed SVG and the Markdown has a table per suite")
    func reportChartAndMarkdown() throws {
        let suites = [BenchRunner.run(.transform, Self.options), BenchRunner.run(.postgis, Self.options),
                      SuiteResult(suite: "x & <y>", measures: [BenchMeasure(name: "a \"quoted\" measure", geotwin: [1, 2, 3],
                                                                            peer: "peer", peerSamples: [2, 40, 0.5])])]
        let report = BenchReport(command: "geotwin bench all --quick", quick: true, suites: suites)
        let svg = Data(BenchChart.svg(report).utf8)
        #expect(XMLWellFormedness.problem(in: svg) == nil)
        #expect(XMLWellFormedness.rootElement(of: svg) == "svg")
        #expect(XMLWellFormedness.problem(in: Data("<svg><g></svg>".utf8)) != nil)
        #expect(XMLWellFormedness.problem(in: Data("<svg></svg><svg/>".utf8)) != nil)
        #expect(XMLWellFormedness.problem(in: Data("<svg a=\"x > y\"><!-- <g> --><g/></svg>".utf8)) == nil)
        #expect(XMLWellFormedness.problem(in: Data("<svg a=\"1\" a=\"2\"/>".utf8)) != nil)
        #expect(XMLWellFormedness.problem(in: Data("<svg>&nbsp;</svg>".utf8)) != nil)
        #expect(XMLWellFormedness.rootElement(of: Data("<?xml version=\"1.0\"?><!-- <g> --><!DOCTYPE svg><svg/>".utf8)) == "svg")
        let md = report.markdown(chart: "report.svg")
        #expect(md.contains("| measure | scope | GeoTwin (ms) | peer | peer (ms) | ratio |"))
        #expect(md.contains("## transform"))
        #expect(md.contains("![Ratio peer / GeoTwin per measure](report.svg)"))
        let back = try JSONDecoder().decode(BenchReport.self, from: report.json())
        #expect(back == report)
    }

    @Test("compare flags a measure slower beyond the threshold and the noise, and only that one")
    func compareFlagsRegressions() {
        let old = BenchReport(command: "old", quick: true, suites: [
            SuiteResult(suite: "rtree", measures: [BenchMeasure(name: "build", geotwin: [10, 11, 12]),
                                                   BenchMeasure(name: "search", geotwin: [10, 11, 12]),
                                                   BenchMeasure(name: "noisy", geotwin: [5, 10, 30])])])
        let new = BenchReport(command: "new", quick: true, suites: [
            SuiteResult(suite: "rtree", measures: [BenchMeasure(name: "build", geotwin: [14, 15, 16]),
                                                   BenchMeasure(name: "search", geotwin: [10, 11, 12]),
                                                   BenchMeasure(name: "noisy", geotwin: [12, 14, 16])])])
        let found = new.regressions(since: old)
        #expect(found.map(\.measure) == ["build (in-process)"])
        #expect(new.regressions(since: old, threshold: 0.5).isEmpty)
    }

    @Test("pairwise ratios are peer / GeoTwin of each alternating pair")
    func pairwiseRatios() {
        let m = BenchMeasure(name: "m", geotwin: [1, 2, 4], peer: "p", peerSamples: [3, 2, 40])
        #expect(m.ratio == BenchRatio(median: 3, min: 1, max: 10))
        #expect(m.peerTiming?.medianMs == 3)
    }
}
