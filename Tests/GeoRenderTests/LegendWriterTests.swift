import Testing
@testable import GeoRender

@Suite struct LegendWriterTests {
    @Test func rowsAndCounts() {
        let legend = LegendWriter(legends: [.classes(title: "Title", entries: [
            LegendEntry(color: .black, label: "1 – 2", count: 3),
            LegendEntry(color: .white, label: "No data", count: 1),
        ], note: "n")])
        let (w, h) = legend.size()
        #expect(w >= 120 && h > 3 * LegendWriter.rowHeight)
        let out = SVGWriter()
        legend.write(to: out, x: 10, y: 20)
        let doc = SVGStructure(out.text)
        #expect(doc.error == nil)
        #expect(doc.elements.filter { $0.attributes["class"] == "legend-entry" }.map { $0.attributes["data-count"] } == ["3", "1"])
        #expect(doc.elements.first?.attributes["transform"] == "translate(10,20)")
    }

    @Test func twoGradientsGetDistinctIDs() {
        let g = LegendContent.gradient(title: "", palette: .viridis, reversed: false, minimum: "0", maximum: "1", noData: nil)
        let out = SVGWriter()
        out.raw("<svg>")
        LegendWriter(legends: [g, g]).write(to: out, x: 0, y: 0)
        out.raw("</svg>")
        let ids = SVGStructure(out.text).elements.compactMap { $0.attributes["id"] }
        #expect(ids.contains("legend-gradient-0") && ids.contains("legend-gradient-1"))
    }
}
