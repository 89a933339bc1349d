import GeoCore
@testable import GeoIndex
import GeoBenchSupport
import Testing

/// The window search on Float32 blocks (Float64 trees with a node size divisible by 16) against
/// the search on the Float64 boxes alone: the same hits in the same order, above all where a
/// window's edge lies within one Float32 step of a box edge, so that only the Float64 box can
/// tell. Brute force checks both.
struct PackedRTreeBlockSearchTests {
    /// Hits of the block search and of the Float64-only search, and the brute-force set.
    static func expectSame(_ tree: PackedRTree, _ boxes: [BoundingBox], _ w: BoundingBox, _ label: String) {
        var blocked = ArraySink(results: [])
        var plain = ArraySink(results: [])
        tree.search(w, sink: &blocked)
        tree.searchUnblocked(w, sink: &plain)
        #expect(blocked.results == plain.results, "\(label) window \(w)")
        // An empty window (an edge window of a zero-width box may be inverted) meets nothing.
        let expected = w.isEmpty ? [] : boxes.indices.filter { boxes[$0].intersects(w) }
        #expect(blocked.results.sorted() == expected, "\(label) window \(w)")
    }

    /// Windows whose edges lie exactly on, one Double step inside and one step outside the edges
    /// of item boxes and of inner node boxes (so a node may lie exactly inside a window).
    static func edgeWindows(_ tree: PackedRTree, _ boxes: [BoundingBox], _ rng: inout SplitMix64) -> [BoundingBox] {
        var out = [BoundingBox]()
        var edges = [BoundingBox]()
        for _ in 0..<12 where !boxes.isEmpty { edges.append(boxes[Int(rng.next() % UInt64(boxes.count))]) }
        let nodes = tree.levelStarts.last ?? 0
        for _ in 0..<12 where nodes > tree.count {
            let node = tree.count + Int(rng.next() % UInt64(nodes - tree.count))
            edges.append(tree.boxes.box(at: node))
        }
        for b in edges {
            out.append(b)  // a node box exactly: every item under it inside
            out.append(BoundingBox(minX: b.minX.nextUp, minY: b.minY, maxX: b.maxX, maxY: b.maxY))
            out.append(BoundingBox(minX: b.minX, minY: b.minY, maxX: b.maxX.nextDown, maxY: b.maxY.nextDown))
            out.append(BoundingBox(minX: b.minX.nextDown, minY: b.minY.nextDown, maxX: b.maxX.nextUp, maxY: b.maxY.nextUp))
            // Touching from the right and from above, then one step short of touching.
            out.append(BoundingBox(minX: b.maxX, minY: b.maxY, maxX: b.maxX + 1, maxY: b.maxY + 1))
            out.append(BoundingBox(minX: b.maxX.nextUp, minY: b.minY, maxX: b.maxX + 1, maxY: b.maxY))
            out.append(BoundingBox(minX: b.minX - 1, minY: b.minY - 1, maxX: b.minX, maxY: b.minY))
            out.append(BoundingBox(minX: b.minX - 1, minY: b.minY - 1, maxX: b.minX.nextDown, maxY: b.maxY))
        }
        return out
    }

    @Test(arguments: TestData.Shape.allCases)
    func sameHitsInTheSameOrder(shape: TestData.Shape) throws {
        for (s, n) in [1, 15, 16, 17, 255, 256, 257, 4097, 20_000].enumerated() {
            for nodeSize in [16, 32, 48] {
                let boxes = TestData.boxes(shape, count: n, seed: UInt64(s * 7 + nodeSize))
                let tree = try PackedRTree(boxes: boxes, nodeSize: nodeSize)
                #expect(tree.searchBlocks != nil)
                var rng = SplitMix64(seed: UInt64(n * 3 + nodeSize))
                let label = "\(shape) n \(n) node size \(nodeSize)"
                for _ in 0..<30 { Self.expectSame(tree, boxes, TestData.window(&rng), label) }
                for w in Self.edgeWindows(tree, boxes, &rng) { Self.expectSame(tree, boxes, w, label) }
            }
        }
    }

