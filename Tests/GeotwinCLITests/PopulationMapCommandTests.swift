import Foundation
import Testing

/// `geotwin map population --level emd`: the national choropleth of all legal emd.
@Suite struct PopulationMapCommandTests {
    @Test func emdLevelDrawsTheNationalEmdUnderTwoMegabytes() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let out = dir.appendingPathComponent("emd.svg")
        let r = try CLIRunner.run(["map", "population", "--level", "emd", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let svg = try String(contentsOf: out, encoding: .utf8)
        #expect(svg.utf8.count <= 2_000_000)
        #expect(svg.contains("id=\"emd\""))
        // Seoul 종로구 청운동 and a Sejong emd are drawn as emd paths.
        #expect(svg.contains("id=\"emd-11110101\""))
        #expect(svg.contains("data-sigungu_code=\"36110\""))
        // The emd of one sigungu share its density class (종로구, 11110).
        let classes = Set(svg.components(separatedBy: "<path ").filter { $0.contains("data-sigungu_code=\"11110\"") }
            .compactMap { $0.components(separatedBy: "class=\"").dropFirst().first?.split(separator: "\"").first.map(String.init) })
        #expect(classes.count == 1)
        #expect(svg.hasSuffix("</svg>\n") || svg.hasSuffix("</svg>"))
    }

    @Test func unknownLevelIsRejected() throws {
        let r = try CLIRunner.run(["map", "population", "--level", "ri"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("ri"))
    }
}
