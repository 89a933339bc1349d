import Foundation
import GeoCore
@testable import SmartCity
import Testing

@Suite struct PolygonLayerIndexTests {
    func square(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Geometry {
        .polygon(Polygon(exterior: [Coordinate(x0, y0), Coordinate(x1, y0), Coordinate(x1, y1), Coordinate(x0, y1), Coordinate(x0, y0)]))
    }

    @Test func finerUnitWinsOverParent() throws {
        // 0: parent city over both districts (rank 1); 1 and 2: districts sharing the edge x = 5.
        let index = try PolygonLayerIndex(geometries: [square(0, 0, 10, 10), square(0, 0, 5, 10), square(5, 0, 10, 10)],
                                          rank: [1, 0, 0])
        #expect(index.feature(x: 2, y: 2) == 1)
        #expect(index.feature(x: 7, y: 2) == 2)
        #expect(index.feature(x: 5, y: 5) == 1, "shared edge: the smaller index wins")
        #expect(index.feature(x: 11, y: 5) == nil)
    }

    @Test func multiPolygonPartsAndEmptyGeometries() throws {
        let islands = Geometry.multiPolygon(MultiPolygon([
            Polygon(exterior: [Coordinate(20, 20), Coordinate(21, 20), Coordinate(21, 21), Coordinate(20, 20)]),
            Polygon(exterior: [Coordinate(30, 30), Coordinate(31, 30), Coordinate(31, 31), Coordinate(30, 30)]),
        ]))
        let index = try PolygonLayerIndex(geometries: [nil, islands, .point(Point(x: 1, y: 1))], rank: [0, 0, 0])
        #expect(index.feature(x: 30.9, y: 30.1) == 1)
        #expect(index.feature(x: 20.9, y: 20.1) == 1)
        #expect(index.feature(x: 25, y: 25) == nil)
        #expect(index.feature(x: 1, y: 1) == nil)
    }

    /// The answer grid never disagrees with the exact path: stars and rings of many sizes,
    /// probed on random points and on every vertex.
    @Test func gridAgreesWithExactPath() throws {
        var rng = SeededGenerator(state: 7)
        var geometries: [Geometry?] = []
        for k in 0..<60 {
            let cx = Double.random(in: 0...100, using: &rng), cy = Double.random(in: 0...60, using: &rng)
            let r = Double.random(in: 0.05...8, using: &rng)
            let n = Int.random(in: 3...40, using: &rng)
            var ring: [Coordinate] = []
            for i in 0..<n {
                let a = Double(i) * 2 * .pi / Double(n)
                let rr = i % 2 == 0 ? r : r * 0.4
                ring.append(Coordinate(cx + rr * cos(a), cy + rr * sin(a)))
            }
            ring.append(ring[0])
            geometries.append(.polygon(Polygon(exterior: ring)))
            if k % 10 == 0 { geometries.append(nil) }
        }
        let index = try PolygonLayerIndex(geometries: geometries, rank: geometries.indices.map { Int32($0 % 3) })
        for _ in 0..<5_000 {
            let x = Double.random(in: -10...110, using: &rng), y = Double.random(in: -10...70, using: &rng)
            #expect(index.feature(x: x, y: y) == index.exactFeature(x: x, y: y), "(\(x), \(y))")
        }
        for g in geometries.compactMap({ $0 }) {
            g.forEachCoordinate { c in #expect(index.feature(x: c.x, y: c.y) == index.exactFeature(x: c.x, y: c.y)) }
        }
    }
}
