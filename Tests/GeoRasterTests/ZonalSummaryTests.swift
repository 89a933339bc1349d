import Testing
@testable import GeoRaster

@Suite struct ZonalSummaryTests {
    @Test func weightedDefinitionsByHand() {
        var s = ZonalSummary(histogram: true)
        s.add(1, coverage: 0.5)
        s.add(2, coverage: 1)
        s.add(3, coverage: 0.5)
        #expect(s.value(.count) == 2)
        #expect(s.value(.sum) == 4)
        #expect(s.value(.mean) == 2)
        #expect(abs(s.value(.variance)! - 0.5) < 1e-15)  // (0.5·1 + 0 + 0.5·1) / 2
        #expect(s.value(.majority) == 2)
        #expect(s.value(.minority) == 1)     // tie between 1 and 3 goes to the smaller value
        #expect(s.value(.variety) == 3)
        #expect(s.value(.frac(3)) == 0.25)
        #expect(s.value(.frac(7)) == nil)
        // s_i = i·w_i + (n−1)·S_{i−1}: 0, 1·1 + 2·0.5 = 2, 2·0.5 + 2·1.5 = 4; median at 0.5·2·2 = 2.
        #expect(s.value(.median) == 2)
        #expect(s.value(.quantile(0.25)) == 1.5)
        #expect(s.value(.quantile(0)) == 1 && s.value(.quantile(1)) == 3)
    }

    @Test func majorityTieGoesToLargerValue() {
        var s = ZonalSummary(histogram: true)
        s.add(4, coverage: 1)
        s.add(9, coverage: 1)
        #expect(s.value(.majority) == 9)
        #expect(s.value(.minority) == 4)
    }

    @Test func emptySummary() {
        let s = ZonalSummary(histogram: true)
        #expect(s.value(.count) == 0 && s.value(.sum) == 0 && s.value(.variety) == 0)
        #expect(s.value(.mean) == nil && s.value(.min) == nil && s.value(.median) == nil)
    }
}
