import GeoCore

/// Nearest-neighbour and within-distance queries on a ``PackedRTree``.
extension PackedRTree {
    /// The `k` items whose boxes are nearest to `point`, nearest first, by planar distance.
    ///
    /// - Parameters:
    ///   - point: the query position (only `x` and `y` are used).
    ///   - k: the most results to return (`Int.max` for all).
    ///   - maxDistance: ignore items farther than this (inclusive), in coordinate units.
    ///   - filter: called with an item index; items for which it returns `false` are skipped.
    /// - Returns: up to `k` results ordered by distance, ties by ascending index.
    /// - Complexity: best-first search: a priority queue of nodes by box distance and a bounded
    ///   heap of the k best items so far, which prunes every node farther than the k-th item;
    ///   O(log n + k) node visits on well-spread data. A single planar neighbour (`k == 1`) is
    ///   first looked for among the boxes containing `point` (distance 0, smallest index wins),
    ///   by a window search that reads each level in one sweep; the best-first search runs only
    ///   when no box contains the point.
    public func neighbors(of point: Coordinate, k: Int = 1, maxDistance: Double = .infinity,
                          filter: (Int) -> Bool) -> [Neighbor] {
        neighbors(of: point, k: k, maxDistance: maxDistance, metric: PlanarMetric(), filter: filter)
    }

    /// The `k` items whose boxes are nearest to `point`, nearest first, by planar distance: every
    /// item is a candidate (see ``neighbors(of:k:maxDistance:filter:)``).
    public func neighbors(of point: Coordinate, k: Int = 1, maxDistance: Double = .infinity) -> [Neighbor] {
        neighbors(of: point, k: k, maxDistance: maxDistance, metric: PlanarMetric())
    }

    /// The `k` items whose boxes are nearest to `point` under `metric` (for example
    /// ``HaversineMetric`` for longitude/latitude data, with `maxDistance` in metres).
    public func neighbors<M: BoxDistanceMetric>(of point: Coordinate, k: Int = 1,
                                                maxDistance: Double = .infinity, metric: M,
                                                filter: (Int) -> Bool) -> [Neighbor] {
        var results = [Neighbor]()
        neighbors(of: point, k: k, maxDistance: maxDistance, metric: metric, into: &results, filter: filter)
        return results
    }

    /// The `k` items whose boxes are nearest to `point` under `metric`, every item a candidate.
    public func neighbors<M: BoxDistanceMetric>(of point: Coordinate, k: Int = 1,
                                                maxDistance: Double = .infinity, metric: M) -> [Neighbor] {
        var results = [Neighbor]()
        neighbors(of: point, k: k, maxDistance: maxDistance, metric: metric, into: &results)
        return results
    }

    /// The buffer-reusing form of ``neighbors(of:k:maxDistance:metric:filter:)``: replaces the
    /// contents of `results`, keeping its capacity.
    @_specialize(where M == PlanarMetric)
    @_specialize(where M == HaversineMetric)
    public func neighbors<M: BoxDistanceMetric>(of point: Coordinate, k: Int = 1,
                                                maxDistance: Double = .infinity, metric: M,
                                                into results: inout [Neighbor],
                                                filter: (Int) -> Bool) {
        withoutActuallyEscaping(filter) { accept in
            neighbors(of: point, k: k, maxDistance: maxDistance, metric: metric, into: &results, accepting: accept)
        }
    }

    /// The buffer-reusing form of ``neighbors(of:k:maxDistance:metric:)``. Without a filter the
    /// search asks nothing per item (a call through a closure for each of the ~150 items a
    /// 100-nearest query looks at was 4 % of its time).
    @_specialize(where M == PlanarMetric)
    @_specialize(where M == HaversineMetric)
    public func neighbors<M: BoxDistanceMetric>(of point: Coordinate, k: Int = 1,
                                                maxDistance: Double = .infinity, metric: M,
                                                into results: inout [Neighbor]) {
        neighbors(of: point, k: k, maxDistance: maxDistance, metric: metric, into: &results, accepting: nil)
    }

    /// The search behind the public forms; `accept` is the filter, `nil` for none.
    private func neighbors<M: BoxDistanceMetric>(of point: Coordinate, k: Int, maxDistance: Double, metric: M,
                                                 into results: inout [Neighbor], accepting accept: ((Int) -> Bool)?) {
        results.removeAll(keepingCapacity: true)
        guard count > 0, k > 0, !point.x.isNaN, !point.y.isNaN else { return }
        let maxKey = metric.key(forDistance: maxDistance)
        if k == 1 && M.self == PlanarMetric.self && maxKey >= 0,
           let item = smallestContaining(point, accepting: accept) {
            results.append(Neighbor(index: item, distance: 0))
            return
        }
        switch boxes {
        case .float64(let a):
            a.withUnsafeBufferPointer {
                neighborsCore($0, point, k, maxKey, metric, accept, &results)
            }
        case .float32(let a):
            a.withUnsafeBufferPointer {
                neighborsCore($0, point, k, maxKey, metric, accept, &results)
            }
        }
    }

    /// The smallest index accepted by `filter` among the items whose stored box contains `point`,
    /// found by a window search on the point (level by level, so the cache misses of a level
    /// overlap). Under the planar metric exactly these items are at distance 0, so when one exists
    /// it is the single nearest neighbour with ties broken by index; `nil` when none contains it.
    private func smallestContaining(_ point: Coordinate, accepting accept: ((Int) -> Bool)?) -> Int? {
        var sink = SmallestIndexSink(accept: accept)
        search(BoundingBox(minX: point.x, minY: point.y, maxX: point.x, maxY: point.y), sink: &sink)
        return sink.smallest
    }

