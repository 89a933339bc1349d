import SmartCity
import Testing

@Suite struct PlatformRolloutCoverageTests {
    @Test func coverageMethods() throws {
        let s = try rollout.selections(.recorded)
        let municipal = rollout.coverage(of: s, years: 2020...2020, method: .municipalOnly)[0]
        let sido = rollout.coverage(of: s, years: 2020...2020, method: .withSidoPlatforms)[0]
        // Nine adopters are whole sido: municipal-only counts 99 local governments.
        #expect(municipal.municipalitiesCovered == 99)
        #expect(sido.municipalitiesCovered > municipal.municipalitiesCovered)
        #expect(sido.populationShare > municipal.populationShare)
        #expect(rollout.nation.population == 49_941_605)
        #expect(abs(sido.areaShare - sido.areaKm2 / rollout.nation.areaKm2) < 1e-12)
    }
}
