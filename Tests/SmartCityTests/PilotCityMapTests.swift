import GeoRender
import SmartCity
import Testing

@Suite struct PilotCityMapTests {
    @Test func drawsTheChosenLayers() throws {
        let density = try PilotCityAnalysis.densitySurface(busanTwin)
        let map = try PilotCityMap.map(busanTwin, density: density)
        let svg = try MapRenderer.renderSVG(map).svg
        #expect(svg.contains("mobility hub (modelled)") && svg.contains("Residents per ha"))
        let bare = try PilotCityMap.map(busanTwin, layers: [.footprint, .roads])
        #expect(bare.layers.map(\.id) == ["roads", "footprint"])
    }
}
