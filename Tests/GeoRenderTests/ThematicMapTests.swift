import GeoCore
import Testing
@testable import GeoRender

@Suite struct ThematicMapTests {
    @Test func choroplethHookFromValues() throws {
        let fc = TestLayers.districts(columns: 4, rows: 2)
        let values: [Double?] = [0, 0.1, 0.2, 0.4, 0.5, nil, 0.8, 1]
        let map = ThematicMap.choropleth(fc, values: values, scheme: .equalInterval(4),
                                         options: ThematicMapOptions(title: "Coverage", layerID: "coverage", idField: "code",
                                                                     dataFields: ["code"], legendTitle: "Share covered"))
        let (svg, summary) = try MapRenderer.renderSVG(map)
        #expect(summary.featuresDrawn == 8)
        let doc = SVGStructure(svg)
        #expect(doc.error == nil)
        let counts = doc.elements.filter { $0.attributes["class"] == "legend-entry" }.compactMap { $0.attributes["data-count"] }
        #expect(counts == ["3", "2", "0", "2", "1"])
    }

    @Test func categoricalHook() throws {
        let fc = TestLayers.districts(columns: 2, rows: 1)
        let map = ThematicMap.categorical(fc, categories: ["2019", "2020"], order: ["2020", "2019"],
                                          options: ThematicMapOptions(palette: .colorBrewer("Dark2")))
        let doc = SVGStructure(try MapRenderer.renderSVG(map).svg)
        let labels = doc.elements.filter { $0.name == "text" && $0.parentID == "legend" }.map(\.text)
        #expect(labels.starts(with: ["2020", "(1)", "2019", "(1)"]))
    }
}
