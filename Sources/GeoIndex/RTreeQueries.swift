import GeoCore

/// Queries on an ``RTree``: the same set as ``PackedRTree``, reporting item ids.
extension RTree {
    /// Calls `visit` with the id of every item whose box intersects `box` (touching counts) until
    /// `visit` returns `false`. An empty window matches nothing.
    ///
    /// - Returns: `false` when `visit` stopped the search early.
    @discardableResult
    public func search(_ box: BoundingBox, visit: (Int) -> Bool) -> Bool {
        withoutActuallyEscaping(visit) { body in
            var sink = ClosureSink(body: body)
            return search(box, sink: &sink)
        }
    }

    /// Replaces the contents of `results` with the ids of every item whose box intersects `box`,
    /// keeping its capacity.
    public func search(_ box: BoundingBox, into results: inout [Int]) {
        results.removeAll(keepingCapacity: true)
        var sink = ArraySink(results: results)
        results = []
        search(box, sink: &sink)
        results = sink.results
    }

    /// Level-by-level search (every leaf is at the same depth), leaf entries tested without
    /// branches and reported a node at a time.
    @discardableResult
    func search<K: HitSink>(_ box: BoundingBox, sink: inout K) -> Bool {
        guard count > 0, !box.isEmpty else { return true }
        let slots = slotsPerNode
        let qx0 = box.minX, qy0 = box.minY, qx1 = box.maxX, qy1 = box.maxY
        var current = [Int(root)]
        var next = [Int]()
        return entryBoxes.withUnsafeBufferPointer { b in
            entryIDs.withUnsafeBufferPointer { ids in
                nodeCount.withUnsafeBufferPointer { counts in
                    withUnsafeTemporaryAllocation(of: Int.self, capacity: slots) { run in
                        var leafLevel = nodeLevel[Int(root)] == 0
                        while !current.isEmpty {
                            for node in current {
                                let base = node * slots
                                let n = Int(counts[node])
                                if leafLevel {
                                    var m = 0
                                    for s in 0..<n {
                                        let p = (base + s) * 4
                                        let hit = (b[p] <= qx1 ? 1 : 0) & (b[p + 1] <= qy1 ? 1 : 0)
                                            & (b[p + 2] >= qx0 ? 1 : 0) & (b[p + 3] >= qy0 ? 1 : 0)
                                        run[m] = Int(ids[base + s])
                                        m += hit
                                    }
                                    if m > 0 && !sink.hit(UnsafeBufferPointer(rebasing: run[0..<m])) { return false }
                                } else {
                                    for s in 0..<n {
                                        let p = (base + s) * 4
                                        if qx1 < b[p] || qy1 < b[p + 1] || qx0 > b[p + 2] || qy0 > b[p + 3] { continue }
                                        next.append(Int(ids[base + s]))
                                    }
                                }
                            }
                            if let first = next.first { leafLevel = nodeLevel[first] == 0 }
                            swap(&current, &next)
                            next.removeAll(keepingCapacity: true)
                        }
                        return true
                    }
                }
            }
        }
    }

    /// The ids of every item whose box intersects `box` (touching counts).
    public func search(_ box: BoundingBox) -> [Int] {
        var results = [Int]()
        search(box, into: &results)
        return results
    }

    /// The `k` items nearest to `point` by planar box distance, nearest first, ties by ascending id.
    public func neighbors(of point: Coordinate, k: Int = 1, maxDistance: Double = .infinity,
                          filter: (Int) -> Bool = { _ in true }) -> [Neighbor] {
        neighbors(of: point, k: k, maxDistance: maxDistance, metric: PlanarMetric(), filter: filter)
    }

