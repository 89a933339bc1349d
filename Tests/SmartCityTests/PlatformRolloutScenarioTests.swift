import SmartCity
import Testing

@Suite struct PlatformRolloutScenarioTests {
    @Test func plans() throws {
        let p2018 = rollout.coverage(of: try rollout.selections(.plan2018), years: 2015...2022, method: .municipalOnly)
        #expect(p2018.map(\.selected) == [2, 2, 6, 12, 15, 15, 15, 13])
        #expect(p2018.last?.cumulative == 80)
        #expect(p2018.prefix(5).map(\.modelled) == [1, 0, 0, 0, 0])  // 광양시 2015: named by an undated report
        let s2019 = try rollout.selections(.plan2019)
        let p2019 = rollout.coverage(of: s2019, years: 2015...2023, method: .municipalOnly)
        // Nine adopters are whole sido; 제주시 and 서귀포시 cannot adopt (제주특별자치도 covers them).
        #expect(p2019.map(\.cumulative) == [2, 4, 10, 22, 49, 69, 89, 108, rollout.units.count - 2 + 9])
        #expect(p2019.last?.municipalitiesCovered == rollout.units.count - 2)
        #expect(rollout.coverage(of: s2019, years: 2023...2023, method: .withSidoPlatforms).last?.populationShare == 1)
    }
}
