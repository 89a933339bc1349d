import GeoCore

/// Point queries on a ``PackedRTree`` without allocating, for hot per-point loops.
extension PackedRTree {
    /// Calls `visit` with every item whose box contains `(x, y)` (edges included), depth first.
    /// Uses a stack buffer instead of the level lists of ``search(_:visit:)``; NaN matches nothing.
    @inline(__always)
    func forEachItem(containingX x: Double, y: Double, _ visit: (Int) -> Void) {
        guard count > 0 else { return }
        guard case .float64(let stored) = boxes else {
            search(BoundingBox(minX: x, minY: y, maxX: x, maxY: y)) { visit($0); return true }
            return
        }
        let ns = nodeSize
        let top = levelStarts.count - 2
        stored.withUnsafeBufferPointer { b in
            @inline(__always) func holds(_ c: Int) -> Bool {
                b[4 &* c] <= x && x <= b[4 &* c &+ 2] && b[4 &* c &+ 1] <= y && y <= b[4 &* c &+ 3]
            }
            let root = levelStarts[top]
            guard holds(root) else { return }
            itemIndices.withReader { items in
                levelStarts.withUnsafeBufferPointer { starts in
                    // Each pop pushes at most `ns` children, one level down: the stack never
                    // holds more than `top * ns` nodes. A node and its level share one Int.
                    withUnsafeTemporaryAllocation(of: Int.self, capacity: top * ns + 1) { stack in
                        stack[0] = root << 6 | top
                        var sp = 1
                        while sp > 0 {
                            sp &-= 1
                            let v = stack[sp]
                            let node = v >> 6, level = v & 63
                            let child = level &- 1
                            let cs = starts[child] &+ (node &- starts[level]) &* ns
                            let ce = min(cs &+ ns, starts[level])
                            if child == 0 {
                                for c in cs..<ce where holds(c) { visit(items[c]) }
                            } else {
                                for c in cs..<ce where holds(c) {
                                    stack[sp] = c << 6 | child
                                    sp &+= 1
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
