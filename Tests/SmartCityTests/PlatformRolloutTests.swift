import Foundation
import SmartCity
import Testing

/// One rollout for the suite (built over the shared atlas).
let rollout = try! PlatformRollout.load(atlas: atlas)

@Suite struct PlatformRolloutTests {
    @Test func recordedCumulativeCounts() throws {
        let s = try rollout.selections(.recorded)
        let years = rollout.coverage(of: s, years: 2015...2022, method: .municipalOnly)
        #expect(years.map(\.cumulative) == [2, 4, 10, 22, 49, 108, 108, 108])
        #expect(years.map(\.selected) == [2, 2, 6, 12, 27, 59, 0, 0])
        #expect(years.first { $0.year == 2019 }?.modelled == 6)
        #expect(years.first { $0.year == 2020 }?.modelled == 6)
        #expect(s.filter { $0.status == .modelled }.count == 13)
    }

    @Test func modelledRowsAreNeverRecorded() throws {
        let file = rollout.records
        let modelledCodes = Set(file.filter { $0.status == .modelled }.map(\.code))
        for scenario in RolloutScenario.allCases {
            for strategy in [DefaultSelectionStrategy() as any SelectionStrategy, GreedyUncoveredPopulationStrategy()] {
                let s = try rollout.selections(scenario, strategy: strategy)
                for r in s where r.status == .recorded {
                    // A recorded selection is a file row marked recorded, same adopter, same year.
                    #expect(file.contains { $0.status == .recorded && $0.code == r.code && $0.year == r.year })
                    #expect(!modelledCodes.contains(r.code))
                    #expect(!r.source.hasPrefix("selection model"))
                }
                for r in s where r.source.hasPrefix("selection model") || r.source == "user list" {
                    #expect(r.status == .modelled)
                }
            }
        }
    }

    @Test func defaultStrategyReproducesTheFile() throws {
        #expect(try rollout.selections(.recorded) == rollout.records)
    }

    @Test func otherStrategiesOnlyChangeModelledRows() throws {
        let greedy = try rollout.selections(.recorded, strategy: GreedyUncoveredPopulationStrategy())
        #expect(greedy.count == 108)
        for (a, b) in zip(greedy, rollout.records) where b.status == .recorded { #expect(a == b) }
        #expect(greedy.filter { $0.status == .modelled }.map(\.code) != rollout.records.filter { $0.status == .modelled }.map(\.code))
        #expect(Set(greedy.map(\.code)).count == 108)
    }
}
