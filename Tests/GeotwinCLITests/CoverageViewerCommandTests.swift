import Foundation
import Testing

@Suite struct CoverageViewerCommandTests {
    @Test func htmlWritesOnlyTheViewerInTheChosenView() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let out = dir.appendingPathComponent("viewer.html")
        let r = try CLIRunner.run(["map", "coverage", "--html", out.path, "--year", "2018", "--scenario", "plan-2018",
                                   "--method", "municipal-only"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\(out.path): ") && r.stdout.contains("view #year=2018&scenario=plan-2018&method=municipal-only"))
        // Without --out no SVG is written beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["viewer.html"])
        let html = try String(contentsOf: out, encoding: .utf8)
        #expect(html.contains("\"initial\":{\"method\":\"municipal-only\",\"scenario\":\"plan-2018\",\"year\":2018}"))
        #expect(html.utf8.count <= 1_500_000)
    }

    @Test func htmlAndOutWriteBoth() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let r = try CLIRunner.run(["map", "coverage", "--html", dir.appendingPathComponent("v.html").path,
                                   "--out", dir.appendingPathComponent("c.svg").path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["c.svg", "v.html"])
    }
}
