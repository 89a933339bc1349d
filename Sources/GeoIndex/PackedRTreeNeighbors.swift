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
    ///     It may be called more than once for an item.
    /// - Returns: up to `k` results ordered by distance, ties by ascending index.
    /// - Complexity: best-first search: a priority queue of nodes by box distance and a bounded
    ///   heap of the k best items so far, which prunes every node farther than the k-th item;
    ///   O(log n + k) node visits on well-spread data. A single planar neighbour (`k == 1`) is
    ///   first looked for among the boxes containing `point` (distance 0, smallest index wins),
    ///   by a window search that reads each level in one sweep; the best-first search runs only
    ///   when no box contains the point. Several planar neighbours (`1 < k <= count / 2`) are
    ///   found by window searches around the point, sized from the density of the nearest node
    ///   and the items' mean size so that the window holds a little more than `k` items, then a
    ///   selection of the `k` nearest; a window that holds too few grows, and after a few rounds
    ///   the best-first search takes over.
    public func neighbors(of point: Coordinate, k: Int = 1, maxDistance: Double = .infinity,
                          filter: (Int) -> Bool = { _ in true }) -> [Neighbor] {
        neighbors(of: point, k: k, maxDistance: maxDistance, metric: PlanarMetric(), filter: filter)
    }

    /// The `k` items whose boxes are nearest to `point` under `metric` (for example
    /// ``HaversineMetric`` for longitude/latitude data, with `maxDistance` in metres).
    public func neighbors<M: BoxDistanceMetric>(of point: Coordinate, k: Int = 1,
                                                maxDistance: Double = .infinity, metric: M,
                                                filter: (Int) -> Bool = { _ in true }) -> [Neighbor] {
        var results = [Neighbor]()
        neighbors(of: point, k: k, maxDistance: maxDistance, metric: metric, into: &results, filter: filter)
        return results
    }

    /// The buffer-reusing form of ``neighbors(of:k:maxDistance:metric:filter:)``: replaces the
    /// contents of `results`, keeping its capacity.
    @_specialize(where M == PlanarMetric)
    @_specialize(where M == HaversineMetric)
    public func neighbors<M: BoxDistanceMetric>(of point: Coordinate, k: Int = 1,
                                                maxDistance: Double = .infinity, metric: M,
                                                into results: inout [Neighbor],
                                                filter: (Int) -> Bool = { _ in true }) {
        results.removeAll(keepingCapacity: true)
        guard count > 0, k > 0, !point.x.isNaN, !point.y.isNaN else { return }
        let maxKey = metric.key(forDistance: maxDistance)
        if k == 1 && M.self == PlanarMetric.self && maxKey >= 0,
           let item = smallestContaining(point, filter: filter) {
            results.append(Neighbor(index: item, distance: 0))
            return
        }
        // Several planar neighbours: window searches sized from the local density, which read
        // each level in one sweep; the best-first search when they do not settle the answer.
        let windowed = k > 1 && M.self == PlanarMetric.self && maxKey >= 0 && k <= count / 2
        switch boxes {
        case .float64(let a):
            a.withUnsafeBufferPointer {
                if windowed && windowNeighborsCore($0, point, k, maxKey, filter, &results) { return }
                neighborsCore($0, point, k, maxKey, metric, filter, &results)
            }
        case .float32(let a):
            a.withUnsafeBufferPointer {
                if windowed && windowNeighborsCore($0, point, k, maxKey, filter, &results) { return }
                neighborsCore($0, point, k, maxKey, metric, filter, &results)
            }
        }
    }

    /// The planar `k` nearest by window searches alone, `nil` where they give up (tests use it
    /// to check that path by itself).
    func windowedNeighbors(of point: Coordinate, k: Int, maxDistance: Double = .infinity,
                           filter: (Int) -> Bool = { _ in true }) -> [Neighbor]? {
        var results = [Neighbor]()
        let maxKey = PlanarMetric().key(forDistance: maxDistance)
        guard count > 0, k > 0, maxKey >= 0, !point.x.isNaN, !point.y.isNaN else { return nil }
        let done = switch boxes {
        case .float64(let a): a.withUnsafeBufferPointer { windowNeighborsCore($0, point, k, maxKey, filter, &results) }
        case .float32(let a): a.withUnsafeBufferPointer { windowNeighborsCore($0, point, k, maxKey, filter, &results) }
        }
        return done ? results : nil
    }

    /// The planar `k` nearest found by window searches: a square of half-side a little over `r`
    /// around the point holds every item within distance `r` (an item outside it is farther than
    /// `r` along one axis), so once `k` accepted items lie within `r` they are the answer, ties
    /// included. `r` starts from the density of the tree node nearest the point and grows with
    /// the count found; after a few rounds without an answer (a very selective filter, or data
    /// the estimate misjudges) this gives up and returns `false`, leaving `results` empty.
    private func windowNeighborsCore<S: StoredScalar>(
        _ b: UnsafeBufferPointer<S>, _ point: Coordinate, _ k: Int, _ maxKey: Double,
        _ filter: (Int) -> Bool, _ results: inout [Neighbor]
    ) -> Bool {
        let x = point.x, y = point.y
        let metric = PlanarMetric()
        let top = levelStarts.count - 2
        let ns = nodeSize
        let base = b.baseAddress.unsafelyUnwrapped
        func key(_ node: Int) -> Double {
            let p = base + 4 * node
            return metric.key(x: x, y: y, minX: p[0].doubleValue, minY: p[1].doubleValue,
                              maxX: p[2].doubleValue, maxY: p[3].doubleValue)
        }
        // Greedy descent to the nearest node holding about 2k items.
        var level = top, node = levelStarts[top]
        var target = 1
        while target < top && itemSpans[target] < 2 * k { target += 1 }
        while level > target {
            let cs = levelStarts[level - 1] + (node - levelStarts[level]) * ns
            let ce = min(cs + ns, levelStarts[level])
            var bestNode = cs, bestKey = key(cs)
            for c in (cs + 1)..<ce {
                let d = key(c)
                if d < bestKey { bestNode = c; bestKey = d }
            }
            node = bestNode
            level -= 1
        }
        // The density of item centres there: the tree's own, scaled by how much smaller than
        // its level's mean the node's box is.
        let root = boxes.box(at: levelStarts[top])
        let w = spread.meanWidth, h = spread.meanHeight
        let nodeBox = boxes.box(at: node)
        let nodeArea = (nodeBox.maxX - nodeBox.minX) * (nodeBox.maxY - nodeBox.minY)
        var centreArea = (root.maxX - root.minX - w) * (root.maxY - root.minY - h)
        if !(centreArea > 0) { centreArea = (root.maxX - root.minX) * (root.maxY - root.minY) }
        let density = Double(count) / centreArea * spread.meanNodeArea[level] / nodeArea
        guard density > 0, density.isFinite else { return false }
        // Boxes of mean size whose centres lie at that density meet a disc of radius r in
        // density * (w h + 2 r (w + h) + pi r^2) items on average: solve for a little over k.
        func radius(holding items: Double, density: Double) -> Double {
            let b = w + h, c = w * h - items / density
            return max(0, (-b + (b * b - Double.pi * c).squareRoot()) / Double.pi)
        }
        func holding(_ r: Double) -> Double { w * h + 2 * r * (w + h) + Double.pi * r * r }
        let outside = key(levelStarts[top]).squareRoot()
        let extent = max(root.maxX - root.minX, root.maxY - root.minY)
        let local = radius(holding: 1.2 * Double(k), density: density)
        var r = max(local + outside, 0x1p-30 * extent)
        // The node found lies at least this far away: where a window around the point finds
        // nothing (the point between clusters), the next one reaches that node and its density.
        let toNode = key(node).squareRoot()
        return withoutActuallyEscaping(filter) { accept in
            // A window that meets far more items than asked for (clusters inside the radius)
            // stops early: the best-first search then answers at a cost that follows k.
            var sink = NearestCollector<S>(boxes: base, x: x, y: y, accept: accept,
                                           capacity: 4 * k + 64, hitLimit: 32 * k + 1024)
            defer { sink.deallocate() }
            return itemIndices.withReader { items in
                sink.items = items
                for _ in 0..<6 {
                    let r2 = r * r
                    guard r2 >= 0x1p-900, r.isFinite else { return false }
                    let window = nearestWindow(x: x, y: y, radius: r)
                    let coversAll = window.minX <= root.minX && window.minY <= root.minY
                        && window.maxX >= root.maxX && window.maxY >= root.maxY
                    sink.bound = coversAll ? maxKey : min(r2, maxKey)
                    sink.count = 0
                    sink.hits = 0
                    guard search(window, sink: &sink) else { return false }
                    if sink.count >= k || coversAll || maxKey <= r2 {
                        sink.writeNearest(k, to: &results)
                        return true
                    }
                    // Too few: the density the count shows, and a radius for a little more than k;
                    // none at all: out to the node found and its density, or four times as far.
                    let seen = sink.count == 0 ? 0 : Double(sink.count) / holding(r)
                    let wanted = seen > 0 ? radius(holding: 1.3 * Double(k), density: seen)
                        : toNode > r ? toNode + local : 4 * r
                    r = seen > 0 ? min(4 * r, max(1.25 * r, wanted)) : max(1.25 * r, wanted)
                }
                return false
            }
        }
    }

    /// The smallest index accepted by `filter` among the items whose stored box contains `point`,
    /// found by a window search on the point (level by level, so the cache misses of a level
    /// overlap). Under the planar metric exactly these items are at distance 0, so when one exists
    /// it is the single nearest neighbour with ties broken by index; `nil` when none contains it.
    private func smallestContaining(_ point: Coordinate, filter: (Int) -> Bool) -> Int? {
        withoutActuallyEscaping(filter) { accept in
            var sink = SmallestIndexSink(accept: accept)
            search(BoundingBox(minX: point.x, minY: point.y, maxX: point.x, maxY: point.y), sink: &sink)
            return sink.smallest
        }
    }

    private func neighborsCore<S: StoredScalar, M: BoxDistanceMetric>(
        _ b: UnsafeBufferPointer<S>, _ point: Coordinate, _ k: Int, _ maxKey: Double, _ metric: M,
        _ filter: (Int) -> Bool, _ results: inout [Neighbor]
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
                    while !queue.isEmpty {
                        let next = queue.top
                        // Nodes at exactly the bound are still opened: they may hold a tie with a smaller index.
                        if next.key > best.bound { break }
                        queue.pop()
                        let level = Int(next.entry >> 56)
                        let node = Int(next.entry & (1 << 56 - 1))
                        let cs = starts[level - 1] + (node - starts[level]) * ns
                        let n = min(ns, starts[level] - cs)
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
                                if filter(item) { best.offer(d, item) }
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

/// Keeps the smallest hit index accepted by a filter (asked only for indices that would improve it).
struct SmallestIndexSink: HitSink {
    let accept: (Int) -> Bool
    var smallest: Int?

    @inline(__always) mutating func hit(_ run: UnsafeBufferPointer<Int>) -> Bool {
        for i in run where i < (smallest ?? Int.max) && accept(i) { smallest = i }
        return true
    }
}

/// The square around `(x, y)` that holds every box whose planar key from the point is at most
/// `radius * radius` as computed: a margin over `radius` outweighs the rounding of the window's
/// edges and of the key, so a box outside the square always has a larger key.
func nearestWindow(x: Double, y: Double, radius r: Double) -> BoundingBox {
    let half = r * (1 + 0x1p-20) + 4 * (abs(x) + abs(y) + r).ulp
    return BoundingBox(minX: x - half, minY: y - half, maxX: x + half, maxY: y + half)
}

/// Collects the items of window-search hits (leaf slots) whose planar key is within `bound` and
/// which the filter accepts, as (key, item) pairs.
struct NearestCollector<S: StoredScalar>: HitSink {
    static var reportsSlots: Bool { true }
    let boxes: UnsafePointer<S>
    let x: Double, y: Double
    let accept: (Int) -> Bool
    var items = PackedIndices.Reader(base: UnsafeRawPointer(bitPattern: 8).unsafelyUnwrapped, width: 1)
    var bound = 0.0
    var count = 0
    /// Hits seen (accepted or not); past `hitLimit` the search stops.
    var hits = 0
    let hitLimit: Int
    private var buffer: UnsafeMutablePointer<QueueElement>
    private var capacity: Int

    init(boxes: UnsafePointer<S>, x: Double, y: Double, accept: @escaping (Int) -> Bool, capacity: Int,
         hitLimit: Int = .max) {
        self.boxes = boxes
        self.x = x
        self.y = y
        self.accept = accept
        self.capacity = capacity
        self.hitLimit = hitLimit
        buffer = .allocate(capacity: capacity)
    }

    func deallocate() { buffer.deallocate() }

    @inline(__always) mutating func hit(_ run: UnsafeBufferPointer<Int>) -> Bool {
        hits += run.count
        if hits > hitLimit { return false }
        if count + run.count > capacity {
            let bigger = UnsafeMutablePointer<QueueElement>.allocate(capacity: 2 * capacity + run.count)
            bigger.initialize(from: buffer, count: count)
            buffer.deallocate()
            buffer = bigger
            capacity = 2 * capacity + run.count
        }
        let metric = PlanarMetric()
        for s in run {
            let p = boxes + 4 * s
            let key = metric.key(x: x, y: y, minX: p[0].doubleValue, minY: p[1].doubleValue,
                                 maxX: p[2].doubleValue, maxY: p[3].doubleValue)
            guard key <= bound else { continue }
            let item = items[s]
            if accept(item) {
                buffer[count] = QueueElement(key: key, entry: UInt64(item))
                count += 1
            }
        }
        return true
    }

    /// Appends the `k` smallest (key, item) pairs to `results`, nearest first, ties by index.
    mutating func writeNearest(_ k: Int, to results: inout [Neighbor]) {
        let n = min(k, count)
        if count > k { selectSmallest(buffer, count: count, k: k) }
        var kept = UnsafeMutableBufferPointer(start: buffer, count: n)
        if n <= 512 {
            sortSmall(buffer, count: n)
        } else {
            kept.sort { $0.key < $1.key || ($0.key == $1.key && $0.entry < $1.entry) }
        }
        results.reserveCapacity(n)
        for e in kept { results.append(Neighbor(index: Int(e.entry), distance: e.key.squareRoot())) }
    }
}

/// Sorts `p[0..<count]` by (key, entry), the pairs being distinct: quicksort on a median of
/// three down to runs of 16, then one insertion sort (no buffer, unlike the standard library's
/// stable sort; for the few hundred pairs of a k-nearest answer).
private func sortSmall(_ p: UnsafeMutablePointer<QueueElement>, count: Int) {
    @inline(__always) func less(_ a: QueueElement, _ b: QueueElement) -> Bool {
        a.key < b.key || (a.key == b.key && a.entry < b.entry)
    }
    @inline(__always) func swap(_ a: Int, _ b: Int) {
        let t = p[a]
        p[a] = p[b]
        p[b] = t
    }
    func quick(_ lo: Int, _ hi: Int) {
        var lo = lo, hi = hi
        while hi - lo > 16 {
            let mid = lo + (hi - lo) / 2
            if less(p[mid], p[lo]) { swap(mid, lo) }
            if less(p[hi], p[lo]) { swap(hi, lo) }
            if less(p[hi], p[mid]) { swap(hi, mid) }
            let pivot = p[mid]
            var i = lo, j = hi
            while i <= j {
                while less(p[i], pivot) { i += 1 }
                while less(pivot, p[j]) { j -= 1 }
                if i <= j {
                    if i != j { swap(i, j) }
                    i += 1
                    j -= 1
                }
            }
            // Recurse into the smaller side, loop on the larger.
            if j - lo < hi - i {
                quick(lo, j)
                lo = i
            } else {
                quick(i, hi)
                hi = j
            }
        }
    }
    if count > 1 { quick(0, count - 1) }
    for i in 1..<max(1, count) {
        let e = p[i]
        var j = i
        while j > 0 && less(e, p[j - 1]) {
            p[j] = p[j - 1]
            j -= 1
        }
        p[j] = e
    }
}

/// Reorders `p[0..<count]` so that its `k` smallest pairs by (key, entry) come first, in no
/// particular order (quickselect with a median-of-three pivot; the pairs are distinct).
private func selectSmallest(_ p: UnsafeMutablePointer<QueueElement>, count: Int, k: Int) {
    @inline(__always) func less(_ a: QueueElement, _ b: QueueElement) -> Bool {
        a.key < b.key || (a.key == b.key && a.entry < b.entry)
    }
    @inline(__always) func swap(_ a: Int, _ b: Int) {
        let t = p[a]
        p[a] = p[b]
        p[b] = t
    }
    var lo = 0, hi = count - 1
    while lo < hi {
        let mid = lo + (hi - lo) / 2
        if less(p[mid], p[lo]) { swap(mid, lo) }
        if less(p[hi], p[lo]) { swap(hi, lo) }
        if less(p[hi], p[mid]) { swap(hi, mid) }
        let pivot = p[mid]
        var i = lo, j = hi
        while i <= j {
            while less(p[i], pivot) { i += 1 }
            while less(pivot, p[j]) { j -= 1 }
            if i <= j {
                if i != j { swap(i, j) }
                i += 1
                j -= 1
            }
        }
        // Now p[lo...j] <= pivot <= p[i...hi].
        if k - 1 <= j { hi = j } else if k - 1 >= i { lo = i } else { return }
    }
}
