import Foundation
import GeoIO
@testable import SmartCity
import Testing

@Suite struct RolloutReportTests {
    static let rollout = try! PlatformRollout.load(atlas: atlas)

    @Test func roundsParseAndPrintAsInTheFile() {
        #expect(RolloutRound(rawValue: "1") == .numbered(1))
        #expect(RolloutRound(rawValue: "new-deal") == .newDeal)
        #expect(RolloutRound(rawValue: "annual") == .annual)
        #expect(RolloutRound(rawValue: "plan") == .plan)
        #expect(RolloutRound(rawValue: "0") == nil && RolloutRound(rawValue: "x") == nil && RolloutRound(rawValue: "-1") == nil)
        #expect(RolloutRound.numbered(2).description == "2")
        #expect(Self.rollout.records.allSatisfy { RolloutRound(rawValue: $0.round.rawValue) == $0.round })
    }

    @Test func csvRowsAreTheCoverageYears() throws {
        let report = try RolloutReport(rollout: Self.rollout, until: 2020)
        let lines = report.csv.split(separator: "\n")
        #expect(lines.first == "year,selected,cumulative,recorded,modelled,population_covered,population_share,area_km2")
        #expect(lines.count == 1 + 6)
        #expect(report.years.map(\.cumulative).last == 108)
        #expect(report.years.map(\.cumulative) == lines.dropFirst().map { Int($0.split(separator: ",")[2])! })
    }

    /// The successor programme appears only once `until` reaches its years, and never in the counts.
    @Test func laterProgrammesStayApart() throws {
        let to2022 = try RolloutReport(rollout: Self.rollout, until: 2022)
        let to2025 = try RolloutReport(rollout: Self.rollout, until: 2025)
        #expect(to2022.laterSelections.isEmpty)
        #expect(!to2022.table.contains("Later programmes"))
        #expect(to2025.laterSelections.map(\.year).min() == 2024)
        #expect(to2025.laterSelections.allSatisfy { $0.programme != .platform })
        #expect(to2025.table.contains("Later programmes"))
        #expect(to2025.years.last?.cumulative == to2022.years.last?.cumulative)
        let json = try JSONSerialization.jsonObject(with: Data(to2025.json().utf8)) as? [String: Any]
        #expect((json?["laterProgrammes"] as? [Any])?.count == to2025.laterSelections.count)
    }

    /// With today's codes, 강원 units (42xxx in the 2023 boundaries) become 51xxx; nothing else moves.
    @Test func currentCodesRewriteOnlyChangedUnits() throws {
        let crosswalk = try CodeCrosswalk.load(geodata: atlas.geodata)
        let plain = try RolloutReport(rollout: Self.rollout, until: 2020)
        let current = try RolloutReport(rollout: Self.rollout, until: 2020, currentCodes: crosswalk)
        let a = plain.adopterTable, b = current.adopterTable
        #expect(a.contains(" 42 ") || a.contains("42130"))
        #expect(!b.contains("42130"))
        #expect(b.contains("51130"))
        #expect(a.split(separator: "\n").count == b.split(separator: "\n").count)
    }

    @Test func locateCSVWritesCurrentCodesWhenAsked() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-codes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let input = dir.appendingPathComponent("p.csv").path
        try "lat,lon\n37.75,128.9\n37.5665,126.978\n".write(toFile: input, atomically: true, encoding: .utf8)
        let crosswalk = try CodeCrosswalk.load(geodata: atlas.geodata)
        for (codes, expected) in [(nil as CodeCrosswalk?, "42150"), (crosswalk, "51150")] {
            let out = dir.appendingPathComponent("o.csv").path
            _ = try atlas.locateCSV(input: input, output: out, options: CSVLocateOptions(currentCodes: codes)) { _ in }
            let rows = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
            #expect(rows[1].hasPrefix("37.75,128.9,\(expected),"))
            #expect(rows[2].hasPrefix("37.5665,126.978,11140,"))
        }
    }
}
