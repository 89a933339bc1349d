import Testing
@testable import GeoRaster

@Suite struct ZonalStatisticTests {
    @Test func parsesNamesAndQuantiles() {
        #expect(ZonalStatistic(parsing: "Mean") == .mean)
        #expect(ZonalStatistic(parsing: "mode") == .majority)
        #expect(ZonalStatistic(parsing: "quantile(q=0.25)") == .quantile(0.25))
        #expect(ZonalStatistic(parsing: "quantile=0.9") == .quantile(0.9))
        #expect(ZonalStatistic(parsing: "frac=3") == .frac(3))
        #expect(ZonalStatistic(parsing: "quantile=1.5") == nil)
        #expect(ZonalStatistic(parsing: "bogus") == nil)
        #expect(ZonalStatistic.quantile(0.25).description == "quantile_25")
        #expect(ZonalStatistic.frac(3).description == "frac_3")
    }
}
