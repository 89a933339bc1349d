import GeoCore
@testable import GeoIndex
import GeoBenchSupport
import Testing

extension RTree {
    /// Structural checks: links, boxes containing their subtrees, equal leaf depth, fill limits.
    func checkInvariants() -> [String] {
        var problems = [String]()
        var itemsSeen = 0
        var stack: [(node: Int, level: Int)] = [(Int(root), Int(nodeLevel[Int(root)]))]
        if nodeParent[Int(root)] != -1 { problems.append("root has a parent") }
        while let (node, level) = stack.popLast() {
            if Int(nodeLevel[node]) != level { problems.append("node \(node) level \(nodeLevel[node]) != \(level)") }
            let n = Int(nodeCount[node])
            if n > maxEntries { problems.append("node \(node) overfull") }
            for s in 0..<n {
                let id = Int(entryIDs[node * slotsPerNode + s])
                let box = entryBox(node, s)
                if level == 0 {
                    itemsSeen += 1
                    if itemLeaf[id] != Int32(node) { problems.append("item \(id) leaf link") }
                    if self.box(of: id) != box { problems.append("item \(id) box") }
                } else {
                    if nodeParent[id] != Int32(node) { problems.append("node \(id) parent link") }
                    if !box.contains(nodeBox(id)) { problems.append("node \(id) box does not contain its entries") }
                    stack.append((id, level - 1))
                }
            }
        }
        if itemsSeen != count { problems.append("\(itemsSeen) items reachable, count \(count)") }
        return problems
    }
}

/// Records an issue unless `body` throws exactly `expected`.
func expectError(_ expected: GeoIndexError, _ body: () throws -> Void,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        try body()
        Issue.record("expected \(expected), nothing thrown", sourceLocation: sourceLocation)
    } catch {
        #expect(error as? GeoIndexError == expected, sourceLocation: sourceLocation)
    }
}

struct RTreeTests {
    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func randomInterleavingsMatchAModel(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        var tree = RTree(maxEntries: seed % 2 == 0 ? 4 : 16)
        var model = [Int: BoundingBox]()
        let shape = TestData.Shape.allCases[Int(seed % 4)]
        let pool = TestData.boxes(shape, count: 3000, seed: seed)
        var nextID = 0
        for step in 0..<3000 {
            let r = rng.next() % 10
            if r < 5 || model.isEmpty {
                let box = pool[Int(rng.next() % UInt64(pool.count))]
                try tree.insert(id: nextID, box: box)
                model[nextID] = box
                nextID += 1
            } else if r < 8 {
                let id = model.keys.sorted()[Int(rng.next() % UInt64(model.count))]
                let removed = tree.remove(id: id)
                #expect(removed)
                model[id] = nil
            } else {
                let id = model.keys.sorted()[Int(rng.next() % UInt64(model.count))]
                let box = pool[Int(rng.next() % UInt64(pool.count))]
                try tree.update(id: id, to: box)
                model[id] = box
            }
            if step % 300 == 299 {
                #expect(tree.count == model.count)
                #expect(tree.checkInvariants() == [])
                for _ in 0..<10 {
                    let w = TestData.window(&rng)
                    #expect(tree.search(w).sorted() == model.filter { $0.value.intersects(w) }.keys.sorted())
                    let p = Coordinate(rng.nextUnit() * 100, rng.nextUnit() * 100)
                    let ids = model.keys.sorted()
                    let expected = TestData.bruteNeighbors(ids.map { model[$0]! }, p, k: 5).map {
                        Neighbor(index: ids[$0.index], distance: $0.distance)
                    }
                    #expect(tree.neighbors(of: p, k: 5) == expected)
                }
            }
        }
        // Remove everything: the tree ends empty and valid.
        for id in model.keys.sorted() {
            let removed = tree.remove(id: id)
            #expect(removed)
        }
        #expect(tree.count == 0 && tree.height == 1 && tree.checkInvariants() == [])
        #expect(tree.search(BoundingBox(minX: -1e9, minY: -1e9, maxX: 1e9, maxY: 1e9)).isEmpty)
    }

