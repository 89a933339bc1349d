import GeoCore
import Testing
@testable import GeoRender

@Suite struct MapLayoutTests {
    @Test func heightFollowsTheData() throws {
        let map = Map(width: 1000, title: "T", subtitle: "S", attribution: "A")
        let l = try MapLayout.make(map, extent: BoundingBox(minX: 0, minY: 0, maxX: 100, maxY: 50))
        #expect(l.frame.width == 968)
        #expect(l.frame.height == 484)
        #expect(l.titleBaseline < l.subtitleBaseline && l.subtitleBaseline < l.frame.minY)
        #expect(l.attributionBaseline > l.frame.maxY && l.attributionBaseline < l.height)
    }

    @Test func givenHeightAndEmptyData() throws {
        let l = try MapLayout.make(Map(width: 400, height: 300), extent: .empty)
        #expect(l.height == 300)
        #expect(l.frame.minY == 16 && l.frame.maxY == 284)
    }
}
