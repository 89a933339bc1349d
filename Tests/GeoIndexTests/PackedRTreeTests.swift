import GeoCore
@testable import GeoIndex
import GeoBenchSupport
import Testing

struct PackedRTreeTests {
    static let sizes = [0, 1, 2, 15, 16, 17, 257, 3000]

    @Test(arguments: TestData.Shape.allCases)
    func searchMatchesBruteForce(shape: TestData.Shape) throws {
        for (s, n) in Self.sizes.enumerated() {
            for nodeSize in [2, 4, 16] {
                let boxes = TestData.boxes(shape, count: n, seed: UInt64(s * 31 + nodeSize))
                let tree = try PackedRTree(boxes: boxes, nodeSize: nodeSize)
                #expect(tree.count == n)
                var rng = SplitMix64(seed: UInt64(n))
                Self.expectWindowsMatchBruteForce(tree, boxes, windows: 40, &rng, "n \(n) node size \(nodeSize)")
            }
        }
    }

    @Test func visitorStopsEarly() throws {
        let boxes = TestData.boxes(.uniform, count: 2000, seed: 7)
        let tree = try PackedRTree(boxes: boxes)
        var seen = 0
        let finished = tree.search(BoundingBox(minX: 0, minY: 0, maxX: 100, maxY: 100)) { _ in
            seen += 1
            return seen < 10
        }
        #expect(!finished)
        #expect(seen == 10)
        #expect(tree.search(BoundingBox(minX: 0, minY: 0, maxX: 100, maxY: 100)) { _ in true })
    }

