import Testing
@testable import GeoRender

@Suite struct GeodesicDistanceTests {
    @Test func vincentyReferenceLine() {
        // Flinders Peak to Buninyong (Vincenty 1975 / Geoscience Australia): 54,972.271 m
        let d = GeodesicDistance.metres(from: (144.42486788888889, -37.95103341666667),
                                        to: (143.92649552777778, -37.65282113888889))
        #expect(abs(d - 54_972.271) < 0.01)
    }

    @Test func degreeOfLatitudeAtKorea() {
        // one degree of latitude at 36-37 N on WGS84 is about 110.95 km
        let d = GeodesicDistance.metres(from: (127, 36), to: (127, 37))
        #expect(abs(d - 110_950) < 100)
        #expect(GeodesicDistance.metres(from: (127, 36), to: (127, 36)) == 0)
    }
}
