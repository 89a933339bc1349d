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

    /// The main job's map: every sigungu drawn with the legend entry its local government's
    /// selection (Geodata/rollout.csv, read here independently) calls for, and both pilot sites
    /// drawn inside their sigungu.
    @Test(arguments: [2017, 2019, 2022])
    func coverageMapDrawsEveryAdopterInItsYearsColour(year: Int) throws {
        let dir = try CLIRunner.temporaryDirectory()
        let out = dir.appendingPathComponent("coverage.svg")
        let r = try CLIRunner.run(["map", "coverage", "--scenario", "recorded", "--year", "\(year)", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let map = try CoverageSVG(String(contentsOf: out, encoding: .utf8))

        // The record up to `year`: the first selection of each local government, and the sido-wide platforms.
        let csv = try String(contentsOf: CLIRunner.root.appendingPathComponent("Geodata/rollout.csv"), encoding: .utf8)
        var municipal: [String: String] = [:], sidoWide: Set<String> = []
        var adoptersByYear: [Int: Set<String>] = [:]
        for line in csv.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard let y = Int(f[0]), y <= year else { continue }
            if f[5] == "sido" {
                sidoWide.insert(f[4])
            } else if municipal[f[4]] == nil {
                municipal[f[4]] = f[6] == "modelled" ? "\(y) · modelled" : "\(y)"
                adoptersByYear[y, default: []].insert(f[4])
            }
        }
        #expect(!municipal.isEmpty)
        // A district (`수원시 장안구`) belongs to its city's unit (first four digits and 0); 청원군 joined 청주시.
        func unit(_ code: String, _ name: String) -> String {
            if code == "43710" { return "43110" }
            return name.contains(" ") ? String(code.prefix(4)) + "0" : code
        }
        var drawnUnits: [String: Set<String>] = [:]
        #expect(map.areas.count > 240)
        for area in map.areas {
            let u = unit(area.code, area.name)
            let expected = municipal[u] ?? (sidoWide.contains(String(area.code.prefix(2))) ? "sido-wide platform only" : "not selected")
            #expect(area.label == expected, "\(area.code) \(area.name): drawn as \(area.label ?? "?"), the record says \(expected)")
            if let label = area.label { drawnUnits[label, default: []].insert(u) }
        }
        for (y, adopters) in adoptersByYear {
            let drawn = drawnUnits["\(y)", default: []].union(drawnUnits["\(y) · modelled", default: []])
            #expect(adopters.isSubset(of: drawn), "\(y): adopters not drawn in the year's colour: \(adopters.subtracting(drawn).sorted())")
        }
        // Both pilot footprints, inside the boxes of Sejong (36110) and Busan Gangseo-gu (26440).
        for (site, sigungu) in [("sejong-5-1", "36110"), ("busan-edc", "26440")] {
            let footprint = try #require(map.boxes["pilot-site-\(site)"], "no footprint \(site)")
            let area = try #require(map.boxes["coverage-\(sigungu)"])
            #expect(footprint.minX >= area.minX - 0.1 && footprint.maxX <= area.maxX + 0.1
                    && footprint.minY >= area.minY - 0.1 && footprint.maxY <= area.maxY + 0.1,
                    "\(site) \(footprint) is not inside \(sigungu) \(area)")
            #expect(footprint.maxX > footprint.minX && footprint.maxY > footprint.minY)
        }
    }
}

/// The main frame of a coverage SVG: each area with the legend label of its fill, and the
/// bounding box (px) of every path of the main map.
struct CoverageSVG {
    struct Area {
        var code: String
        var name: String
        var label: String?
    }

    struct Box: CustomStringConvertible {
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        var description: String { "[\(minX) \(minY) \(maxX) \(maxY)]" }
    }

    var areas: [Area] = []
    var boxes: [String: Box] = [:]

    init(_ svg: String) throws {
        // `.layer-coverage .c3{fill:#1d91c0}` and the legend entries `fill="#1d91c0" ...>2018</text>`.
        var colourOfClass: [String: String] = [:]
        for m in svg.matches(of: /\.layer-coverage \.(c\d+)\{fill:(#[0-9a-f]{6})\}/) { colourOfClass[String(m.1)] = String(m.2) }
        var labelOfColour: [String: String] = [:]
        for m in svg.matches(of: /<g class="legend-entry"[^>]*><rect [^>]*fill="(#[0-9a-f]{6})"[^>]*\/><text [^>]*>([^<]+)<\/text>/) {
            labelOfColour[String(m.1)] = String(m.2)
        }
        guard !colourOfClass.isEmpty, !labelOfColour.isEmpty else { throw CocoaError(.fileReadCorruptFile) }
        // The main frame's groups come first; the insets repeat the layers with prefixed ids.
        guard let insets = svg.range(of: "<g id=\"inset-") else { throw CocoaError(.fileReadCorruptFile) }
        let main = svg[..<insets.lowerBound]
        for m in main.matches(of: /<path id="([^"]+)"([^>]*) d="([^"]+)"/) {
            let id = String(m.1), attributes = String(m.2)
            boxes[id] = Self.box(String(m.3))
            guard id.hasPrefix("coverage-") else { continue }
            let code = attributes.firstMatch(of: /data-code="([^"]*)"/).map { String($0.1) } ?? ""
            let name = attributes.firstMatch(of: /data-name_ko="([^"]*)"/).map { String($0.1) } ?? ""
            let cls = attributes.firstMatch(of: /class="([^"]*)"/).map { String($0.1) }
            areas.append(Area(code: code, name: name, label: cls.flatMap { colourOfClass[$0] }.flatMap { labelOfColour[$0] }))
        }
    }

    /// The bounding box of path data made of `M x y`, relative `l dx dy` pairs and `z`.
    static func box(_ d: String) -> Box {
        var b = Box()
        var x = 0.0, y = 0.0, absolute = true, pending: Double?
        for token in d.matches(of: /[Mlz]|-?[0-9]*\.?[0-9]+/) {
            let t = String(token.0)
            if t == "M" { absolute = true; continue }
            if t == "l" { absolute = false; continue }
            if t == "z" { continue }
            guard let v = Double(t) else { continue }
            guard let first = pending else { pending = v; continue }
            pending = nil
            if absolute { x = first; y = v } else { x += first; y += v }
            b.minX = min(b.minX, x); b.maxX = max(b.maxX, x); b.minY = min(b.minY, y); b.maxY = max(b.maxY, y)
        }
        return b
    }
}
