import Testing
@testable import GeoCore

@Suite struct BoundingBoxTests {
    @Test func emptyIsUnionIdentity() {
        let b = BoundingBox(minX: 1, minY: 2, maxX: 3, maxY: 4)
        #expect(BoundingBox.empty.isEmpty)
        #expect(BoundingBox.empty.union(b) == b)
        #expect(BoundingBox.empty.width == 0)
        #expect(!BoundingBox.empty.intersects(b))
    }

    @Test func touchingBoxesIntersect() {
        let a = BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1)
        let b = BoundingBox(minX: 1, minY: 1, maxX: 2, maxY: 2)
        #expect(a.intersects(b))
        #expect(a.intersection(b) == BoundingBox(minX: 1, minY: 1, maxX: 1, maxY: 1))
        #expect(a.intersection(BoundingBox(minX: 3, minY: 3, maxX: 4, maxY: 4)).isEmpty)
    }

    @Test func nanBoxIsEmpty() {
        #expect(BoundingBox(minX: .nan, minY: 0, maxX: 1, maxY: 1).isEmpty)
    }

    @Test(arguments: PlanarFixtures.cases.map(\.name))
    func matchesShapely(name: String) throws {
        let c = try #require(PlanarFixtures.named(name))
        let e = try #require(c.record["bounds"] as? [Double])
        let b = c.geometry.boundingBox
        #expect([b.minX, b.minY, b.maxX, b.maxY] == e)
    }
}