    /// The `k` items nearest to `point` under `metric`, nearest first, ties by ascending id;
    /// items farther than `maxDistance` or rejected by `filter` are skipped.
    @_specialize(where M == PlanarMetric)
    @_specialize(where M == HaversineMetric)
    public func neighbors<M: BoxDistanceMetric>(of point: Coordinate, k: Int = 1,
                                                maxDistance: Double = .infinity, metric: M,
                                                filter: (Int) -> Bool = { _ in true }) -> [Neighbor] {
        var results = [Neighbor]()
        guard count > 0, k > 0, !point.x.isNaN, !point.y.isNaN else { return results }
        let maxKey = metric.key(forDistance: maxDistance)
        var queue = NeighborQueue()
        var best = NeighborCandidates(capacity: k)
        queue.push(0, UInt64(root))
        while !queue.isEmpty {
            let next = queue.top
            if next.key > best.bound { break }
            queue.pop()
            let node = Int(next.entry)
            let leaf = nodeLevel[node] == 0
            for s in 0..<Int(nodeCount[node]) {
                let p = (node * slotsPerNode + s) * 4
                let d = metric.key(x: point.x, y: point.y, minX: entryBoxes[p], minY: entryBoxes[p + 1],
                                   maxX: entryBoxes[p + 2], maxY: entryBoxes[p + 3])
                if !(d <= maxKey) || d > best.bound { continue }
                let id = Int(entryIDs[node * slotsPerNode + s])
                if leaf {
                    if filter(id) { best.offer(d, id) }
                } else {
                    queue.push(d, UInt64(id))
                }
            }
        }
        best.write(to: &results, metric: metric)
        return results
    }

    /// The ids of every item whose box lies within `distance` of `point` (inclusive) under `metric`.
    public func within<M: BoxDistanceMetric>(distance: Double, of point: Coordinate,
                                             metric: M = PlanarMetric()) -> [Int] {
        guard count > 0, !point.x.isNaN, !point.y.isNaN else { return [] }
        let maxKey = metric.key(forDistance: distance)
        var results = [Int]()
        var stack = [Int(root)]
        while let node = stack.popLast() {
            for s in 0..<Int(nodeCount[node]) {
                let p = (node * slotsPerNode + s) * 4
                let d = metric.key(x: point.x, y: point.y, minX: entryBoxes[p], minY: entryBoxes[p + 1],
                                   maxX: entryBoxes[p + 2], maxY: entryBoxes[p + 3])
                guard d <= maxKey else { continue }
                let id = Int(entryIDs[node * slotsPerNode + s])
                if nodeLevel[node] == 0 { results.append(id) } else { stack.append(id) }
            }
        }
        return results
    }

    /// Every pair (id in `self`, id in `other`) whose boxes intersect (touching counts), found by
    /// descending both trees together.
    public func join(_ other: RTree) -> [IndexPair] {
        guard count > 0, other.count > 0, bounds.intersects(other.bounds) else { return [] }
        var pairs = [IndexPair]()
        var stack: [(a: Int, b: Int)] = [(Int(root), Int(other.root))]
        while let (a, b) = stack.popLast() {
            let boxA = nodeBox(a), boxB = other.nodeBox(b)
            let leafA = nodeLevel[a] == 0, leafB = other.nodeLevel[b] == 0
            if leafA && leafB {
                for i in 0..<Int(nodeCount[a]) where entryBox(a, i).intersects(boxB) {
                    let ea = entryBox(a, i)
                    for j in 0..<Int(other.nodeCount[b]) where ea.intersects(other.entryBox(b, j)) {
                        pairs.append(IndexPair(left: Int(entryIDs[a * slotsPerNode + i]),
                                               right: Int(other.entryIDs[b * other.slotsPerNode + j])))
                    }
                }
            } else if !leafA && (leafB || nodeLevel[a] >= other.nodeLevel[b]) {
                for i in 0..<Int(nodeCount[a]) where entryBox(a, i).intersects(boxB) {
                    stack.append((Int(entryIDs[a * slotsPerNode + i]), b))
                }
            } else {
                for j in 0..<Int(other.nodeCount[b]) where other.entryBox(b, j).intersects(boxA) {
                    stack.append((a, Int(other.entryIDs[b * other.slotsPerNode + j])))
                }
            }
        }
        return pairs
    }
}
