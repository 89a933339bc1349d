import Foundation
import GeoCore
import Testing
@testable import GeoRender

@Suite struct MapRendererTests {
    func districtsMap(styleMode: StyleMode = .css, labels: Bool = true) -> Map {
        let layer = Layer(id: "districts", features: TestLayers.districts(),
                          style: Style(stroke: .white, strokeWidth: 0.5, nonScalingStroke: true),
                          thematic: .choropleth(Choropleth(values: .field("pop"), classes: .numeric(.fisherJenks(4)),
                                                           palette: .colorBrewer("Blues"), legendTitle: "인구 (명)")),
                          labels: labels ? LabelOptions(field: "name", priorityField: "pop") : nil,
                          idField: "code", dataFields: ["code", "name", "pop"], simplification: 0.5)
        return Map(width: 600, title: "Test districts", subtitle: "Synthetic", attribution: "GeoTwin test data",
                   projection: PlanarProjection(crsIdentifier: "EPSG:5179"), layers: [layer], styleMode: styleMode)
    }

    @Test func documentStructure() throws {
        let (svg, summary) = try MapRenderer.renderSVG(districtsMap())
        let doc = SVGStructure(svg)
        #expect(doc.error == nil)
        let root = try #require(doc.elements.first)
        #expect(root.name == "svg")
        #expect(root.attributes["version"] == "1.1")
        #expect(root.attributes["role"] == "img")
        #expect(root.attributes["viewBox"] == "0 0 600 \(Style.format(summary.height, 2))")
        #expect(root.attributes["font-family"]?.contains("Noto Sans CJK KR") == true)
        #expect(doc.elements[1].name == "title" && doc.elements[1].text == "Test districts")
        #expect(doc.elements[2].name == "desc")
        let meta = try #require(doc.elements.first { $0.name == "gt:map" })
        #expect(meta.attributes["crs"] == "EPSG:5179")
        #expect(meta.attributes["bounds"] == "0 0 500 400")
        let paths = doc.children(of: "districts").filter { $0.name == "path" }
        #expect(paths.count == 20)
        #expect(paths[0].attributes["id"] == "districts-11010")
        #expect(paths[0].attributes["data-name"] == "종로구")
        #expect(paths[0].attributes["data-code"] == "11010")
        #expect(paths.allSatisfy { $0.attributes["class"]?.hasPrefix("c") == true })
        #expect(summary.featuresDrawn == 20)
        #expect(doc.elements.filter { $0.name == "style" }.count == 1)
        #expect(doc.element(id: "legend") != nil && doc.element(id: "scale-bar") != nil && doc.element(id: "north-arrow") != nil)
        let labels = doc.elements.filter { $0.name == "text" && $0.parentID == "districts-labels" }
        #expect(labels.count == 2 * summary.labelsPlaced)
        #expect(summary.labelsPlaced + summary.labelsDropped == 20)
        #expect(labels.contains { $0.text == "종로구" } || summary.labelsPlaced < 20)
        let ids = doc.elements.compactMap { $0.attributes["id"] }
        #expect(Set(ids).count == ids.count)
    }

    @Test func legendCountsEqualTheData() throws {
        let map = districtsMap()
        let (svg, _) = try MapRenderer.renderSVG(map)
        let doc = SVGStructure(svg)
        let entries = doc.elements.filter { $0.attributes["class"] == "legend-entry" }
        let legendCounts = entries.compactMap { $0.attributes["data-count"].flatMap { Int($0) } }
        let pops = map.layers[0].features.features.map { $0.properties["pop"]?.doubleValue }
        let expected = try Classification(values: pops, scheme: .fisherJenks(4)).counts
        #expect(legendCounts == expected)
        let paths = doc.children(of: "districts").filter { $0.name == "path" }
        for (i, n) in expected.enumerated() {
            #expect(paths.filter { $0.attributes["class"] == "c\(i)" }.count == n)
        }
    }

    @Test func byteIdenticalOutput() throws {
        let a = try MapRenderer.renderSVG(districtsMap()).svg
        let b = try MapRenderer.renderSVG(districtsMap()).svg
        #expect(a == b)
        #expect(!a.isEmpty)
    }

    @Test func inlineStyles() throws {
        let (svg, _) = try MapRenderer.renderSVG(districtsMap(styleMode: .inline, labels: false))
        let doc = SVGStructure(svg)
        #expect(doc.error == nil)
        #expect(!doc.elements.contains { $0.name == "style" })
        let paths = doc.children(of: "districts").filter { $0.name == "path" }
        #expect(paths.allSatisfy { $0.attributes["fill"]?.hasPrefix("#") == true })
        #expect(paths.allSatisfy { $0.attributes["vector-effect"] == "non-scaling-stroke" })
    }

    @Test func emptyLayerGivesTheDocumentedEmptyMap() throws {
        let map = Map(width: 400, title: "Nothing", layers: [Layer(id: "none", features: FeatureCollection())])
        let (svg, summary) = try MapRenderer.renderSVG(map)
        #expect(summary.isEmpty)
        let doc = SVGStructure(svg)
        #expect(doc.error == nil)
        #expect(doc.element(id: "empty-note")?.text == "No data to draw")
        #expect(doc.element(id: "none") != nil)
    }

