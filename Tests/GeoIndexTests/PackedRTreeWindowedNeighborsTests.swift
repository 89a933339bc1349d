import GeoCore
@testable import GeoIndex
import GeoBenchSupport
import Testing

/// The planar k-nearest search by windows (k > 1) against brute force over the boxes the tree
/// holds: every shape of data, both storages, points inside, between and far outside the data,
/// distance limits and filters, and coordinates far from the origin where rounding is coarse.
struct PackedRTreeWindowedNeighborsTests {
    static func held(_ boxes: [BoundingBox], _ storage: BoxStorage) -> [BoundingBox] {
        storage == .float64 ? boxes : boxes.map {
            BoundingBox(minX: Double(Float.roundedDown($0.minX)), minY: Double(Float.roundedDown($0.minY)),
                        maxX: Double(Float.roundedUp($0.maxX)), maxY: Double(Float.roundedUp($0.maxY)))
        }
    }

    @Test(arguments: BoxStorage.allCases)
    func matchesBruteForce(storage: BoxStorage) throws {
        for shape in TestData.Shape.allCases {
            for (n, nodeSize) in [(40, 4), (700, 16), (5000, 16), (5000, 9)] {
                let boxes = TestData.boxes(shape, count: n, seed: UInt64(n + nodeSize))
                let tree = try PackedRTree(boxes: boxes, nodeSize: nodeSize, storage: storage)
                let held = Self.held(boxes, storage)
                var rng = SplitMix64(seed: UInt64(n) &* 31 &+ UInt64(nodeSize))
                var windowed = 0
                for q in 0..<40 {
                    let p = switch q % 4 {
                    case 0: Coordinate(rng.nextUnit() * 100, rng.nextUnit() * 100)
                    case 1: Coordinate(rng.nextUnit() * 400 - 150, rng.nextUnit() * 400 - 150)
                    case 2: Coordinate(held[q % n].minX, held[q % n].maxY)
                    default: Coordinate(1e6 * (rng.nextUnit() - 0.5), 3e5)
                    }
                    let k = [2, 3, 7, 16, 17, 50, 100, n / 2][q % 8]
                    let maxD = q % 5 == 0 ? rng.nextUnit() * 8 : .infinity
                    let filter: (Int) -> Bool = q % 3 == 0 ? { $0 % 3 != 1 } : { _ in true }
                    let expected = TestData.bruteNeighbors(held, p, k: k, maxDistance: maxD, filter: filter)
                    if let got = tree.windowedNeighbors(of: p, k: k, maxDistance: maxD, filter: filter) {
                        windowed += 1
                        #expect(got == expected, "\(shape) n \(n) point \(p) k \(k) max \(maxD)")
                    }
                    #expect(tree.neighbors(of: p, k: k, maxDistance: maxD, filter: filter) == expected,
                            "\(shape) n \(n) point \(p) k \(k) max \(maxD)")
                }
                // The window path answers many queries itself: it gives up on points far
                // outside the data (a window reaching them holds every item) and on filters that
                // reject most of what it meets.
                #expect(windowed >= 12, "\(shape) n \(n): \(windowed) of 40 by windows")
            }
        }
    }

    /// Far from the origin a window's edges round to the coordinates' spacing; the margin must
    /// still keep every item within the radius inside the window.
    @Test(arguments: [1e3, 1e7, 1e12, -3e14])
    func coarseCoordinates(offset: Double) throws {
        var rng = SplitMix64(seed: 9)
        let step = offset.magnitude.ulp
        let boxes = (0..<3000).map { _ -> BoundingBox in
            let x = offset + Double(rng.next() % 200) * step, y = -offset + Double(rng.next() % 200) * step
            return BoundingBox(minX: x, minY: y, maxX: x + Double(rng.next() % 3) * step, maxY: y + Double(rng.next() % 3) * step)
        }
        let tree = try PackedRTree(boxes: boxes)
        for q in 0..<30 {
            let p = Coordinate(offset + Double(rng.next() % 240) * step - 20 * step,
                               -offset + Double(rng.next() % 240) * step - 20 * step)
            let k = [2, 5, 40, 300][q % 4]
            let expected = TestData.bruteNeighbors(boxes, p, k: k)
            #expect(tree.neighbors(of: p, k: k) == expected, "offset \(offset) point \(p) k \(k)")
            if let got = tree.windowedNeighbors(of: p, k: k) { #expect(got == expected) }
        }
    }

    /// A filter that accepts few items makes the windows grow; when a few rounds do not reach
    /// them the search falls back to best-first, and the answer is exact either way.
    @Test func selectiveFiltersGrowOrFallBack() throws {
        let boxes = TestData.boxes(.uniform, count: 20_000, seed: 4)
        let tree = try PackedRTree(boxes: boxes)
        let p = Coordinate(50, 50)
        let rare: (Int) -> Bool = { $0 % 4999 == 0 }
        let expected = TestData.bruteNeighbors(boxes, p, k: 3, filter: rare)
        // The windows meet thousands of items for three accepted ones: they stop and give up.
        #expect(tree.windowedNeighbors(of: p, k: 3, filter: rare) == nil)
        #expect(tree.neighbors(of: p, k: 3, filter: rare) == expected)
        #expect(tree.windowedNeighbors(of: p, k: 3, filter: { _ in false }) == nil)
        #expect(tree.neighbors(of: p, k: 3, filter: { _ in false }) == [])
        // A filter that keeps half: the windows answer.
        let half: (Int) -> Bool = { $0 % 2 == 0 }
        #expect(tree.windowedNeighbors(of: p, k: 10, filter: half) == TestData.bruteNeighbors(boxes, p, k: 10, filter: half))
        // A dense cluster and one accepted item a million units away: the windows give up.
        var rng = SplitMix64(seed: 5)
        var far = (0..<5000).map { _ -> BoundingBox in
            let x = rng.nextUnit(), y = rng.nextUnit()
            return BoundingBox(minX: x, minY: y, maxX: x + 0.001, maxY: y + 0.001)
        }
        far.append(BoundingBox(minX: 1e6, minY: 1e6, maxX: 1e6 + 1, maxY: 1e6 + 1))
        let sparse = try PackedRTree(boxes: far)
        let last: (Int) -> Bool = { $0 >= 4999 }
        let q = Coordinate(0.5, 0.5)
        #expect(sparse.windowedNeighbors(of: q, k: 2, filter: last) == nil)
        #expect(sparse.neighbors(of: q, k: 2, filter: last) == TestData.bruteNeighbors(far, q, k: 2, filter: last))
        #expect(sparse.neighbors(of: q, k: 3, filter: last) == TestData.bruteNeighbors(far, q, k: 3, filter: last))
    }
}