    /// Levels with more nodes to descend into than the search's scratch holds (256): thin strips
    /// across 200,000 boxes cross hundreds of leaf parents, none inside the strip. The block
    /// search still gives the Float64 search's hits in the same order, and brute force's set.
    @Test func levelsLongerThanTheScratch() throws {
        let boxes = TestData.boxes(.uniform, count: 200_000, seed: 13)
        let tree = try PackedRTree(boxes: boxes, nodeSize: 16)
        #expect(tree.searchBlocks != nil)
        var longest = 0
        for (i, height) in [0.05, 0.3, 1, 2.5, 6].enumerated() {
            let y = 10 + Double(i) * 17
            for w in [BoundingBox(minX: -1, minY: y, maxX: 101, maxY: y + height),
                      BoundingBox(minX: y, minY: -1, maxX: y + height, maxY: 101)] {
                Self.expectSame(tree, boxes, w, "strip \(w)")
                // Leaf parents the search descends into: they meet the strip without lying in it.
                let parents = (tree.levelStarts[1]..<tree.levelStarts[2]).filter {
                    let b = tree.boxes.box(at: $0)
                    return b.intersects(w) && !(b.minX >= w.minX && b.minY >= w.minY && b.maxX <= w.maxX && b.maxY <= w.maxY)
                }
                longest = max(longest, parents.count)
            }
        }
        #expect(longest > 256)
    }

    /// A visitor that stops the block search reaches exactly as far as it asked, across the runs
    /// in which leaf hits are gathered (their boundaries at node size 16: about every 512 hits):
    /// the items it saw are the first of the full search's, in its order.
    @Test func visitorStopsWhereItAsksAcrossRuns() throws {
        let boxes = TestData.boxes(.uniform, count: 200_000, seed: 11)
        let tree = try PackedRTree(boxes: boxes, nodeSize: 16)
        #expect(tree.searchBlocks != nil)
        var rng = SplitMix64(seed: 5)
        var checked = 0, longLeafRuns = 0
        for i in 0..<40 {
            // Random windows, and thin strips across the whole extent: no node lies inside a
            // strip, so its hundreds of hits all come from the leaf level.
            let y = rng.nextUnit() * 99
            let w = i % 2 == 0 ? TestData.window(&rng) : BoundingBox(minX: -1, minY: y, maxX: 101, maxY: y + 0.3)
            let all = tree.search(w)
            if i % 2 == 1 && all.count > 1_100 { longLeafRuns += 1 }
            for k in [1, 15, 16, 17, 500, 511, 512, 513, 1_100, all.count, all.count + 1] where k >= 1 && k <= all.count + 1 {
                var seen = [Int]()
                let finished = tree.search(w) { i in
                    seen.append(i)
                    return seen.count < k
                }
                #expect(seen == Array(all.prefix(k)), "stop at \(k) of \(all.count)")
                #expect(finished == (k > all.count), "stop at \(k) of \(all.count)")
                checked += 1
            }
        }
        #expect(checked > 100)
        #expect(longLeafRuns >= 10)
    }

    /// Coordinates beyond the Float32 range (stored as ±infinity or the largest Float), infinite
    /// and whole-plane windows, and windows in the gap between the largest Float and infinity.
    @Test func coordinatesBeyondFloat32() throws {
        var boxes = [BoundingBox]()
        var rng = SplitMix64(seed: 5)
        let scales = [1e-50, 1.0, 3.4e38, 3.5e38, 1e39, 1e300]
        for i in 0..<600 {
            let scale = scales[i % scales.count]
            let x = (rng.nextUnit() * 2 - 1) * scale, y = (rng.nextUnit() * 2 - 1) * scale
            boxes.append(BoundingBox(minX: x, minY: y, maxX: x + rng.nextUnit() * scale, maxY: y + rng.nextUnit() * scale))
        }
        let tree = try PackedRTree(boxes: boxes)
        var windows = Self.edgeWindows(tree, boxes, &rng)
        windows.append(BoundingBox(minX: -.infinity, minY: -.infinity, maxX: .infinity, maxY: .infinity))
        windows.append(BoundingBox(minX: 0, minY: -.infinity, maxX: .infinity, maxY: 0))
        windows.append(BoundingBox(minX: 3.41e38, minY: -1e301, maxX: 1e301, maxY: 1e301))
        windows.append(BoundingBox(minX: -1e301, minY: -1e301, maxX: -3.41e38, maxY: 1e301))
        windows.append(BoundingBox(minX: 1e-60, minY: 1e-60, maxX: 1e-45, maxY: 1e-45))
        windows.append(BoundingBox(minX: -0.0, minY: -0.0, maxX: 0.0, maxY: 0.0))
        for scale in scales {
            for _ in 0..<20 {
                let x = (rng.nextUnit() * 2 - 1) * scale, y = (rng.nextUnit() * 2 - 1) * scale
                windows.append(BoundingBox(minX: x, minY: y, maxX: x + scale * rng.nextUnit(), maxY: y + scale * rng.nextUnit()))
            }
        }
        for w in windows { Self.expectSame(tree, boxes, w, "wide range") }
    }