    @Test func bulkLoadIntoEmptyAndExisting() throws {
        let boxes = TestData.boxes(.clustered, count: 5000, seed: 9)
        var tree = RTree()
        try tree.bulkLoad(boxes.prefix(3000).enumerated().map { ($0.offset, $0.element) })
        #expect(tree.count == 3000 && tree.checkInvariants() == [])
        try tree.bulkLoad(boxes.dropFirst(3000).enumerated().map { ($0.offset + 3000, $0.element) })
        #expect(tree.count == 5000 && tree.checkInvariants() == [])
        var rng = SplitMix64(seed: 1)
        for _ in 0..<30 {
            let w = TestData.window(&rng)
            #expect(tree.search(w).sorted() == boxes.indices.filter { boxes[$0].intersects(w) })
            let d = rng.nextUnit() * 5
            let p = Coordinate(rng.nextUnit() * 100, rng.nextUnit() * 100)
            #expect(tree.within(distance: d, of: p).sorted()
                    == TestData.bruteNeighbors(boxes, p, k: .max, maxDistance: d).map(\.index).sorted())
        }
        // Inserting after a bulk load keeps working.
        try tree.insert(id: 9000, box: BoundingBox(minX: 50, minY: 50, maxX: 50, maxY: 50))
        #expect(tree.search(BoundingBox(minX: 50, minY: 50, maxX: 50, maxY: 50)).contains(9000))
        #expect(tree.checkInvariants() == [])
    }

    @Test func rejectsBadInputAndLeavesTheTreeUnchanged() throws {
        var tree = RTree()
        try tree.insert(id: 1, box: BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1))
        expectError(.duplicateID(1)) { try tree.insert(id: 1, box: BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1)) }
        expectError(.invalidID(-1)) { try tree.insert(id: -1, box: BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1)) }
        expectError(.nonFiniteBox(index: 2)) { try tree.insert(id: 2, box: BoundingBox(minX: .nan, minY: 0, maxX: 1, maxY: 1)) }
        expectError(.invertedBox(index: 2)) { try tree.insert(id: 2, box: BoundingBox(minX: 3, minY: 0, maxX: 1, maxY: 1)) }
        expectError(.unknownID(5)) { try tree.update(id: 5, to: BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1)) }
        expectError(.invertedBox(index: 1)) { try tree.update(id: 1, to: BoundingBox(minX: 3, minY: 0, maxX: 1, maxY: 1)) }
        expectError(.duplicateID(1)) {
            try tree.bulkLoad([(7, BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1)), (1, BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1))])
        }
        expectError(.nonFiniteBox(index: 1)) {
            try tree.bulkLoad([(7, BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1)), (8, BoundingBox.empty)])
        }
        #expect(tree.count == 1 && !tree.contains(id: 7) && tree.box(of: 1) == BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1))
        let wrongBox = tree.remove(id: 1, box: BoundingBox(minX: 0, minY: 0, maxX: 2, maxY: 2))
        let rightBox = tree.remove(id: 1, box: BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1))
        let again = tree.remove(id: 1)
        #expect(!wrongBox && rightBox && !again)
    }

    @Test func joinAndHaversineMatchBruteForce() throws {
        let a = TestData.boxes(.uniform, count: 500, seed: 3)
        let b = TestData.boxes(.degenerate, count: 400, seed: 4)
        var ta = RTree(), tb = RTree(maxEntries: 6)
        for (i, box) in a.enumerated() { try ta.insert(id: i, box: box) }
        try tb.bulkLoad(b.enumerated().map { ($0.offset, $0.element) })
        var expected = Set<IndexPair>()
        for i in a.indices { for j in b.indices where a[i].intersects(b[j]) { expected.insert(IndexPair(left: i, right: j)) } }
        let got = ta.join(tb)
        #expect(got.count == expected.count && Set(got) == expected)

        let metric = HaversineMetric()
        var rng = SplitMix64(seed: 12)
        for _ in 0..<20 {
            let p = Coordinate(rng.nextUnit() * 100, rng.nextUnit() * 100 - 50)
            #expect(ta.neighbors(of: p, k: 4, metric: metric) == TestData.bruteNeighbors(a, p, k: 4, metric: metric))
            let filtered = ta.neighbors(of: p, k: 3, maxDistance: 300_000, metric: metric) { $0 % 3 == 0 }
            #expect(filtered == TestData.bruteNeighbors(a, p, k: 3, maxDistance: 300_000, metric: metric) { $0 % 3 == 0 })
        }
    }

    @Test func visitorStopsEarly() throws {
        var tree = RTree()
        for i in 0..<100 { try tree.insert(id: i, box: BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1)) }
        var seen = 0
        #expect(!tree.search(BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1)) { _ in seen += 1; return seen < 3 })
        #expect(seen == 3)
    }
}
