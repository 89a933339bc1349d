import Foundation
import SmartCity
import Testing

/// The corrected facts of the rollout record, checked against the shipped files.
@Suite struct RolloutCorrectionsTests {
    /// Every row of `Geodata/rollout.csv`, both programmes.
    let file = try! RolloutRecords.load(geodata: atlas.geodata)

    @Test func everyRecordedRowCitesADatedReport() throws {
        let recorded = file.filter { $0.status == .recorded }
        #expect(!recorded.isEmpty)
        for r in recorded {
            #expect(r.citation.isDated, "\(r.adopter) \(r.year)")
            #expect(!r.citation.publisher.isEmpty && !r.citation.title.isEmpty)
            #expect(r.citation.url.hasPrefix("http"), "\(r.adopter)")
            #expect(r.rule.isEmpty)
        }
        for r in file where r.status == .modelled {
            #expect([DefaultSelectionStrategy().name, RolloutRecord.namedUndatedRule].contains(r.rule), "\(r.adopter)")
            if r.rule == RolloutRecord.namedUndatedRule { #expect(!r.citation.publisher.isEmpty && r.citation.date.isEmpty) }
        }
    }

    @Test func chungjuFirstAdoptsIn2024() throws {
        let chungju = file.filter { $0.code == "43130" }
        #expect(chungju.count == 1)
        #expect(chungju.allSatisfy { $0.year >= 2024 && $0.programme == .safetyNet && $0.status == .recorded })
        for strategy in [DefaultSelectionStrategy() as any SelectionStrategy, GreedyUncoveredPopulationStrategy()] {
            #expect(!(try rollout.selections(.recorded, strategy: strategy)).contains { $0.code == "43130" })
        }
    }

    @Test func taeanIn2020RoundOne() throws {
        let taean = file.filter { $0.code == "44825" }
        #expect(taean.count == 1)
        #expect(taean.first.map { "\($0.year) \($0.round) \($0.status.rawValue)" } == "2020 1 recorded")
    }

    @Test func jejuAdministrativeCitiesNeverAdopt() throws {
        let cities = ["50110", "50130"]
        #expect(!file.contains { cities.contains($0.code) })
        #expect(cities.allSatisfy { rollout.unit(code: $0)?.canAdopt == false })
        for scenario in RolloutScenario.allCases {
            for strategy in [DefaultSelectionStrategy() as any SelectionStrategy, GreedyUncoveredPopulationStrategy()] {
                #expect(!(try rollout.selections(scenario, strategy: strategy)).contains { cities.contains($0.code) })
            }
        }
        // 제주특별자치도 (50) is the adopter there, since 2018.
        #expect(file.contains { $0.code == "50" && $0.level == .sido && $0.year == 2018 && $0.status == .recorded })
    }

    @Test func michuholIsNotIncheonNamgu() throws {
        #expect(!file.contains { $0.adopter.contains("인천 남구") })
        #expect(rollout.unit(code: "28170")?.displayName == "인천 미추홀구")
        let crosswalk = try CodeCrosswalk.load(geodata: atlas.geodata)
        #expect(crosswalk.current("28170") == "28177")
        #expect(crosswalk.change(of: "28170")?.effective == "2018-07-01")
    }

    @Test func gangwonWasTheFirstProvinceWidePlatform() throws {
        let provinces = file.filter { $0.level == .sido && ["42", "43", "44", "45", "46", "47", "48"].contains($0.code) }
        #expect(provinces.first.map { "\($0.code) \($0.year) \($0.round)" } == "42 2019 1")
        #expect(provinces.first?.citation.note.contains("18") == true)
        #expect(provinces.filter { $0.year == 2020 && $0.round == "1" }.map(\.code).sorted() == ["43", "44", "46", "47"])
        #expect(file.contains { $0.code == "28" && $0.level == .sido && $0.year == 2020 && $0.round == "1" })
    }

    @Test func namedInTheRoundReports() throws {
        func names(_ year: Int, _ round: RolloutRound) -> Set<String> {
            Set(file.filter { $0.year == year && $0.round == round && $0.status == .recorded }.map(\.adopter))
        }
        #expect(names(2019, "2").isSuperset(of: ["함평군", "김천시", "진주시", "울릉군", "서울 양천구", "제천시"]))
        #expect(names(2020, "1").isSuperset(of: ["목포시", "여수시", "안동시", "영천시", "사천시", "남해군", "화성시",
                                                  "서울 도봉구", "군포시", "태안군", "충청북도", "충청남도", "전라남도",
                                                  "경상북도", "인천광역시"]))
    }

    @Test func laterProgrammeIsKeptApart() throws {
        #expect(rollout.records.count == 108 && rollout.records.allSatisfy { $0.programme == .platform })
        let later = rollout.laterProgrammes
        #expect(later.allSatisfy { $0.programme == .safetyNet && $0.year >= 2024 })
        #expect(Set(later.filter { $0.year == 2024 }.map(\.adopter))
            .isSuperset(of: ["문경시", "청송군", "영양군", "성주군", "칠곡군", "충주시"]))
        #expect(Set(later.filter { $0.year == 2025 }.map(\.adopter)) == ["무주군", "순창군"])
        let s = try rollout.selections(.recorded)
        #expect(rollout.withLaterProgrammes(s, until: 2023) == s)
        let until2025 = rollout.withLaterProgrammes(s, until: 2025)
        #expect(until2025.count == 108 + later.count)
        #expect(until2025.map(\.sequence) == Array(1...until2025.count))
        let years = rollout.coverage(of: until2025, years: 2020...2025, method: .municipalOnly)
        #expect(years.map(\.cumulative) == [108, 108, 108, 108, 108 + later.filter { $0.year == 2024 }.count, until2025.count])
        // The 108 of the plan stay 4/10/22/49/108 by 2016/2017/2018/2019/2020.
        let plan = rollout.coverage(of: until2025.filter { $0.programme == .platform }, years: 2016...2020, method: .municipalOnly)
        #expect(plan.map(\.cumulative) == [4, 10, 22, 49, 108])
    }

    @Test func modelledShareShrinks() throws {
        let share = rollout.modelledShare
        #expect(share.total == 108)
        #expect(share.modelled == 12 && share.namedUndated == 1)
        let s = try rollout.selections(.recorded)
        #expect(s.filter { $0.status == .recorded }.count == 95)
        // The undated row (광양시, 2015) is kept by every strategy.
        let greedy = try rollout.selections(.recorded, strategy: GreedyUncoveredPopulationStrategy())
        #expect(greedy.first { $0.code == "46230" }.map { "\($0.year) \($0.status.rawValue)" } == "2015 modelled")
        #expect(greedy.filter { $0.rule == GreedyUncoveredPopulationStrategy().name }.count == 12)
    }

    @Test func dataBuildScriptsReproduceTheFiles() throws {
        // The build scripts are deterministic and check the data (a recorded row without a dated
        // source stops them): a rebuild into a scratch file gives the committed bytes.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-rollout-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        for (script, file) in [("build_rollout.py", "rollout.csv"), ("build_code_crosswalk.py", "code_crosswalk.csv")] {
            let out = scratch.appendingPathComponent(file)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["python3", atlas.geodata.appendingPathComponent(script).path, out.path]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            do { try p.run() } catch { return }  // no python3 here: nothing to check
            p.waitUntilExit()
            if p.terminationStatus == 127 { return }  // env found no python3
            #expect(p.terminationStatus == 0, "\(script) stopped: the data fails its checks")
            #expect(try Data(contentsOf: out) == Data(contentsOf: atlas.geodata.appendingPathComponent(file)), "\(script)")
        }
    }
}
