import GeoCore
import Testing
@testable import GeoRender

@Suite struct ThemeResolutionTests {
    let fc = TestLayers.districts(columns: 3, rows: 2)

    @Test func numericClassesAndLegend() throws {
        let layer = Layer(id: "d", features: fc,
                          thematic: .choropleth(Choropleth(values: .numbers([1, 2, 3, 4, nil, 6]), classes: .numeric(.userBreaks([2, 4])),
                                                           palette: .colorBrewer("Greens"), legendTitle: "T")))
        let t = try ResolvedTheme.resolve(layer, drawable: Array(repeating: true, count: 6))
        #expect(t.classOf == ["c0", "c0", "c1", "c1", "nodata", "c2"])
        guard case .classes(let title, let entries, _)? = t.legend else { Issue.record("no class legend"); return }
        #expect(title == "T")
        #expect(entries.map(\.label) == ["1 – 2", "2 – 4", "4 – 6", "No data"])
        #expect(entries.map(\.count) == [2, 2, 1, 1])
    }

    @Test func categoricalOrder() throws {
        let layer = Layer(id: "d", features: fc,
                          thematic: .choropleth(Choropleth(values: .categories(["b", "a", "b", nil, "c", "a"]),
                                                           classes: .categorical(order: ["c"]), palette: .colorBrewer("Set2"))))
        let t = try ResolvedTheme.resolve(layer, drawable: Array(repeating: true, count: 6))
        guard case .classes(_, let entries, _)? = t.legend else { Issue.record("no class legend"); return }
        #expect(entries.map(\.label) == ["c", "a", "b", "No data"])
        #expect(entries.map(\.count) == [1, 2, 2, 1])
    }

    @Test func gradientFillsFeatures() throws {
        let layer = Layer(id: "d", features: fc,
                          thematic: .choropleth(Choropleth(values: .field("pop"), palette: .viridis, legend: .gradient)))
        let t = try ResolvedTheme.resolve(layer, drawable: Array(repeating: true, count: 6))
        #expect(t.featureFill.allSatisfy { $0 != nil })
        guard case .gradient? = t.legend else { Issue.record("no gradient legend"); return }
    }

    @Test func proportionalRadiiAreAreaTrue() throws {
        let layer = Layer(id: "d", features: fc,
                          thematic: .proportionalSymbols(ProportionalSymbols(values: .numbers([100, 25, 0, -1, nil, .nan]), maximumRadius: 10)))
        let t = try ResolvedTheme.resolve(layer, drawable: Array(repeating: true, count: 6))
        #expect(t.radius[0] == 10)
        #expect(t.radius[1] == 5)
        #expect(t.radius[2] == nil && t.radius[3] == nil && t.radius[4] == nil && t.radius[5] == nil)
        #expect(ResolvedTheme.roundLegendValues(100) == [100, 20, 10])
    }

    @Test func wrongValueCountIsAnError() {
        let layer = Layer(id: "d", features: fc, thematic: .choropleth(Choropleth(values: .numbers([1, 2]))))
        #expect(throws: RenderError.self) { try ResolvedTheme.resolve(layer, drawable: Array(repeating: true, count: 6)) }
    }
}
