import SmartCity
import Testing

@Suite struct PlatformRolloutStrategyTests {
    func unit(_ code: String, _ sido: String, _ population: Int) -> LocalGovernment {
        LocalGovernment(code: code, name: code, sidoCode: sido, sidoName: sido, population: population, areaKm2: 1, memberCodes: [code])
    }

    @Test func defaultTiers() throws {
        let c = [unit("11110", "11", 900_000), unit("44825", "44", 59_000), unit("41110", "41", 310_000), unit("41120", "41", 310_000)]
        let picks = try DefaultSelectionStrategy().select(4, from: c, context: SelectionContext(year: 2019, round: "2", selected: []))
        #expect(picks.map(\.unit.code) == ["44825", "11110", "41110", "41120"])
        #expect(picks[0].reason.contains("enterprise city"))
        #expect(picks[1].reason.contains("tier 2"))
    }

    @Test func greedySkipsSidoCoveredUnits() throws {
        let c = [unit("11110", "11", 900_000), unit("26110", "26", 100_000)]
        let picks = try GreedyUncoveredPopulationStrategy().select(1, from: c, context: SelectionContext(year: 2020, round: "1", selected: ["11"]))
        #expect(picks.map(\.unit.code) == ["26110"])
    }

    @Test func userList() throws {
        let c = [unit("11110", "11", 1), unit("26110", "26", 2)]
        let ctx = SelectionContext(year: 2020, round: "1", selected: [])
        #expect(try ListSelectionStrategy(codes: ["26110", "11110"]).select(2, from: c, context: ctx).map(\.unit.code) == ["26110", "11110"])
        #expect(throws: PlatformRolloutError.strategyExhausted(year: 2020, round: "1", missing: 1)) {
            try ListSelectionStrategy(codes: ["26110"]).select(2, from: c, context: ctx)
        }
        #expect(throws: PlatformRolloutError.invalidListEntry("seoul")) {
            try ListSelectionStrategy(codes: ["seoul"]).select(1, from: c, context: ctx)
        }
        #expect(throws: PlatformRolloutError.self) {
            try DefaultSelectionStrategy().select(3, from: c, context: ctx)
        }
    }
}
