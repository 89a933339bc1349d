import GeoCore
import Testing
@testable import GeoRender

@Suite struct ScreenTransformTests {
    @Test func fitCentresAndFlipsY() throws {
        let t = try #require(ScreenTransform.fitting(BoundingBox(minX: 0, minY: 0, maxX: 100, maxY: 50),
                                                     into: BoundingBox(minX: 10, minY: 10, maxX: 210, maxY: 210)))
        #expect(t.scale == 2)
        let a = t.apply(x: 0, y: 50), b = t.apply(x: 100, y: 0)
        #expect(a.x == 10 && a.y == 60)
        #expect(b.x == 210 && b.y == 160)
        let back = t.invert(x: a.x, y: a.y)
        #expect(back.x == 0 && back.y == 50)
    }

    @Test func degenerateBoxes() {
        #expect(ScreenTransform.fitting(.empty, into: BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1)) == nil)
        let p = ScreenTransform.fitting(BoundingBox(Coordinate(5, 5)), into: BoundingBox(minX: 0, minY: 0, maxX: 10, maxY: 10))
        #expect(p?.apply(x: 5, y: 5).x == 5)
    }
}
