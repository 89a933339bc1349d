import Testing
@testable import GeoRender

@Suite struct SVGPathEncoderTests {
    @Test func relativeCommandsOnTheGrid() {
        var g = PartGeometry<Int64>()
        g.append([10, 20, 15, 20, 15, 5], kind: .exterior, feature: 0)
        g.append([0, 0, -5, 3], kind: .line, feature: 0)
        let w = SVGWriter()
        SVGPathEncoder(decimals: 1).write(g, parts: 0..<2, to: w)
        #expect(w.text == "M1 2l0.5 0 0-1.5zM0 0l-0.5 0.3")
    }

    @Test func pointsAreSkipped() {
        var g = PartGeometry<Int64>()
        g.append([1, 1], kind: .point, feature: 0)
        let w = SVGWriter()
        SVGPathEncoder(decimals: 0).write(g, parts: 0..<1, to: w)
        #expect(w.text.isEmpty)
    }
}
