import Foundation
import Testing

/// The smart-city commands on the embedded data: rollout, locate, twin and the maps.
@Suite struct SmartCityCommandTests {
    @Test func rolloutCSVHasTheExactHeaderAndRecordedCumulativeCounts() throws {
        let r = try CLIRunner.run(["rollout", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "year,selected,cumulative,recorded,modelled,population_covered,population_share,area_km2")
        var cumulative = [Int: Int]()
        var modelled = [Int: Int]()
        for line in lines.dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            guard f.count == 8, let year = Int(f[0]), let c = Int(f[2]), let m = Int(f[4]) else {
                Issue.record("bad row \(line)")
                continue
            }
            cumulative[year] = c
            modelled[year] = m
            let share = try #require(Double(f[6]))
            #expect(share >= 0 && share <= 1)
        }
        #expect(cumulative[2016] == 4)
        #expect(cumulative[2017] == 10)
        #expect(cumulative[2018] == 22)
        #expect(cumulative[2019] == 49)
        #expect(cumulative[2020] == 108)
        // Unnamed in dated reports: 6 of 2019 round 2, 6 of 2020 round 1 (and 광양시 2015, undated).
        #expect(modelled[2019] == 6)
        #expect(modelled[2020] == 6)
        #expect(modelled[2018] == 0)
    }

    @Test func rolloutRejectsAnUnknownScenario() throws {
        let r = try CLIRunner.run(["rollout", "--scenario", "plan-1999"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("plan-1999"))
    }

    @Test func locateKnownPlaces() throws {
        let sejong = try CLIRunner.run(["locate", "36.504", "127.265"])
        #expect(sejong.status == 0, "\(sejong.stderr)")
        #expect(sejong.stdout.hasPrefix("36110,"))
        let dokdo = try CLIRunner.run(["locate", "37.241", "131.865"])
        #expect(dokdo.stdout.hasPrefix("47940,"))
        let tokyo = try CLIRunner.run(["locate", "35.68", "139.69"])
        #expect(tokyo.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == ",")
    }

    @Test func locateCSVKeepsOrderAndReportsBadRows() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let input = dir.appendingPathComponent("points.csv")
        try Data("lat,lon\n37.2636,127.0286\nnot,a number\n35.0961,128.9145\n".utf8).write(to: input)
        let r = try CLIRunner.run(["locate", "--input", input.path])
        let rows = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(rows[0] == "lat,lon,code,name")
        #expect(rows[1].hasPrefix("37.2636,127.0286,4111"))   // Suwon-si districts 41111-41117
        #expect(rows[1].contains("경기도 수원시"))
        #expect(rows[3].hasPrefix("35.0961,128.9145,26440"))  // Busan Gangseo-gu (Myeongji-dong)
        #expect(r.stderr.contains("points.csv:3:"))
        #expect(r.status != 0)
    }

    @Test(arguments: ["sejong-5-1", "busan-edc"])
    func twinReportsItsAnalysesAsJSON(city: String) throws {
        let r = try CLIRunner.run(["twin", city, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
        #expect(json is [String: Any])
        #expect(r.stdout.contains("modelled"))
    }

    @Test func coverageMapIsAStandaloneSVG() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let out = dir.appendingPathComponent("coverage.svg")
        let r = try CLIRunner.run(["map", "coverage", "--year", "2018", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let svg = try String(contentsOf: out, encoding: .utf8)
        #expect(svg.hasPrefix("<?xml") || svg.hasPrefix("<svg"))
        #expect(svg.contains("viewBox") && svg.contains("role=\"img\""))
        #expect(svg.hasSuffix("</svg>\n") || svg.hasSuffix("</svg>"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["coverage.svg"])
    }
}