    @Test func featureWithoutGeometryIsSkippedAndNotCounted() throws {
        var fc = TestLayers.districts(columns: 2, rows: 1)
        fc.features.append(Feature(id: .int(99), geometry: nil, properties: ["pop": 5]))
        let layer = Layer(id: "d", features: fc,
                          thematic: .choropleth(Choropleth(values: .field("pop"), classes: .numeric(.equalInterval(2)))))
        let (svg, summary) = try MapRenderer.renderSVG(Map(width: 300, layers: [layer]))
        #expect(summary.featuresWithoutGeometry == 1)
        #expect(summary.featuresDrawn == 2)
        let counts = SVGStructure(svg).elements.filter { $0.attributes["class"] == "legend-entry" }
            .compactMap { $0.attributes["data-count"].flatMap { Int($0) } }
        #expect(counts.reduce(0, +) == 2)
    }

    @Test func allNaNAttributeDrawsEverythingAsNoData() throws {
        let fc = TestLayers.districts(columns: 2, rows: 2)
        let layer = Layer(id: "d", features: fc,
                          thematic: .choropleth(Choropleth(values: .numbers([.nan, .nan, nil, .nan]),
                                                           classes: .numeric(.quantiles(5)))))
        let (svg, _) = try MapRenderer.renderSVG(Map(width: 300, layers: [layer]))
        let doc = SVGStructure(svg)
        #expect(doc.error == nil)
        #expect(doc.children(of: "d").allSatisfy { $0.attributes["class"] == "nodata" })
        let entries = doc.elements.filter { $0.attributes["class"] == "legend-entry" }
        #expect(entries.count == 1)
        #expect(entries.first?.attributes["data-count"] == "4")
    }

    @Test func unprojectableDataFailsWithoutAFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("georender-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("bad.svg").path
        let fc = FeatureCollection([Feature(geometry: .point(Point(x: 500, y: 500)))])
        let map = Map(width: 300, projection: EquirectangularProjection(), layers: [Layer(id: "p", features: fc)])
        #expect(throws: RenderError.self) { try MapRenderer.render(map, to: path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func badSizesThrow() {
        #expect(throws: RenderError.self) { try MapRenderer.renderSVG(Map(width: 0)) }
        #expect(throws: RenderError.self) { try MapRenderer.renderSVG(Map(width: .nan)) }
        #expect(throws: RenderError.self) { try MapRenderer.renderSVG(Map(width: 100, height: 20, title: "x")) }
        #expect(throws: RenderError.self) { try MapRenderer.renderSVG(Map(width: 100, decimals: 9)) }
    }

    @Test func insetsAndSymbols() throws {
        let districts = Layer(id: "districts", features: TestLayers.districts(), style: Style(fill: Color(hex: "#eeeeee"), stroke: .black))
        let stations = Layer(id: "stations", features: TestLayers.stations(), style: Style(pointSymbol: .square(side: 4)),
                             thematic: .proportionalSymbols(ProportionalSymbols(values: .field("riders"), legendTitle: "Riders")),
                             dataFields: ["name"])
        let inset = Inset(id: "centre", title: "Centre", extent: BoundingBox(minX: 150, minY: 150, maxX: 250, maxY: 250),
                          frame: BoundingBox(minX: 20, minY: 60, maxX: 140, maxY: 180))
        let map = Map(width: 640, title: "Insets", layers: [districts, stations], insets: [inset])
        let (svg, _) = try MapRenderer.renderSVG(map)
        let doc = SVGStructure(svg)
        #expect(doc.error == nil)
        #expect(doc.element(id: "inset-centre") != nil)
        #expect(doc.element(id: "inset-centre-extent") != nil)
        #expect(doc.element(id: "inset-centre-districts-6") != nil)
        let circles = doc.children(of: "stations-symbols").filter { $0.name == "circle" }
        #expect(circles.count == 6)
        let radii = circles.compactMap { $0.attributes["r"].flatMap(Double.init) }
        #expect(radii == radii.sorted(by: >))
        #expect(doc.element(id: "stations-s0")?.name == "rect")
        let ids = doc.elements.compactMap { $0.attributes["id"] }
        #expect(Set(ids).count == ids.count)
    }

    @Test func graticuleOnGeographicData() throws {
        let p = EquirectangularProjection(standardParallel: 36)
        let square = Feature(geometry: .polygon(Polygon(exterior: [Coordinate(126, 34), Coordinate(130, 34), Coordinate(130, 38),
                                                                    Coordinate(126, 38), Coordinate(126, 34)])))
        let map = Map(width: 400, projection: p, layers: [Layer(id: "k", features: FeatureCollection([square]))], graticuleStep: 1)
        let doc = SVGStructure(try MapRenderer.renderSVG(map).svg)
        let path = try #require(doc.children(of: "graticule").first)
        #expect(TestLayers.count("M", in: path.attributes["d"] ?? "") >= 8)
    }

    @Test func iconSymbolsUseDefinitions() throws {
        let layer = Layer(id: "s", features: TestLayers.stations(), style: Style(pointSymbol: .icon(id: "station", size: 8)))
        let map = Map(width: 300, layers: [layer], symbolDefinitions: ["station": "<circle cx=\"0.5\" cy=\"0.5\" r=\"0.5\"/>"])
        let doc = SVGStructure(try MapRenderer.renderSVG(map).svg)
        #expect(doc.error == nil)
        #expect(doc.element(id: "station")?.name == "symbol")
        let used = doc.children(of: "s").filter { $0.name == "use" }
        #expect(used.count == 6)
        #expect(used.allSatisfy { $0.attributes["xlink:href"] == "#station" })
    }
}