/// Where the windows answer and where they hand over to best-first: points inside uniform data
/// are answered by windows; between tight clusters some are, and the others stop at the hit
/// limit; every answer equals brute force.
struct WindowedNeighborsCoverageTests {
    @Test func uniformInsidePointsAreAnsweredByWindows() throws {
        let boxes = TestData.boxes(.uniform, count: 20_000, seed: 21)
        let tree = try PackedRTree(boxes: boxes)
        var rng = SplitMix64(seed: 22)
        for q in 0..<60 {
            let p = Coordinate(rng.nextUnit() * 99, rng.nextUnit() * 99)
            let k = [2, 10, 100][q % 3]
            #expect(tree.windowedNeighbors(of: p, k: k) == TestData.bruteNeighbors(boxes, p, k: k), "point \(p) k \(k)")
        }
    }

    @Test func betweenClusters() throws {
        var rng = SplitMix64(seed: 23)
        let centres = (0..<5).map { _ in Coordinate(rng.nextUnit() * 1000, rng.nextUnit() * 1000) }
        let boxes = (0..<20_000).map { i -> BoundingBox in
            let c = centres[i % 5]
            let x = c.x + (rng.nextUnit() - 0.5) * 10, y = c.y + (rng.nextUnit() - 0.5) * 10
            return BoundingBox(minX: x, minY: y, maxX: x + 0.01, maxY: y + 0.01)
        }
        let tree = try PackedRTree(boxes: boxes)
        var windowed = 0
        for q in 0..<40 {
            let p = Coordinate(rng.nextUnit() * 1000, rng.nextUnit() * 1000)
            let k = [2, 10, 100][q % 3]
            let expected = TestData.bruteNeighbors(boxes, p, k: k)
            if let got = tree.windowedNeighbors(of: p, k: k) {
                windowed += 1
                #expect(got == expected, "point \(p) k \(k)")
            }
            #expect(tree.neighbors(of: p, k: k) == expected, "point \(p) k \(k)")
        }
        // Some are answered by windows; the others meet too many items (a cluster inside the
        // radius) and hand over to best-first. Both must be exact (above).
        #expect(windowed >= 1, "\(windowed) of 40 by windows")
    }
}

/// The window of a radius: a box just outside it (one step past an edge) has a key above the
/// radius squared, at every scale of coordinates and radius.
struct NearestWindowTests {
    @Test func boxesOutsideTheWindowAreFarther() {
        var rng = SplitMix64(seed: 12)
        let metric = PlanarMetric()
        for _ in 0..<200_000 {
            let scale = Double(sign: .plus, exponent: Int(rng.next() % 120) - 60, significand: 1)
            let x = (rng.nextUnit() - 0.5) * scale * 4, y = (rng.nextUnit() - 0.5) * scale
            let r = rng.nextUnit() * scale * Double(sign: .plus, exponent: -Int(rng.next() % 50), significand: 1)
            guard r * r >= 0x1p-900 else { continue }
            let w = nearestWindow(x: x, y: y, radius: r)
            let bound = r * r
            for v in [Coordinate(w.maxX.nextUp, y), Coordinate(w.minX.nextDown, y),
                      Coordinate(x, w.maxY.nextUp), Coordinate(x, w.minY.nextDown)] {
                let key = metric.key(x: x, y: y, minX: v.x, minY: v.y, maxX: v.x, maxY: v.y)
                #expect(key > bound, "point \(x) \(y) radius \(r) outside \(v)")
                if key <= bound { return }
            }
        }
    }
}
