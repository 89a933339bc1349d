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
    /// - Complexity: best-first search with one priority queue holding nodes and items;
    ///   O(log n + k) node visits on well-spread data.
    public func neighbors(of point: Coordinate, k: Int = 1, maxDistance: Double = .infinity,
                          filter: (Int) -> Bool = { _ in true }) -> [Neighbor] {
        neighbors(of: point, k: k, maxDistance: maxDistance, metric: PlanarMetric(), filter: filter)
    }

    /// The `k` items whose boxes are nearest to `point` under `metric` (for example
    /// ``HaversineMetric`` for longitude/latitude data, with `maxDistance` in metres).
    public func neighbors<M: BoxDistanceMetric>(of point: Coordinate, k: Int = 1,
                                                maxDistance: Double = .infinity, metric: M,
                                                filter: (Int) -> Bool = { _ in true }) -> [Neighbor] {
        guard count > 0, k > 0, !point.x.isNaN, !point.y.isNaN else { return [] }
        switch boxes {
        case .float64(let a):
            return a.withUnsafeBufferPointer {
                neighborsCore($0, point, k, metric.key(forDistance: maxDistance), metric, filter)
            }
        case .float32(let a):
            return a.withUnsafeBufferPointer {
                neighborsCore($0, point, k, metric.key(forDistance: maxDistance), metric, filter)
            }
        }
    }

    private func neighborsCore<S: StoredScalar, M: BoxDistanceMetric>(
        _ b: UnsafeBufferPointer<S>, _ point: Coordinate, _ k: Int, _ maxKey: Double, _ metric: M,
        _ filter: (Int) -> Bool
    ) -> [Neighbor] {
        let x = point.x, y = point.y
        var results = [Neighbor]()
        var queue = NeighborQueue()
        let top = levelStarts.count - 2
        queue.push(0, UInt64(levelStarts[top]))
        itemIndices.withUnsafeBufferPointer { items in
            while !queue.isEmpty {
                let (key, entry) = queue.top
                if entry & NeighborQueue.itemBit != 0 {
                    queue.pop()
                    results.append(Neighbor(index: Int(entry & ~NeighborQueue.itemBit), distance: metric.distance(forKey: key)))
                    if results.count >= k { break }
                    continue
                }
                queue.pop()
                let node = Int(entry)
                let level = self.level(ofNode: node)
                for c in children(ofNode: node, level: level) {
                    let p = 4 * c
                    let d = metric.key(x: x, y: y, minX: b[p].doubleValue, minY: b[p + 1].doubleValue,
                                       maxX: b[p + 2].doubleValue, maxY: b[p + 3].doubleValue)
                    if !(d <= maxKey) { continue }
                    if level == 1 {
                        let item = Int(items[c])
                        if filter(item) { queue.push(d, UInt64(item) | NeighborQueue.itemBit) }
                    } else {
                        queue.push(d, UInt64(c))
                    }
                }
            }
        }
        return results
    }

    /// The indices of every item whose box lies within `distance` of `point` (inclusive) under
    /// `metric`, in tree order.
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
                if level == 1 { results.append(Int(itemIndices[c])) } else { stack.append((c, level - 1)) }
            }
        }
        return results
    }
}
