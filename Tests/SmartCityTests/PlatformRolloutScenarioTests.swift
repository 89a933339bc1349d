import SmartCity
import Testing

@Suite struct PlatformRolloutScenarioTests {
    @Test func plans() throws {
        let p2018 = rollout.coverage(of: try rollout.selections(.plan2018), years: 2015...2022, method: .municipalOnly)
        #expect(p2018.map(\.selected) == [2, 2, 6, 12, 15, 15, 15, 13])
        #expect(p2018.last?.cumulative == 80)
        #expect(p2018.prefix(5).allSatisfy { $0.modelled == 0 })
        let s2019 = try rollout.selections(.plan2019)
        let p2019 = rollout.coverage(of: s2019, years: 2015...2023, method: .municipalOnly)
        #expect(p2019.map(\.cumulative) == [2, 4, 10, 22, 49, 69, 89, 108, rollout.units.count + 5])
        #expect(p2019.last?.municipalitiesCovered == rollout.units.count)
        #expect(p2019.last?.populationShare == 1)
    }
}