    @Test func touchingCountsAsIntersecting() throws {
        let tree = try PackedRTree(boxes: [BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1)])
        #expect(tree.search(BoundingBox(minX: 1, minY: 1, maxX: 2, maxY: 2)) == [0])
        #expect(tree.search(BoundingBox(minX: 1.0000001, minY: 1, maxX: 2, maxY: 2)).isEmpty)
    }

    @Test(arguments: TestData.Shape.allCases)
    func neighborsMatchBruteForce(shape: TestData.Shape) throws {
        for (s, n) in Self.sizes.enumerated() {
            let boxes = TestData.boxes(shape, count: n, seed: UInt64(100 + s))
            let tree = try PackedRTree(boxes: boxes, nodeSize: 4)
            var rng = SplitMix64(seed: UInt64(n) &+ 99)
            for q in 0..<25 {
                let p = Coordinate(rng.nextUnit() * 120 - 10, rng.nextUnit() * 120 - 10)
                let k = [1, 3, 10, 100][q % 4]
                let maxD = q % 3 == 0 ? 5.0 : .infinity
                let filter: (Int) -> Bool = q % 5 == 0 ? { $0 % 2 == 0 } : { _ in true }
                // Without a filter the search takes its own path: half the unfiltered queries use it.
                let got = q % 5 != 0 && q % 2 == 0 ? tree.neighbors(of: p, k: k, maxDistance: maxD)
                                                   : tree.neighbors(of: p, k: k, maxDistance: maxD, filter: filter)
                let expected = TestData.bruteNeighbors(boxes, p, k: k, maxDistance: maxD, filter: filter)
                #expect(got == expected, "n \(n) point \(p) k \(k)")
            }
        }
    }

    @Test(arguments: BoxStorage.allCases)
    func singleNearestInsideBoxesMatchesBruteForce(storage: BoxStorage) throws {
        for shape in TestData.Shape.allCases {
            let boxes = TestData.boxes(shape, count: 3000, seed: 77)
            let stored = try PackedRTree(boxes: boxes, nodeSize: 8, storage: storage)
            // Float32 rounds outward, so compare against the boxes the tree holds.
            let held = storage == .float64 ? boxes : boxes.map {
                BoundingBox(minX: Double(Float.roundedDown($0.minX)), minY: Double(Float.roundedDown($0.minY)),
                            maxX: Double(Float.roundedUp($0.maxX)), maxY: Double(Float.roundedUp($0.maxY)))
            }
            var rng = SplitMix64(seed: 78)
            for q in 0..<60 {
                // Corners and centres of items (inside many boxes), then free points.
                let b = boxes[Int(rng.next() % UInt64(boxes.count))]
                let p = switch q % 3 {
                case 0: Coordinate(b.minX, b.minY)
                case 1: Coordinate((b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2)
                default: Coordinate(rng.nextUnit() * 120 - 10, rng.nextUnit() * 120 - 10)
                }
                let filter: (Int) -> Bool = q % 4 == 0 ? { $0 % 3 != 0 } : { _ in true }
                for maxD in [Double.infinity, 0, -1] {
                    let got = q % 4 == 2 ? stored.neighbors(of: p, k: 1, maxDistance: maxD)
                                         : stored.neighbors(of: p, k: 1, maxDistance: maxD, filter: filter)
                    let expected = TestData.bruteNeighbors(held, p, k: 1, maxDistance: maxD, filter: filter)
                    #expect(got == expected, "\(shape) point \(p) max \(maxD)")
                }
            }
        }
    }

    @Test func withinMatchesBruteForce() throws {
        for shape in TestData.Shape.allCases {
            let boxes = TestData.boxes(shape, count: 1500, seed: 5)
            let tree = try PackedRTree(boxes: boxes)
            var rng = SplitMix64(seed: 11)
            for _ in 0..<30 {
                let p = Coordinate(rng.nextUnit() * 100, rng.nextUnit() * 100)
                let d = rng.nextUnit() * 10
                let expected = TestData.bruteNeighbors(boxes, p, k: .max, maxDistance: d).map(\.index).sorted()
                #expect(tree.within(distance: d, of: p).sorted() == expected)
            }
        }
    }

    @Test func haversineNeighborsMatchBruteForce() throws {
        var rng = SplitMix64(seed: 3)
        var boxes = [BoundingBox]()
        for _ in 0..<2000 {
            let x = rng.nextUnit() * 358 - 179, y = rng.nextUnit() * 170 - 85
            boxes.append(BoundingBox(minX: x, minY: y, maxX: x + rng.nextUnit(), maxY: y + rng.nextUnit()))
        }
        let tree = try PackedRTree(boxes: boxes)
        let metric = HaversineMetric()
        for _ in 0..<40 {
            let p = Coordinate(rng.nextUnit() * 360 - 180, rng.nextUnit() * 180 - 90)
            let got = tree.neighbors(of: p, k: 5, metric: metric)
            let expected = TestData.bruteNeighbors(boxes, p, k: 5, metric: metric)
            #expect(got == expected)
        }
        let seoul = Coordinate(126.978, 37.5665), busan = Coordinate(129.0756, 35.1796)
        #expect(abs(metric.distance(seoul, busan) - 325_000) < 5_000)
    }

    @Test func float32NeverLosesAHit() throws {
        for shape in TestData.Shape.allCases {
            let boxes = TestData.boxes(shape, count: 2000, seed: 21).map {
                BoundingBox(minX: $0.minX + 0.1234567, minY: $0.minY + 1e-3, maxX: $0.maxX + 0.1234567, maxY: $0.maxY + 1e-3)
            }
            let tree = try PackedRTree(boxes: boxes, storage: .float32)
            #expect(tree.storage == .float32)
            var rng = SplitMix64(seed: 4)
            for _ in 0..<50 {
                let w = TestData.window(&rng)
                let got = Set(tree.search(w))
                let exact = Set(boxes.indices.filter { boxes[$0].intersects(w) })
                let loose = Set(boxes.indices.filter { boxes[$0].expanded(by: 1e-4).intersects(w) })
                #expect(exact.isSubset(of: got))
                #expect(got.isSubset(of: loose))
            }
            // Exact hits on the stored corners themselves.
            for (i, b) in boxes.enumerated().prefix(200) {
                #expect(tree.search(BoundingBox(minX: b.maxX, minY: b.maxY, maxX: b.maxX, maxY: b.maxY)).contains(i))
                #expect(tree.search(BoundingBox(minX: b.minX, minY: b.minY, maxX: b.minX, maxY: b.minY)).contains(i))
            }
        }
    }

    @Test(arguments: BoxStorage.allCases)
    func extremeCoordinatesAreFound(storage: BoxStorage) throws {
        // Beyond the Float range (stored as infinities with Float32) and near the Double limit.
        var boxes = [BoundingBox]()
        var rng = SplitMix64(seed: 9)
        for i in 0..<400 {
            let scale = [1e39, 1e300, 1.7e308, 1][i % 4]
            let x = (rng.nextUnit() * 2 - 1) * scale, y = (rng.nextUnit() * 2 - 1) * scale
            if i % 3 == 0 {
                boxes.append(BoundingBox(minX: x, minY: y, maxX: x, maxY: y))
            } else {
                boxes.append(BoundingBox(minX: min(x, -x), minY: min(y, 0), maxX: max(x, -x), maxY: max(y, 0)))
            }
        }
        let tree = try PackedRTree(boxes: boxes, nodeSize: 4, storage: storage)
        for _ in 0..<40 {
            let w = TestData.window(&rng)
            let exact = Set(boxes.indices.filter { boxes[$0].intersects(w) })
            let got = Set(tree.search(w))
            #expect(exact.isSubset(of: got))
            if storage == .float64 { #expect(got == exact) }
        }
        let all = BoundingBox(minX: -.greatestFiniteMagnitude, minY: -.greatestFiniteMagnitude,
                              maxX: .greatestFiniteMagnitude, maxY: .greatestFiniteMagnitude)
        #expect(tree.search(all).count == boxes.count)
    }

    @Test func joinMatchesBruteForce() throws {
        let a = TestData.boxes(.uniform, count: 600, seed: 1)
        let b = TestData.boxes(.clustered, count: 400, seed: 2)
        let ta = try PackedRTree(boxes: a, nodeSize: 8)
        let tb = try PackedRTree(boxes: b, nodeSize: 16, storage: .float32)
        var expected = Set<IndexPair>()
        for i in a.indices { for j in b.indices where a[i].intersects(b[j]) { expected.insert(IndexPair(left: i, right: j)) } }
        let got = ta.join(tb)
        #expect(got.count == expected.count)
        #expect(Set(got) == expected)
        #expect(ta.join(try PackedRTree(boxes: [])).isEmpty)
    }

    @Test func rejectsBadBoxes() {
        #expect(throws: GeoIndexError.nonFiniteBox(index: 1)) {
            try PackedRTree(boxes: [BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1),
                                    BoundingBox(minX: .nan, minY: 0, maxX: 1, maxY: 1)])
        }
        #expect(throws: GeoIndexError.nonFiniteBox(index: 0)) {
            try PackedRTree(boxes: [BoundingBox(minX: 0, minY: 0, maxX: .infinity, maxY: 1)])
        }
        #expect(throws: GeoIndexError.invertedBox(index: 0)) {
            try PackedRTree(boxes: [BoundingBox(minX: 2, minY: 0, maxX: 1, maxY: 1)])
        }
        #expect(throws: GeoIndexError.nonFiniteBox(index: 0)) { try PackedRTree(boxes: [.empty]) }
        #expect(throws: GeoIndexError.invalidNodeSize(1)) { try PackedRTree(boxes: [], nodeSize: 1) }
        #expect(throws: GeoIndexError.flatBoxCountNotMultipleOfFour(length: 3)) { try PackedRTree(flatBoxes: [0, 0, 1]) }
    }

    @Test func emptyOneAndAllEqual() throws {
        let empty = try PackedRTree(boxes: [])
        #expect(empty.count == 0 && empty.levelCount == 0 && empty.bounds.isEmpty)
        #expect(empty.search(BoundingBox(minX: -1e9, minY: -1e9, maxX: 1e9, maxY: 1e9)).isEmpty)
        #expect(empty.neighbors(of: Coordinate(0, 0)).isEmpty)
        #expect(empty.within(distance: 1e9, of: Coordinate(0, 0)).isEmpty)

        let one = try PackedRTree(boxes: [BoundingBox(minX: 3, minY: 4, maxX: 3, maxY: 4)])
        #expect(one.search(BoundingBox(minX: 3, minY: 4, maxX: 3, maxY: 4)) == [0])
        #expect(one.neighbors(of: Coordinate(0, 0)) == [Neighbor(index: 0, distance: 5)])
        #expect(one.box(ofItem: 0) == BoundingBox(minX: 3, minY: 4, maxX: 3, maxY: 4))

        let same = Array(repeating: BoundingBox(minX: 1, minY: 1, maxX: 1, maxY: 1), count: 5000)
        let tree = try PackedRTree(boxes: same)
        #expect(tree.search(BoundingBox(minX: 0, minY: 0, maxX: 2, maxY: 2)).sorted() == Array(0..<5000))
        #expect(tree.neighbors(of: Coordinate(0, 0), k: 3).map(\.index) == [0, 1, 2])
        #expect(tree.search(BoundingBox(minX: .nan, minY: 0, maxX: 2, maxY: 2)).isEmpty)
        #expect(tree.search(BoundingBox(minX: 1.5, minY: 0, maxX: 0.5, maxY: 2)).isEmpty)
    }

    /// A tree whose boxes span several 2 MiB pages (the box array is then advised onto huge
    /// pages before it is filled): build, search and nearest neighbours against brute force.
    @Test func largeTreeMatchesBruteForce() throws {
        let n = 200_000
        let boxes = TestData.boxes(.uniform, count: n, seed: 2024)
        let tree = try PackedRTree(boxes: boxes)
        #expect(tree.byteCount > 6_000_000)
        for i in stride(from: 0, to: n, by: 9973) { #expect(tree.box(ofItem: i) == boxes[i]) }
        var rng = SplitMix64(seed: 77)
        Self.expectWindowsMatchBruteForce(tree, boxes, windows: 12, &rng, "n \(n)")
        for q in 0..<6 {
            let p = Coordinate(rng.nextUnit() * 100, rng.nextUnit() * 100)
            let k = [1, 10, 100][q % 3]
            #expect(tree.neighbors(of: p, k: k) == TestData.bruteNeighbors(boxes, p, k: k), "point \(p) k \(k)")
        }
    }

    /// `windows` random windows searched in `tree`, each against the boxes it meets by brute force.
    static func expectWindowsMatchBruteForce(_ tree: PackedRTree, _ boxes: [BoundingBox], windows: Int,
                                             _ rng: inout SplitMix64, _ label: String) {
        var buffer = [Int]()
        for _ in 0..<windows {
            let w = TestData.window(&rng)
            let expected = boxes.indices.filter { boxes[$0].intersects(w) }
            tree.search(w, into: &buffer)
            #expect(buffer.sorted() == expected, "\(label) window \(w)")
        }
    }

    @Test func memoryFootprint() throws {
        let tree = try PackedRTree(flatBoxes: SyntheticBoxes.uniform(count: 10_000, seed: 1))
        // 10,000 items + 625 + 40 + 3 + 1 nodes, 32 bytes each, plus 14 bits per item index
        // (17,500 bytes and 7 spare), plus the Float32 search blocks of every level below the
        // root: 625 item blocks of 256 + 64 bytes (boxes and indices), 40 + 3 + 1 of 256.
        let blocks = 625 * 320 + 44 * 256
        #expect(tree.byteCount >= 10_669 * 32 + 17_507 + blocks)
        #expect(tree.byteCount < 10_669 * 32 + 17_507 + blocks + 200)
        let plain = try PackedRTree(flatBoxes: SyntheticBoxes.uniform(count: 10_000, seed: 1), searchCopy: false)
        #expect(plain.byteCount >= 10_669 * 32 + 17_507)
        #expect(plain.byteCount < 10_669 * 32 + 17_507 + 200)
        let small = try PackedRTree(flatBoxes: SyntheticBoxes.uniform(count: 10_000, seed: 1), storage: .float32)
        #expect(small.byteCount >= 10_669 * 16 + 17_507)
        #expect(small.byteCount < 10_669 * 16 + 17_507 + 200)
    }
}

