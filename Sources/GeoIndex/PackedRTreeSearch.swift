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
        if let blocks = searchBlocks, case .float64(let a) = boxes {
            return a.withUnsafeBufferPointer { blockSearch(blocks, $0, box, &sink) }
        }
        return searchUnblocked(box, sink: &sink)
    }

    /// The search on the stored boxes alone, without ``SearchBlocks`` (Float32 storage, node
    /// sizes not divisible by 16; the tests compare the two).
    @discardableResult
    func searchUnblocked<K: HitSink>(_ box: BoundingBox, sink: inout K) -> Bool {
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
        let ns = nodeSize
        let windowTest = WindowTest<S>(q)
        let raw = UnsafeRawPointer(b.baseAddress.unsafelyUnwrapped)
        if !windowTest.hits(raw, levelStarts[top]) { return true }
        var current = [Int]()
        var next = [Int]()
        current.reserveCapacity(4 * ns)
        next.reserveCapacity(4 * ns)
        current.append(levelStarts[top])
        return itemIndices.withReader { items in
            levelStarts.withUnsafeBufferPointer { starts in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: ns) { run in
                    var level = top
                    while level >= 1 && !current.isEmpty {
                        let childLevel = level - 1
                        let span = itemSpans[childLevel]
                        // Prefetch every cache line of every child block first, so their
                        // misses overlap instead of queueing one by one.
                        let boxBytes = 4 * MemoryLayout<S>.stride
                        for node in current {
                            let cs = starts[childLevel] + (node - starts[level]) * ns
                            let ce = min(cs + ns, starts[level])
                            prefetchLines(raw + cs * boxBytes, bytes: (ce - cs) * boxBytes)
                            if childLevel == 0 {
                                items.prefetch(cs..<ce)
                            }
                        }
                        for node in current {
                            let cs = starts[childLevel] + (node - starts[level]) * ns
                            let ce = min(cs + ns, starts[level])
                            if childLevel == 0 {
                                // Branch-free test of the leaf boxes into a scratch run, then report it.
                                var m = 0
                                for c in cs..<ce {
                                    run[m] = c
                                    m += windowTest.hits(raw, c) ? 1 : 0
                                }
                                for j in 0..<m { run[j] = items[run[j]] }
                                if m > 0 && !sink.hit(UnsafeBufferPointer(rebasing: run[0..<m])) { return false }
                                continue
                            }
                            for c in cs..<ce {
                                if !windowTest.hits(raw, c) { continue }
                                if windowTest.isInside(raw, c) {
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

extension PackedRTree {
    /// ``searchCore(_:_:_:)`` on ``SearchBlocks``: the same levels, order and hits, but each
    /// node's children are tested 16 at a time on their Float32 boxes, and a Float64 box is read
    /// only for the rare child whose Float32 test leaves the answer open.
    private func blockSearch<K: HitSink>(_ blocks: SearchBlocks, _ b: UnsafeBufferPointer<Double>,
                                         _ q: BoundingBox, _ sink: inout K) -> Bool {
        guard count > 0, !q.isEmpty else { return true }
        let top = levelStarts.count - 2
        let ns = nodeSize
        let exact = WindowTest<Double>(q)
        let window = BlockWindow(q)
        let raw = UnsafeRawPointer(b.baseAddress.unsafelyUnwrapped)
        if !exact.hits(raw, levelStarts[top]) { return true }
        let groups = ns / 16
        // The children of a node are asked for as soon as the node is found to meet the window,
        // so the misses of a level overlap with testing the rest of the level above.
        @inline(__always) func prefetchChildren(_ block: Int, _ level: Int) {
            if level == 0 {
                prefetchLines(blocks.leafBlock(block), bytes: blocks.leafBlockBytes, outer: true)
            } else {
                prefetchLines(blocks.block(block, level: level), bytes: blocks.blockBytes, outer: true)
            }
        }
        // The leaf level's hits are gathered across blocks and handed over in runs of up to
        // `ns + 496` (about 30 leaf blocks' worth at node size 16): one sink call per run. The
        // same scratch holds the blocks of the level being tested and of the next (block r holds
        // the children of node r one level up), on the heap only when a level outgrows it.
        let runCapacity = ns + 496, listCapacity = 256
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: runCapacity + 2 * listCapacity) { scratch in
            let run = UnsafeMutableBufferPointer(rebasing: scratch[0..<runCapacity])
            var current = NodeList(UnsafeMutableBufferPointer(rebasing: scratch[runCapacity..<(runCapacity + listCapacity)]))
            var next = NodeList(UnsafeMutableBufferPointer(rebasing: scratch[(runCapacity + listCapacity)...]))
            defer {
                current.release()
                next.release()
            }
            current.append(0)
            var level = top - 1
            while level >= 1 {
                let first = levelStarts[level], span = itemSpans[level]
                for i in 0..<current.count {
                    let block = current[i]
                    let p = blocks.block(block, level: level)
                    for g in 0..<groups {
                        let t = window.meetsAndInside(p + g * SearchBlocks.groupBytes)
                        var inside = t.inside
                        var open = t.insideOpen
                        var meet = t.meet.maybe
                        // Settle the open ones on the Float64 box.
                        while open != 0 {
                            let j = open.trailingZeroBitCount
                            open &= open - 1
                            if exact.isInside(raw, first + block * ns + g * 16 + j) { inside |= 1 << j }
                        }
                        if inside == 0 {
                            while meet != 0 {
                                let j = meet.trailingZeroBitCount
                                meet &= meet - 1
                                next.append(block * ns + g * 16 + j)
                                prefetchChildren(block * ns + g * 16 + j, level - 1)
                            }
                            continue
                        }
                        while meet != 0 {
                            let j = meet.trailingZeroBitCount
                            meet &= meet - 1
                            let node = block * ns + g * 16 + j
                            if inside & (1 << j) == 0 {
                                next.append(node)
                                continue
                            }
                            // Every item under the node, a block at a time, with the
                            // indices stored beside the item boxes.
                            var item = node * span
                            let last = min(item + span, count)
                            while item < last {
                                let n = min(ns, last - item)
                                let slots = blocks.leafItems(item / ns)
                                for m in 0..<n { run[m] = Int(slots[m]) }
                                if !sink.hit(UnsafeBufferPointer(rebasing: run[0..<n])) { return false }
                                item += n
                            }
                        }
                    }
                }
                swap(&current, &next)
                next.removeAll()
                if current.count == 0 { return true }
                level -= 1
            }
            var m = 0
            for i in 0..<current.count {
                let block = current[i]
                if m + ns > run.count {
                    if !sink.hit(UnsafeBufferPointer(rebasing: run[0..<m])) { return false }
                    m = 0
                }
                let p = blocks.leafBlock(block)
                let slots = blocks.leafItems(block)
                for g in 0..<groups {
                    let t = window.meets(p + g * SearchBlocks.groupBytes)
                    var hit = t.maybe
                    var open = t.maybe & ~t.sure
                    while open != 0 {
                        let j = open.trailingZeroBitCount
                        open &= open - 1
                        if !exact.hits(raw, block * ns + g * 16 + j) { hit &= ~(1 << j) }
                    }
                    while hit != 0 {
                        let j = hit.trailingZeroBitCount
                        hit &= hit - 1
                        run[m] = Int(slots[g * 16 + j])
                        m += 1
                    }
                }
            }
            return m == 0 || sink.hit(UnsafeBufferPointer(rebasing: run[0..<m]))
        }
    }
}

/// Node positions of one level of a window search: in the caller's scratch while they fit, then
/// in a heap buffer of twice the size (freed by ``release()``).
struct NodeList {
    private var base: UnsafeMutablePointer<Int>
    private var capacity: Int
    private var onHeap = false
    private(set) var count = 0

    init(_ scratch: UnsafeMutableBufferPointer<Int>) {
        base = scratch.baseAddress.unsafelyUnwrapped
        capacity = scratch.count
    }

    @inline(__always) subscript(i: Int) -> Int { base[i] }

    @inline(__always) mutating func append(_ value: Int) {
        if count == capacity { grow() }
        base[count] = value
        count += 1
    }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<Int>.allocate(capacity: 2 * capacity)
        larger.initialize(from: base, count: count)
        if onHeap { base.deallocate() }
        base = larger
        capacity *= 2
        onHeap = true
    }

    @inline(__always) mutating func removeAll() { count = 0 }

    /// Frees the heap buffer, if the list grew into one.
    func release() {
        if onHeap { base.deallocate() }
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

/// The tests of one stored box against a query window with SIMD compares: a
/// Float32 box is one 4-lane vector compared against the window rounded to Float (exact: a Float
/// `f` satisfies `f <= q` exactly when `f <= q` rounded down to Float), a Float64 box two 2-lane
/// vectors.
struct WindowTest<S: StoredScalar> {
    private let hi64: SIMD2<Double>, lo64: SIMD2<Double>
    private let bound32: SIMD4<Float>, inside32: SIMD4<Float>
    private static var sign32: SIMD4<Float> { SIMD4(1, 1, -1, -1) }

    init(_ q: BoundingBox) {
        hi64 = SIMD2(q.maxX, q.maxY)
        lo64 = SIMD2(q.minX, q.minY)
        bound32 = SIMD4(Float.roundedDown(q.maxX), Float.roundedDown(q.maxY),
                        -Float.roundedUp(q.minX), -Float.roundedUp(q.minY))
        inside32 = SIMD4(-Float.roundedUp(q.minX), -Float.roundedUp(q.minY),
                         Float.roundedDown(q.maxX), Float.roundedDown(q.maxY))
    }

    /// Whether stored box `c` lies inside the window (its whole subtree is a hit).
    @inline(__always)
    func isInside(_ raw: UnsafeRawPointer, _ c: Int) -> Bool {
        if S.self == Float.self {
            let v = raw.loadUnaligned(fromByteOffset: c &* 16, as: SIMD4<Float>.self) * -Self.sign32
            return all(v .<= inside32)
        } else {
            let lo = raw.loadUnaligned(fromByteOffset: c &* 32, as: SIMD2<Double>.self)
            let hi = raw.loadUnaligned(fromByteOffset: c &* 32 &+ 16, as: SIMD2<Double>.self)
            return all((lo .>= lo64) .& (hi .<= hi64))
        }
    }

    /// Whether stored box `c` (at byte `c * 4 * stride` of `raw`) intersects the window.
    @inline(__always)
    func hits(_ raw: UnsafeRawPointer, _ c: Int) -> Bool {
        if S.self == Float.self {
            let v = raw.loadUnaligned(fromByteOffset: c &* 16, as: SIMD4<Float>.self) * Self.sign32
            return all(v .<= bound32)
        } else {
            let lo = raw.loadUnaligned(fromByteOffset: c &* 32, as: SIMD2<Double>.self)
            let hi = raw.loadUnaligned(fromByteOffset: c &* 32 &+ 16, as: SIMD2<Double>.self)
            return all((lo .<= hi64) .& (hi .>= lo64))
        }
    }
}