    private func neighborsCore<S: StoredScalar, M: BoxDistanceMetric>(
        _ b: UnsafeBufferPointer<S>, _ point: Coordinate, _ k: Int, _ maxKey: Double, _ metric: M,
        _ accept: ((Int) -> Bool)?, _ results: inout [Neighbor]
    ) {
        let x = point.x, y = point.y
        var queue = NeighborQueue()
        var best = NeighborCandidates(capacity: k)
        let top = levelStarts.count - 2
        // A node entry carries its level in bits 56...62 and its position below.
        queue.push(0, UInt64(top) << 56 | UInt64(levelStarts[top]))
        let ns = nodeSize
        let base = b.baseAddress.unsafelyUnwrapped
        itemIndices.withReader { items in
            levelStarts.withUnsafeBufferPointer { starts in
                withUnsafeTemporaryAllocation(of: Double.self, capacity: ns) { keys in
                    let keys = keys.baseAddress.unsafelyUnwrapped
                    // The level of a queued node and the first of its children and their number.
                    @inline(__always) func children(_ entry: UInt64) -> (level: Int, start: Int, count: Int) {
                        let level = Int(entry >> 56)
                        let start = starts[level - 1] + (Int(entry & (1 << 56 - 1)) - starts[level]) * ns
                        return (level, start, min(ns, starts[level] - start))
                    }
                    while !queue.isEmpty {
                        let next = queue.top
                        // Nodes at exactly the bound are still opened: they may hold a tie with a smaller index.
                        if next.key > best.bound { break }
                        queue.pop()
                        let (level, cs, n) = children(next.entry)
                        // Ask for the children of the node likely to be opened next (the new
                        // top of the queue), so its misses overlap with this node's work.
                        if !queue.isEmpty {
                            let after = children(queue.top.entry)
                            prefetchLines(UnsafeRawPointer(base + 4 * after.start),
                                          bytes: after.count * 4 * MemoryLayout<S>.stride, outer: true)
                        }
                        // A leaf's item indices are read only for the items that pass the
                        // bound, after its boxes: ask for their line with the boxes'.
                        if level == 1 { items.prefetch(cs..<cs + n) }
                        // The keys of all children first: independent loads and arithmetic
                        // without branches, then the decisions.
                        var p = base + 4 * cs
                        for j in 0..<n {
                            keys[j] = metric.key(x: x, y: y, minX: p[0].doubleValue, minY: p[1].doubleValue,
                                                 maxX: p[2].doubleValue, maxY: p[3].doubleValue)
                            p += 4
                        }
                        let limit = min(maxKey, best.bound)
                        if level == 1 {
                            for j in 0..<n {
                                let d = keys[j]
                                if !(d <= maxKey) || d > best.bound { continue }
                                let item = items[cs + j]
                                if let accept, !accept(item) { continue }
                                best.offer(d, item)
                            }
                        } else {
                            let childTag = UInt64(level - 1) << 56
                            for j in 0..<n where keys[j] <= limit {
                                queue.push(keys[j], childTag | UInt64(cs + j))
                            }
                        }
                    }
                }
            }
        }
        best.write(to: &results, metric: metric)
    }

    /// The indices of every item whose box lies within `distance` of `point` (inclusive) under
    /// `metric`, in tree order.
    @_specialize(where M == PlanarMetric)
    @_specialize(where M == HaversineMetric)
    public func within<M: BoxDistanceMetric>(distance: Double, of point: Coordinate,
                                             metric: M = PlanarMetric()) -> [Int] {
        guard count > 0, !point.x.isNaN, !point.y.isNaN else { return [] }
        let maxKey = metric.key(forDistance: distance)
        switch boxes {
        case .float64(let a): return a.withUnsafeBufferPointer { withinCore($0, point, maxKey, metric) }
        case .float32(let a): return a.withUnsafeBufferPointer { withinCore($0, point, maxKey, metric) }
        }
    }

    private func withinCore<S: StoredScalar, M: BoxDistanceMetric>(
        _ b: UnsafeBufferPointer<S>, _ point: Coordinate, _ maxKey: Double, _ metric: M
    ) -> [Int] {
        var results = [Int]()
        let top = levelStarts.count - 2
        var stack: [(node: Int, level: Int)] = [(levelStarts[top], top)]
        let root = 4 * levelStarts[top]
        guard metric.key(x: point.x, y: point.y, minX: b[root].doubleValue, minY: b[root + 1].doubleValue,
                         maxX: b[root + 2].doubleValue, maxY: b[root + 3].doubleValue) <= maxKey else { return [] }
        while let (node, level) = stack.popLast() {
            for c in children(ofNode: node, level: level) {
                let p = 4 * c
                let d = metric.key(x: point.x, y: point.y, minX: b[p].doubleValue, minY: b[p + 1].doubleValue,
                                   maxX: b[p + 2].doubleValue, maxY: b[p + 3].doubleValue)
                guard d <= maxKey else { continue }
                if level == 1 { results.append(itemIndices[c]) } else { stack.append((c, level - 1)) }
            }
        }
        return results
    }
}

/// Keeps the smallest hit index accepted by a filter, if any (asked only for indices that would
/// improve it).
struct SmallestIndexSink: HitSink {
    let accept: ((Int) -> Bool)?
    var smallest: Int?

    @inline(__always) mutating func hit(_ run: UnsafeBufferPointer<Int>) -> Bool {
        for i in run where i < (smallest ?? Int.max) && (accept?(i) ?? true) { smallest = i }
        return true
    }
}
