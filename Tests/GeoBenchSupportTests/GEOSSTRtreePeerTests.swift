import GeoBenchSupport
import GeoCore
import Testing

struct GEOSSTRtreePeerTests {
    @Test func searchAndNearestMatchBruteForce() throws {
        let data = RTreeSuiteData(count: 2_000, seed: 7)
        let items = data.items
        let peer = try GEOSSTRtreePeer()
        try peer.makeGeometries(flatBoxes: data.boxes)
        try peer.build()
        #expect(peer.count == 2_000)

        let windows = Array(data.windows1pct.prefix(50))
        try peer.setQueryWindows(windows)
        var found = [Int]()
        for (q, w) in windows.enumerated() {
            peer.search(window: q, into: &found)
            let expected = items.filter { $0.box.intersects(w) }.map(\.id)
            #expect(found.sorted() == expected)
        }

        let points = Array(data.points1.prefix(50))
        try peer.setQueryPoints(points)
        for (q, p) in points.enumerated() {
            func distance(_ b: BoundingBox) -> Double {
                let dx = Swift.max(b.minX - p.x, 0, p.x - b.maxX), dy = Swift.max(b.minY - p.y, 0, p.y - b.maxY)
                return (dx * dx + dy * dy).squareRoot()
            }
            let best = items.map { distance($0.box) }.min() ?? .infinity
            let nearest = try #require(peer.nearest(point: q))
            #expect(distance(items[nearest].box) == best)
        }
        #expect(peer.nearest(point: points.count) == nil)
    }
}
