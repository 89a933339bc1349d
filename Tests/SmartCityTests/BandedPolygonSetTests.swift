import Foundation
import GeoCore
@testable import SmartCity
import Testing

@Suite struct BandedPolygonSetTests {
    static func ring(_ pts: [(Double, Double)]) -> [Coordinate] { (pts + [pts[0]]).map { Coordinate($0.0, $0.1) } }

    let squareWithHole = Polygon(exterior: ring([(0, 0), (10, 0), (10, 10), (0, 10)]),
                                 holes: [ring([(4, 4), (6, 4), (6, 6), (4, 6)])])

    @Test func interiorExteriorAndHole() {
        var set = BandedPolygonSet()
        set.append(squareWithHole)
        #expect(set.covers(0, x: 1, y: 1))
        #expect(set.covers(0, x: 9.99, y: 5))
        #expect(!set.covers(0, x: 5, y: 5))
        #expect(!set.covers(0, x: 10.01, y: 5))
        #expect(!set.covers(0, x: -1, y: -1))
        #expect(!set.covers(0, x: .nan, y: 5))
    }

    @Test func boundaryIsCovered() {
        var set = BandedPolygonSet()
        set.append(squareWithHole)
        for (x, y) in [(0.0, 0.0), (10, 10), (5, 0), (0, 7.5), (10, 3), (4, 5), (6, 6), (5, 4)] {
            #expect(set.covers(0, x: x, y: y), "(\(x), \(y)) lies on a ring")
        }
    }

    @Test func orientationDoesNotMatter() {
        var set = BandedPolygonSet()
        set.append(Polygon(exterior: squareWithHole.exterior.reversed(), holes: [squareWithHole.holes[0]]))
        #expect(set.covers(0, x: 1, y: 1))
        #expect(!set.covers(0, x: 5, y: 5))
    }

    /// A figure eight (self-intersecting ring, like 45770): both loops are inside, as make_valid gives.
    @Test func selfIntersectingRingCoversBothLoops() {
        var set = BandedPolygonSet()
        set.append(Polygon(exterior: Self.ring([(0, 0), (4, 4), (4, 0), (0, 4)])))
        #expect(set.covers(0, x: 0.5, y: 2))
        #expect(set.covers(0, x: 3.5, y: 2))
        #expect(!set.covers(0, x: 2, y: 3.5))
        #expect(set.covers(0, x: 2, y: 2))
    }

    /// Many edges in many bands agree with a brute-force crossing test on a star polygon.
    @Test func starPolygonAgreesWithBruteForce() {
        var pts: [(Double, Double)] = []
        for k in 0..<400 {
            let a = Double(k) * 2 * .pi / 400
            let r = k % 2 == 0 ? 10.0 : 4.0
            pts.append((r * cos(a), r * sin(a)))
        }
        let ring = Self.ring(pts)
        var set = BandedPolygonSet()
        set.append(Polygon(exterior: ring))
        var rng = SeededGenerator(state: 42)
        for _ in 0..<5000 {
            let x = Double.random(in: -11...11, using: &rng), y = Double.random(in: -11...11, using: &rng)
            var inside = false
            for i in 0..<(ring.count - 1) {
                let a = ring[i], b = ring[i + 1]
                if (a.y > y) != (b.y > y) && x < (b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
            }
            #expect(set.covers(0, x: x, y: y) == inside, "(\(x), \(y))")
        }
    }
}

/// A fixed-seed generator (SplitMix64) so the tests are deterministic.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
