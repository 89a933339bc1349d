import Testing
@testable import GeoRender

@Suite struct PolyLabelTests {
    @Test func squareCentre() throws {
        let a = try #require(PolyLabel.anchor(rings: [[0, 0, 10, 0, 10, 10, 0, 10]], precision: 0.01))
        #expect(abs(a.x - 5) < 0.05 && abs(a.y - 5) < 0.05)
        #expect(abs(a.distance - 5) < 0.05)
    }

    @Test func lShapeAvoidsTheNotch() throws {
        // an L: the centroid lies near the inner corner; the pole sits in the thick arm
        let ring: [Double] = [0, 0, 100, 0, 100, 20, 20, 20, 20, 100, 0, 100]
        let a = try #require(PolyLabel.anchor(rings: [ring], precision: 0.1))
        #expect(a.distance >= 9.5)
        #expect(PolyLabel.signedDistance(a.x, a.y, [ring]) > 0)
    }

    @Test func holeIsAvoided() throws {
        let outer: [Double] = [0, 0, 100, 0, 100, 100, 0, 100]
        let hole: [Double] = [30, 30, 70, 30, 70, 70, 30, 70]
        let a = try #require(PolyLabel.anchor(rings: [outer, hole], precision: 0.5))
        #expect(!(a.x > 30 && a.x < 70 && a.y > 30 && a.y < 70))
        #expect(a.distance > 10)
    }

    @Test func degenerateInputs() {
        #expect(PolyLabel.anchor(rings: [], precision: 1) == nil)
        #expect(PolyLabel.anchor(rings: [[0, 0, 1, 1]], precision: 1) == nil)
        #expect(PolyLabel.anchor(rings: [[0, 0, .nan, 1, 2, 2]], precision: 1) == nil)
        let line = PolyLabel.anchor(rings: [[0, 0, 5, 5, 10, 10]], precision: 1)
        #expect(line?.distance == 0)
        #expect(line?.x == 5)
    }

    @Test func sliverTerminatesQuickly() throws {
        // 1000 x 0.001 sliver with a zero precision and a tight probe budget
        let a = try #require(PolyLabel.anchor(rings: [[0, 0, 1000, 0, 1000, 0.001, 0, 0.001]], precision: 0, maximumProbes: 500))
        #expect(a.distance >= 0 && a.distance <= 0.001)
    }
}
