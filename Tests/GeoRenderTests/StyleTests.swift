import Testing
@testable import GeoRender

@Suite struct StyleTests {
    @Test func propertiesInFixedOrder() {
        let s = Style(fill: Color(hex: "#ff0000"), stroke: .black, strokeWidth: 0.25, opacity: 0.5, fillOpacity: 0.75,
                      dash: [4, 2], nonScalingStroke: true)
        let names = s.properties().map(\.0)
        #expect(names == ["fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray", "stroke-linejoin", "opacity", "vector-effect"])
        #expect(s.properties().first { $0.0 == "stroke-dasharray" }?.1 == "4 2")
        #expect(Style(fillNone: true).properties().map(\.1) == ["none"])
    }
}
