import GeoCore
import GeoIndex
import GeoBenchSupport

/// Random data sets for the index tests: uniform, clustered, with duplicates and degenerate boxes.
enum TestData {
    enum Shape: CaseIterable {
        case uniform, clustered, duplicates, degenerate
    }

    static func boxes(_ shape: Shape, count: Int, seed: UInt64) -> [BoundingBox] {
        var rng = SplitMix64(seed: seed)
        var out = [BoundingBox]()
        let centres = (0..<5).map { _ in Coordinate(rng.nextUnit() * 100, rng.nextUnit() * 100) }
        for i in 0..<count {
            switch shape {
            case .uniform:
                let x = rng.nextUnit() * 99, y = rng.nextUnit() * 99
                out.append(BoundingBox(minX: x, minY: y, maxX: x + rng.nextUnit(), maxY: y + rng.nextUnit()))
            case .clustered:
                let c = centres[Int(rng.next() % 5)]
                let x = c.x + (rng.nextUnit() - 0.5) * 3, y = c.y + (rng.nextUnit() - 0.5) * 3
                out.append(BoundingBox(minX: x, minY: y, maxX: x + rng.nextUnit() * 0.2, maxY: y + rng.nextUnit() * 0.2))
            case .duplicates:
                if i > 0 && rng.next() % 3 != 0 {
                    out.append(out[Int(rng.next() % UInt64(out.count))])
                } else {
                    let x = Double(rng.next() % 10), y = Double(rng.next() % 10)
                    out.append(BoundingBox(minX: x, minY: y, maxX: x + 1, maxY: y + 1))
                }
            case .degenerate:
                let x = Double(rng.next() % 20), y = Double(rng.next() % 20)
                switch rng.next() % 3 {
                case 0: out.append(BoundingBox(minX: x, minY: y, maxX: x, maxY: y))
                case 1: out.append(BoundingBox(minX: x, minY: y, maxX: x + 2, maxY: y))
                default: out.append(BoundingBox(minX: x, minY: y, maxX: x, maxY: y + 2))
                }
            }
        }
        return out
    }

    static func window(_ rng: inout SplitMix64, span: Double = 100) -> BoundingBox {
        let x = rng.nextUnit() * span - 5, y = rng.nextUnit() * span - 5
        let w = rng.nextUnit() * 15, h = rng.nextUnit() * 15
        return BoundingBox(minX: x, minY: y, maxX: x + w, maxY: y + h)
    }

    /// Brute-force k nearest (planar), ties by index.
    static func bruteNeighbors(_ boxes: [BoundingBox], _ p: Coordinate, k: Int, maxDistance: Double = .infinity,
                               metric: some BoxDistanceMetric = PlanarMetric(),
                               filter: (Int) -> Bool = { _ in true }) -> [Neighbor] {
        let maxKey = metric.key(forDistance: maxDistance)
        var all = [(Double, Int)]()
        for (i, b) in boxes.enumerated() where filter(i) {
            let d = metric.key(x: p.x, y: p.y, minX: b.minX, minY: b.minY, maxX: b.maxX, maxY: b.maxY)
            if d <= maxKey { all.append((d, i)) }
        }
        all.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        return all.prefix(k).map { Neighbor(index: $0.1, distance: metric.distance(forKey: $0.0)) }
    }
}
