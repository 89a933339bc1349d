import GeoCore
import GeoIndex
import GeoBenchSupport
import Testing

struct DistanceMetricTests {
    @Test func planarKeysAreSquaredDistances() {
        let m = PlanarMetric()
        #expect(m.key(x: 0, y: 0, minX: 3, minY: 4, maxX: 5, maxY: 6) == 25)
        #expect(m.key(x: 4, y: 5, minX: 3, minY: 4, maxX: 5, maxY: 6) == 0)
        #expect(m.key(forDistance: 3) == 9 && m.distance(forKey: 9) == 3)
    }

    /// The branch-free planar key against the distance to the box's nearest point, clamped
    /// coordinate by coordinate (points inside, outside, on edges and corners, degenerate boxes).
    @Test func planarKeyMatchesClampedPoint() {
        let m = PlanarMetric()
        var rng = SplitMix64(seed: 31)
        let grid: [Double] = [-2, -1, -0.5, 0, 0.25, 1, 1.5, 3]
        for _ in 0..<200 {
            let x0 = (rng.nextUnit() * 4).rounded(.down) - 1, y0 = (rng.nextUnit() * 4).rounded(.down) - 1
            let x1 = x0 + (rng.nextUnit() * 3).rounded(.down), y1 = y0 + (rng.nextUnit() * 3).rounded(.down)
            for px in grid + [x0, x1, rng.nextUnit() * 6 - 3] {
                for py in grid + [y0, y1, rng.nextUnit() * 6 - 3] {
                    let cx = Swift.min(Swift.max(px, x0), x1), cy = Swift.min(Swift.max(py, y0), y1)
                    let expected = (px - cx) * (px - cx) + (py - cy) * (py - cy)
                    let key = m.key(x: px, y: py, minX: x0, minY: y0, maxX: x1, maxY: y1)
                    #expect(key == expected, "point (\(px), \(py)) box \(x0) \(y0) \(x1) \(y1)")
                    #expect(key.sign == .plus)
                }
            }
        }
    }

    @Test func haversineBoxDistanceIsALowerBound() {
        let metric = HaversineMetric()
        var rng = SplitMix64(seed: 8)
        for _ in 0..<500 {
            let p = Coordinate(rng.nextUnit() * 360 - 180, rng.nextUnit() * 180 - 90)
            let x = rng.nextUnit() * 300 - 150, y = rng.nextUnit() * 140 - 70
            let box = BoundingBox(minX: x, minY: y, maxX: x + rng.nextUnit() * 30, maxY: y + rng.nextUnit() * 20)
            let bound = metric.key(x: p.x, y: p.y, minX: box.minX, minY: box.minY, maxX: box.maxX, maxY: box.maxY)
            var best = Double.infinity
            for i in 0...40 {
                for j in 0...40 {
                    let q = Coordinate(box.minX + box.width * Double(i) / 40, box.minY + box.height * Double(j) / 40)
                    best = min(best, metric.distance(p, q))
                }
            }
            #expect(bound <= best + 1e-6)
            // Samples are at most 0.75 degrees apart (about 84 km along a parallel or meridian).
            #expect(bound >= best - 90_000)
        }
    }

    @Test func haversineWrapsTheAntimeridian() {
        let m = HaversineMetric()
        let d = m.key(x: 179.9, y: 0, minX: -180, minY: -1, maxX: -179.9, maxY: 1)
        #expect(abs(d - 0.1 * Double.pi / 180 * m.radius) < 1)
        #expect(m.key(x: 127, y: 37, minX: 126, minY: 36, maxX: 128, maxY: 38) == 0)
    }
}
