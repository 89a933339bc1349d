import Foundation
import Testing

/// `geotwin bench` at quick sizes: JSON shape, exit status and the report files.
@Suite("geotwin bench", .serialized)
struct BenchCommandTests {
    @Test("one suite prints its result as JSON, with the peer's ratio and agreeing checks")
    func oneSuiteJSON() throws {
        let r = try CLIRunner.run(["bench", "transform", "--quick", "--runs", "2", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(json?["suite"] as? String == "transform")
        #expect(json?["status"] as? String == "ok")
        let measures = json?["measures"] as? [[String: Any]] ?? []
        #expect((measures.first?["ratio"] as? [String: Any])?["median"] is Double)
        #expect(((measures.first?["geotwin"] as? [String: Any])?["samples_ms"] as? [Double])?.count == 2)
        let checks = json?["checks"] as? [[String: Any]] ?? []
        #expect(!checks.isEmpty && checks.allSatisfy { $0["agrees"] as? Bool == true })
        #expect(r.stderr.contains("bench transform"))
    }

    @Test("postgis without a database URL is skipped, not an error; an unreachable one is an error naming host and port")
    func postgisNeedsADatabase() throws {
        let skipped = try CLIRunner.run(["bench", "postgis", "--json"])
        #expect(skipped.status == 0, "\(skipped.stderr)")
        #expect(skipped.stdout.contains("needs a database"))
        let unreachable = try CLIRunner.run(["bench", "postgis", "--json", "--quick", "--layer", "postgresql://127.0.0.1:1/geotwin?connect_timeout=2"])
        #expect(unreachable.status != 0)
        #expect((unreachable.stdout + unreachable.stderr).contains("127.0.0.1:1"))
    }

    @Test("bench all writes report.md, report.json and a well-formed report.svg; compare passes against itself")
    func allWritesReport() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-bench-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let md = dir.appendingPathComponent("BENCHMARKS.md").path
        let r = try CLIRunner.run(["bench", "all", "--quick", "--runs", "1", "--report", dir.path, "--markdown", md])
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        for suite in ["rtree", "locate", "transform", "geojson", "io", "zonal", "render", "postgis"] {
            #expect(r.stdout.contains("\(suite): "))
        }
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("report.json"))) as? [String: Any]
        #expect((report?["suites"] as? [Any])?.count == 8)
        #expect((report?["machine"] as? [String: Any])?["libraries"] is [String: String])
        let svg = try String(contentsOf: dir.appendingPathComponent("report.svg"), encoding: .utf8)
        #expect(svg.contains("<svg") && svg.hasSuffix("</svg>\n"))
        #expect(try String(contentsOfFile: md, encoding: .utf8).contains("](report.svg)"))
        let again = try CLIRunner.run(["bench", "transform", "--quick", "--runs", "1", "--compare",
                                       dir.appendingPathComponent("report.json").path, "--threshold", "1000"])
        #expect(again.status == 0, "\(again.stderr)")
    }
}
