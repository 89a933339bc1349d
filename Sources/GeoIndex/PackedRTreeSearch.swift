import GeoCore

/// Window queries on a ``PackedRTree``.
extension PackedRTree {
    /// Calls `visit` with the index of every item whose box intersects `box` (touching counts),
    /// in tree order, until `visit` returns `false`. An empty window (`min > max` or a NaN limit)
    /// matches nothing.
    ///
    /// - Returns: `false` when `visit` stopped the search early, `true` otherwise.
    /// - Complexity: O(log n + k) for k hits on well-spread data; subtrees entirely inside `box`
    ///   are reported without testing their boxes.
    @discardableResult
    public func search(_ box: BoundingBox, visit: (Int) -> Bool) -> Bool {
        withoutActuallyEscaping(visit) { body in
            var sink = ClosureSink(body: body)
            return search(box, sink: &sink)
        }
    }

    /// Replaces the contents of `results` with the indices of every item whose box intersects
    /// `box` (touching counts), keeping its capacity so one buffer serves many queries.
    public func search(_ box: BoundingBox, into results: inout [Int]) {
        results.removeAll(keepingCapacity: true)
        var sink = ArraySink(results: results)
        results = []
        search(box, sink: &sink)
        results = sink.results
    }

    /// The indices of every item whose box intersects `box` (touching counts).
    public func search(_ box: BoundingBox) -> [Int] {
        var results = [Int]()
        search(box, into: &results)
        return results
    }

    @discardableResult
    func search<K: HitSink>(_ box: BoundingBox, sink: inout K) -> Bool {
        switch boxes {
        case .float64(let a):
            a.withUnsafeBufferPointer { searchCore($0, box, &sink) }
        case .float32(let a):
            a.withUnsafeBufferPointer { searchCore($0, box, &sink) }
        }
    }

    /// Level-by-level window search: the intersecting nodes of one level, in ascending position,
    /// give the children to test on the next, so memory is read in one forward sweep per level
    /// (friendly to the hardware prefetcher). A node whose box lies inside the window reports its
    /// contiguous run of items without testing them.
    private func searchCore<S: StoredScalar, K: HitSink>(_ b: UnsafeBufferPointer<S>, _ q: BoundingBox,
                                                         _ sink: inout K) -> Bool {
        guard count > 0, !q.isEmpty else { return true }
        let top = levelStarts.count - 2
        let qx0 = q.minX, qy0 = q.minY, qx1 = q.maxX, qy1 = q.maxY
        let ns = nodeSize
        let r = 4 * levelStarts[top]
        if qx1 < b[r].doubleValue || qy1 < b[r + 1].doubleValue
            || qx0 > b[r + 2].doubleValue || qy0 > b[r + 3].doubleValue { return true }
        var current = [levelStarts[top]]
        var next = [Int]()
        return itemIndices.withReader { items in
            levelStarts.withUnsafeBufferPointer { starts in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: ns) { run in
                    var level = top
                    while level >= 1 && !current.isEmpty {
                        let childLevel = level - 1
                        let span = itemSpans[childLevel]
                        // Read one value per cache line of every child block first: the loads
                        // are independent, so their misses overlap instead of queueing one by one.
                        var touched: S = 0
                        let stride = 64 / MemoryLayout<S>.stride
                        for node in current {
                            let cs = starts[childLevel] + (node - starts[level]) * ns
                            let ce = min(cs + ns, starts[level])
                            var p = 4 * cs
                            while p < 4 * ce {
                                touched += b[p]
                                p += stride
                            }
                        }
                        if touched.isNaN { return true }
                        for node in current {
                            let cs = starts[childLevel] + (node - starts[level]) * ns
                            let ce = min(cs + ns, starts[level])
                            if childLevel == 0 {
                                // Branch-free test of the leaf boxes into a scratch run, then report it.
                                var m = 0
                                for c in cs..<ce {
                                    let p = 4 * c
                                    let hit = (b[p].doubleValue <= qx1 ? 1 : 0) & (b[p + 1].doubleValue <= qy1 ? 1 : 0)
                                        & (b[p + 2].doubleValue >= qx0 ? 1 : 0) & (b[p + 3].doubleValue >= qy0 ? 1 : 0)
                                    run[m] = items[c]
                                    m += hit
                                }
                                if m > 0 && !sink.hit(UnsafeBufferPointer(rebasing: run[0..<m])) { return false }
                                continue
                            }
                            for c in cs..<ce {
                                let p = 4 * c
                                let x0 = b[p].doubleValue, y0 = b[p + 1].doubleValue
                                let x1 = b[p + 2].doubleValue, y1 = b[p + 3].doubleValue
                                if qx1 < x0 || qy1 < y0 || qx0 > x1 || qy0 > y1 { continue }
                                if qx0 <= x0 && qy0 <= y0 && qx1 >= x1 && qy1 >= y1 {
                                    var first = (c - starts[childLevel]) * span
                                    let last = min(first + span, count)
                                    while first < last {
                                        let n = min(ns, last - first)
                                        for j in 0..<n { run[j] = items[first + j] }
                                        if !sink.hit(UnsafeBufferPointer(rebasing: run[0..<n])) { return false }
                                        first += n
                                    }
                                } else {
                                    next.append(c)
                                }
                            }
                        }
                        swap(&current, &next)
                        next.removeAll(keepingCapacity: true)
                        level -= 1
                    }
                    return true
                }
            }
        }
    }
}

/// Receives query hits in runs; returning `false` stops the query.
protocol HitSink {
    mutating func hit(_ run: UnsafeBufferPointer<Int>) -> Bool
}

/// Appends every hit to an array, a run at a time.
struct ArraySink: HitSink {
    var results: [Int]
    @inline(__always) mutating func hit(_ run: UnsafeBufferPointer<Int>) -> Bool {
        results.append(contentsOf: run)
        return true
    }
}

/// Forwards every hit to a closure, one at a time.
struct ClosureSink: HitSink {
    let body: (Int) -> Bool
    @inline(__always) mutating func hit(_ run: UnsafeBufferPointer<Int>) -> Bool {
        for i in run where !body(i) { return false }
        return true
    }
}
