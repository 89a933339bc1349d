import Foundation
import GeoCore
import Testing
@testable import GeoRender

@Suite struct LegendPlacementTests {
    static func square(_ x: Double, _ y: Double, _ side: Double, id: Int64) -> Feature {
        let ring = [Coordinate(x, y), Coordinate(x + side, y), Coordinate(x + side, y + side),
                    Coordinate(x, y + side), Coordinate(x, y)]
        return Feature(id: .int(id), geometry: .polygon(Polygon(exterior: ring)))
    }

    /// Three filled quadrants of a 100 x 100 square; only the top-left one is empty (its corner
    /// vertex keeps the extent square).
    static func threeQuadrants(legendCorner: Corner? = nil) -> Map {
        let blocks = Layer(id: "blocks", features: FeatureCollection([
            square(0, 0, 50, id: 1), square(50, 0, 50, id: 2), square(50, 50, 50, id: 3),
            Feature(id: .int(4), geometry: .point(Point(x: 0, y: 100))),
        ]), style: Style(fill: Color(red: 0x88, green: 0xAA, blue: 0x55), stroke: .white, strokeWidth: 0.5),
        legendLabel: "Blocks")
        return Map(width: 600, projection: PlanarProjection(crsIdentifier: "EPSG:5179"), margin: 0, layers: [blocks],
                   legendCorner: legendCorner, scaleBar: false, northArrow: false)
    }

    /// The legend's top-left corner from its `translate(x,y)`.
    static func legendOrigin(_ svg: String) throws -> (x: Double, y: Double) {
        let legend = try #require(SVGStructure(svg).element(id: "legend"))
        let transform = try #require(legend.attributes["transform"])
        let numbers = transform.dropFirst("translate(".count).dropLast().split(separator: ",").compactMap { Double($0) }
        try #require(numbers.count == 2)
        return (numbers[0], numbers[1])
    }

    @Test func aPlainLayerHasALegendRow() throws {
        let (svg, _) = try MapRenderer.renderSVG(Self.threeQuadrants())
        let doc = SVGStructure(svg)
        #expect(doc.error == nil)
        let rows = doc.elements.filter { $0.attributes["class"] == "legend-entry legend-layer" }
        #expect(rows.count == 1)
        #expect(svg.contains(">Blocks</text>"))
        #expect(svg.contains("fill=\"#88aa55\""))
    }

    @Test func aLayerWithoutLabelHasNoLegend() throws {
        var map = Self.threeQuadrants()
        map.layers[0].legendLabel = nil
        let (svg, _) = try MapRenderer.renderSVG(map)
        #expect(SVGStructure(svg).element(id: "legend") == nil)
    }

    @Test func theLegendGoesToTheEmptyCorner() throws {
        let (svg, summary) = try MapRenderer.renderSVG(Self.threeQuadrants())
        let origin = try Self.legendOrigin(svg)
        // The frame is the whole 600 px page; the empty quadrant is its top-left quarter.
        #expect(origin.x < 300 && origin.y < summary.height / 2)
    }

    @Test func aCornerTheMapAsksForIsKept() throws {
        let (svg, summary) = try MapRenderer.renderSVG(Self.threeQuadrants(legendCorner: .bottomRight))
        let origin = try Self.legendOrigin(svg)
        #expect(origin.x > 300 && origin.y > summary.height / 2)
    }

    @Test func theDefaultCornerIsKeptWhenItIsFree() throws {
        var map = Self.threeQuadrants()
        map.layers[0].features = FeatureCollection([Self.square(0, 50, 50, id: 1),
                                                    Feature(id: .int(2), geometry: .point(Point(x: 100, y: 0)))])
        let (svg, summary) = try MapRenderer.renderSVG(map)
        let origin = try Self.legendOrigin(svg)
        #expect(origin.x > 300 && origin.y > summary.height / 2)
    }

    @Test func scoresCountOutlinesByLengthAndFillsByArea() {
        var grid = PartGeometry<Int64>()
        grid.append([0, 0, 100, 0, 100, 100, 0, 100], kind: .exterior, feature: 0)
        let box = BoundingBox(minX: 0, minY: 0, maxX: 10, maxY: 10)
        let filled = LegendPlacement(layers: [(grid, Style(fill: .white))], unitsPerPixel: 1, insetFrames: [])
        #expect(abs(filled.coveredArea(box) - 100) < 1e-9)
        let outline = LegendPlacement(layers: [(grid, Style(fillNone: true, stroke: .white, strokeWidth: 2))],
                                      unitsPerPixel: 1, insetFrames: [])
        #expect(abs(outline.coveredArea(box) - 40) < 1e-9)
    }
}