    /// Other node sizes and Float32 storage keep the search on the stored boxes.
    @Test func blocksOnlyWhereTheyApply() throws {
        let boxes = TestData.boxes(.uniform, count: 500, seed: 3)
        #expect(try PackedRTree(boxes: boxes, nodeSize: 8).searchBlocks == nil)
        #expect(try PackedRTree(boxes: boxes, nodeSize: 24).searchBlocks == nil)
        #expect(try PackedRTree(boxes: boxes, storage: .float32).searchBlocks == nil)
        #expect(try PackedRTree(boxes: [], nodeSize: 16).searchBlocks == nil)
        let copy = try PackedRTree(serialized: try PackedRTree(boxes: boxes).serialized())
        #expect(copy.searchBlocks != nil)
        var rng = SplitMix64(seed: 4)
        for _ in 0..<20 { Self.expectSame(copy, boxes, TestData.window(&rng), "deserialised") }
        // Without the copy: the stored boxes alone, the same hits in the same order, less memory.
        let plain = try PackedRTree(boxes: boxes, searchCopy: false)
        #expect(plain.searchBlocks == nil)
        #expect(try PackedRTree(serialized: copy.serialized(), searchCopy: false).searchBlocks == nil)
        #expect(plain.byteCount < copy.byteCount)
        #expect(plain.serialized() == copy.serialized())
        for _ in 0..<20 {
            let w = TestData.window(&rng)
            #expect(plain.search(w) == copy.search(w), "window \(w)")
        }
    }

    /// The branch-free outward rounding against its definition (`Float(x)`, then one Float step
    /// if that went past `x`), bit for bit, on special values and random bit patterns.
    @Test func outwardRoundingMatchesItsDefinition() {
        func down(_ x: Double) -> Float { let f = Float(x); return Double(f) > x ? f.nextDown : f }
        func up(_ x: Double) -> Float { let f = Float(x); return Double(f) < x ? f.nextUp : f }
        var values: [Double] = [0, -0.0, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                                Double(Float.leastNonzeroMagnitude), -Double(Float.leastNonzeroMagnitude),
                                Double(Float.leastNormalMagnitude), Double(Float.greatestFiniteMagnitude),
                                -Double(Float.greatestFiniteMagnitude), 3.4028235e38, 3.5e38, -3.5e38, 1e39, -1e300,
                                1e-50, -1e-50, 1.0 / 3, -1.0 / 3, 0.1, 127.0, 36.5, .greatestFiniteMagnitude]
        var rng = SplitMix64(seed: 11)
        for _ in 0..<100_000 { values.append(Double(bitPattern: rng.next())) }
        for _ in 0..<100_000 { values.append((rng.nextUnit() - 0.5) * 200) }
        for x in values where !x.isNaN {
            #expect(Float.roundedDown(x).bitPattern == down(x).bitPattern, "down \(x)")
            #expect(Float.roundedUp(x).bitPattern == up(x).bitPattern, "up \(x)")
        }
        #expect(Float.roundedDown(.nan).isNaN && Float.roundedUp(.nan).isNaN)
    }
}

/// The ordering of the nearest-neighbour candidates (bucketed by key, then insertion-sorted with
/// a budget, the standard sort past it) against a plain sort by (key, entry).
struct NeighborOrderTests {
    @Test func bucketedOrderMatchesASort() {
        var rng = SplitMix64(seed: 31)
        for n in [0, 1, 2, 3, 17, 100, 511, 512, 513, 2000] {
            for shape in 0..<6 {
                var elements = (0..<n).map { i -> QueueElement in
                    let key: Double = switch shape {
                    case 0: rng.nextUnit() * 50                      // spread
                    case 1: 7.25                                     // all equal
                    case 2: Double(rng.next() % 4)                   // a few values, zero among them
                    case 3: { let u = rng.nextUnit(); return u * u * u * u * u * u * 1e6 }()  // bunched near zero
                    case 4: i == n / 2 ? -1 : rng.nextUnit()         // one negative key
                    default: 0                                       // all zero
                    }
                    return QueueElement(key: key, entry: UInt64(rng.next() % 1000))
                }
                let expected = elements.sorted { (a: QueueElement, b: QueueElement) -> Bool in
                    a.key < b.key || (a.key == b.key && a.entry < b.entry)
                }
                let largest = elements.map(\.key).max() ?? 0
                elements.withUnsafeMutableBufferPointer { NeighborCandidates.sortNearestFirst($0, largest: largest) }
                #expect(elements.map(\.key) == expected.map(\.key), "n \(n) shape \(shape)")
                #expect(elements.map(\.entry) == expected.map(\.entry), "n \(n) shape \(shape)")
            }
        }
    }
}
