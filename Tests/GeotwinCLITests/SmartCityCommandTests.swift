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
        // Only 2019 round 2 (10) and 2020 round 1 (25) are unnamed in the sources.
        #expect(modelled[2019] == 10)
        #expect(modelled[2020] == 25)
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

    @Test func locateNegativeCoordinatesAreNumbersNotOptions() throws {
        let south = try CLIRunner.run(["locate", "-33.1", "126.5"])
        #expect(south.status == 0, "\(south.stderr)")
        #expect(south.stdout == ",\n")
        let west = try CLIRunner.run(["locate", "--level", "sido", "37.5", "-127"])
        #expect(west.status == 0, "\(west.stderr)")
        #expect(west.stdout == ",\n")
        let terminated = try CLIRunner.run(["locate", "--", "36.504", "127.265"])
        #expect(terminated.stdout.hasPrefix("36110,"))
        let typo = try CLIRunner.run(["locate", "--inptu", "x.csv"])
        #expect(typo.status != 0)
        #expect(typo.stderr.contains("--inptu"))
    }

    @Test func locateReadsASpreadsheetCSVAndWritesOutputAtomically() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let input = dir.appendingPathComponent("sheet.csv"), output = dir.appendingPathComponent("out.csv")
        // What a spreadsheet saves: a byte order mark, quoted header names, CRLF, quoted numbers.
        let sheet = "\u{FEFF}\"id\",\"lat\",\"lon\"\r\n\"a, 1\",37.2636,127.0286\r\n\"b\",\"35.0961\",\"128.9145\"\r\n"
            + "c,35.68,139.69\r\n"
        try Data(sheet.utf8).write(to: input)
        let r = try CLIRunner.run(["locate", "--input", input.path, "--output", output.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        let rows = try String(contentsOf: output, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(rows.count == 4)
        #expect(rows[0] == "lat,lon,code,name")
        #expect(rows[1].hasPrefix("37.2636,127.0286,4111") && rows[1].contains("경기도 수원시"))
        #expect(rows[2] == "35.0961,128.9145,26440,부산광역시 강서구")
        #expect(rows[3] == "35.68,139.69,,")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["out.csv", "sheet.csv"])

        // The same through standard output is the same bytes.
        let piped = try CLIRunner.run(["locate", "--input", input.path])
        #expect(piped.stdout == (try String(contentsOf: output, encoding: .utf8)))

        // A missing column fails before anything is written, and leaves no file behind.
        let bad = dir.appendingPathComponent("bad.csv"), none = dir.appendingPathComponent("none.csv")
        try Data("name,lon\nx,127\n".utf8).write(to: bad)
        let failed = try CLIRunner.run(["locate", "--input", bad.path, "--output", none.path])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("bad.csv:1: no column lat"), "\(failed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: none.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["bad.csv", "out.csv", "sheet.csv"])
    }

    @Test func locateCSVReportsBadRowsWithLineAndColumn() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let input = dir.appendingPathComponent("pts.csv"), output = dir.appendingPathComponent("out.csv")
        try Data("lat,lon\n\"multi\nline\",127\n37.2636,127.0286\n95,127\n37.5\n".utf8).write(to: input)
        let r = try CLIRunner.run(["locate", "--input", input.path, "--output", output.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("pts.csv:2: column lat: \"multi\\nline\" is not a number"), "\(r.stderr)")
        #expect(r.stderr.contains("pts.csv:5: column lat: 95 is outside -90...90"), "\(r.stderr)")
        #expect(r.stderr.contains("pts.csv:6: 1 field, expected 2"), "\(r.stderr)")
        let text = try String(contentsOf: output, encoding: .utf8)
        #expect(text == "lat,lon,code,name\n\"multi\nline\",127,,\n" + text.split(separator: "\n")[3] + "\n95,127,,\n37.5,,,\n")
        #expect(text.contains("\n37.2636,127.0286,4111"))
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
