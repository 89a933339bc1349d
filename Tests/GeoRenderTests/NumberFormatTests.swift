import Testing
@testable import GeoRender

@Suite struct NumberFormatTests {
    @Test func groupsAndDecimals() {
        #expect(NumberFormat(decimals: 0).string(1_234_567) == "1,234,567")
        #expect(NumberFormat(decimals: 1).string(-1234.56) == "-1,234.6")
        #expect(NumberFormat(decimals: 2).string(0.375) == "0.38")
        #expect(NumberFormat(decimals: 0).string(-0.2) == "0")
        #expect(NumberFormat(decimals: 0).string(.nan) == "–")
    }

    @Test func fittingSeparatesNeighbouringBreaks() {
        let f = NumberFormat.fitting([0.381, 0.384, 0.5])
        #expect(f.string(0.381) != f.string(0.384))
        #expect(NumberFormat.fitting([10_000, 25_000, 1_200_000]).decimals == 0)
        #expect(NumberFormat.fitting([0.2, 0.4]).decimals == 3)
    }

    @Test func rangeLabelsNeverRepeatAValue() {
        let f = NumberFormat(decimals: 2)
        #expect(f.rangeLabel(lower: 0.381, upper: 0.384) == "0.38")
        #expect(f.rangeLabel(lower: 0.1, upper: 0.38) == "0.10 – 0.38")
    }
}
