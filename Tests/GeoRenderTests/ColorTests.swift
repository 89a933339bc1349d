import Testing
@testable import GeoRender

@Suite struct ColorTests {
    @Test func colorHexRoundTrip() {
        #expect(Color(hex: "#A1b2C3")?.hex == "#a1b2c3")
        #expect(Color(hex: "12345") == nil)
        #expect(Color(hex: "zzzzzz") == nil)
        #expect(Color.black.mixed(with: .white, 0.5).hex == "#808080")
    }
}
