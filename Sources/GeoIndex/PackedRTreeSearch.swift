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

    /// Depth-first window search with an explicit stack of (node, level) pairs; a node whose box
    /// lies inside the window reports its contiguous run of items directly.
    private func searchCore<S: StoredScalar, K: HitSink>(_ b: UnsafeBufferPointer<S>, _ q: BoundingBox,
                                                         _ sink: inout K) -> Bool {
        guard count > 0, !q.isEmpty else { return true }
        let top = levelStarts.count - 2
        let qx0 = q.minX, qy0 = q.minY, qx1 = q.maxX, qy1 = q.maxY
        let ns = nodeSize
        return itemIndices.withUnsafeBufferPointer { items in
            levelStarts.withUnsafeBufferPointer { starts in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * (top + 1) * ns + 2) { stack in
                    stack[0] = starts[top]
                    stack[1] = top
                    var sp = 2
                    // The root box first: its children are visited only if it intersects.
                    let r = 4 * starts[top]
                    if qx1 < b[r].doubleValue || qy1 < b[r + 1].doubleValue
                        || qx0 > b[r + 2].doubleValue || qy0 > b[r + 3].doubleValue { return true }
                    while sp > 0 {
                        sp -= 2
                        let node = stack[sp], level = stack[sp + 1]
                        let childLevel = level - 1
                        let cs = starts[childLevel] + (node - starts[level]) * ns
                        let ce = min(cs + ns, starts[level])
                        if childLevel == 0 {
                            for c in cs..<ce {
                                let p = 4 * c
                                if qx1 < b[p].doubleValue || qy1 < b[p + 1].doubleValue
                                    || qx0 > b[p + 2].doubleValue || qy0 > b[p + 3].doubleValue { continue }
                                if !sink.hit(Int(items[c])) { return false }
                            }
                            continue
                        }
                        for c in cs..<ce {
                            let p = 4 * c
                            let x0 = b[p].doubleValue, y0 = b[p + 1].doubleValue
                            let x1 = b[p + 2].doubleValue, y1 = b[p + 3].doubleValue
                            if qx1 < x0 || qy1 < y0 || qx0 > x1 || qy0 > y1 { continue }
                            if qx0 <= x0 && qy0 <= y0 && qx1 >= x1 && qy1 >= y1 {
                                let span = itemSpans[childLevel]
                                let first = (c - starts[childLevel]) * span
                                let last = min(first + span, count)
                                for i in first..<last where !sink.hit(Int(items[i])) { return false }
                            } else {
                                stack[sp] = c
                                stack[sp + 1] = childLevel
                                sp += 2
                            }
                        }
                    }
                    return true
                }
            }
        }
    }
}

/// Receives query hits; returning `false` stops the query.
protocol HitSink {
    mutating func hit(_ index: Int) -> Bool
}

/// Appends every hit to an array.
struct ArraySink: HitSink {
    var results: [Int]
    @inline(__always) mutating func hit(_ index: Int) -> Bool {
        results.append(index)
        return true
    }
}

/// Forwards every hit to a closure.
struct ClosureSink: HitSink {
    let body: (Int) -> Bool
    @inline(__always) mutating func hit(_ index: Int) -> Bool { body(index) }
}
