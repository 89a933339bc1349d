import Testing
@testable import GeoRender

@Suite struct FeatureAnchorsTests {
    @Test func largestPolygonWins() throws {
        var g = PartGeometry<Int64>()
        g.append([0, 0, 10, 0, 10, 10, 0, 10], kind: .exterior, feature: 0)
        g.append([100, 100, 200, 100, 200, 200, 100, 200], kind: .exterior, feature: 0)
        g.append([5, 5], kind: .point, feature: 1)
        g.append([0, 0, 10, 0, 20, 0], kind: .line, feature: 2)
        let a = FeatureAnchors.compute(g, featureCount: 4, decimals: 1)
        let first = try #require(a[0])
        #expect(abs(first.x - 15) < 0.5 && abs(first.y - 15) < 0.5)
        #expect(first.area == 100)
        #expect(a[1]?.x == 0.5)
        #expect(a[2]?.x == 1)
        #expect(a[3] == nil)
    }
}