/// Nearest neighbours on clustered data (tight clusters far apart: points inside a cluster,
/// between clusters and outside them) against brute force, for several k and both storages.
struct PackedRTreeClusteredNeighborsTests {
    @Test(arguments: BoxStorage.allCases)
    func matchBruteForce(storage: BoxStorage) throws {
        var rng = SplitMix64(seed: 23)
        let centres = (0..<5).map { _ in Coordinate(rng.nextUnit() * 1000, rng.nextUnit() * 1000) }
        let boxes = (0..<20_000).map { i -> BoundingBox in
            let c = centres[i % 5]
            let x = c.x + (rng.nextUnit() - 0.5) * 10, y = c.y + (rng.nextUnit() - 0.5) * 10
            return BoundingBox(minX: x, minY: y, maxX: x + 0.01, maxY: y + 0.01)
        }
        let tree = try PackedRTree(boxes: boxes, storage: storage)
        let held = storage == .float64 ? boxes : boxes.map {
            BoundingBox(minX: Double(Float.roundedDown($0.minX)), minY: Double(Float.roundedDown($0.minY)),
                        maxX: Double(Float.roundedUp($0.maxX)), maxY: Double(Float.roundedUp($0.maxY)))
        }
        for q in 0..<45 {
            let p = switch q % 3 {
            case 0: Coordinate(held[q * 101].minX, held[q * 101].minY)
            case 1: Coordinate(rng.nextUnit() * 1000, rng.nextUnit() * 1000)
            default: Coordinate(rng.nextUnit() * 4000 - 1500, -500)
            }
            let k = [2, 10, 100, 1000, 7][q % 5]
            let filter: (Int) -> Bool = q % 4 == 0 ? { $0 % 7 != 3 } : { _ in true }
            #expect(tree.neighbors(of: p, k: k, filter: filter) == TestData.bruteNeighbors(held, p, k: k, filter: filter),
                    "point \(p) k \(k)")
        }
    }
}
