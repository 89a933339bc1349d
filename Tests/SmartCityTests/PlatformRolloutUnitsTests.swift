import SmartCity
import Testing

@Suite struct PlatformRolloutUnitsTests {
    @Test func unitsSumToTheCensus() throws {
        let units = rollout.units
        #expect(units.reduce(0) { $0 + $1.population } == 49_941_605)
        #expect(Set(units.map(\.code)).count == units.count)
        let suwon = try #require(rollout.unit(code: "41110"))
        #expect(suwon.name == "수원시" && suwon.memberCodes == ["41111", "41113", "41115", "41117"])
        #expect(suwon.population == 263_825 + 361_364 + 170_161 + 360_829)
        let cheongju = try #require(rollout.unit(code: "43110"))
        #expect(cheongju.memberCodes == ["43111", "43113", "43710"] && cheongju.population == 827_261)
        #expect(rollout.unit(code: "41190")?.population == 796_669)
        #expect(rollout.unit(code: "44130")?.memberCodes == ["44131", "44133"])
        #expect(rollout.unit(code: "43710") == nil)
        #expect(rollout.unit(code: "11440")?.displayName == "서울 마포구")
    }
}
