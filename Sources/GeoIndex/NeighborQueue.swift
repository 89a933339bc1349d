/// A (key, entry) pair of a best-first traversal.
struct QueueElement {
    var key: Double
    var entry: UInt64
}

/// Growable storage for a binary heap: an unmanaged buffer owned by a non-copyable value, so
/// pushes and pops do no reference counting or uniqueness checks.
struct HeapStorage: ~Copyable {
    private(set) var base: UnsafeMutablePointer<QueueElement>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Appends `e` at the end (the caller restores the heap order).
    mutating func append(_ e: QueueElement) {
        if count == capacity {
            let bigger = UnsafeMutablePointer<QueueElement>.allocate(capacity: capacity * 2)
            bigger.initialize(from: base, count: count)
            base.deallocate()
            base = bigger
            capacity *= 2
        }
        base[count] = e
        count += 1
    }

    /// Removes and returns the last element; `count` must be positive.
    mutating func removeLast() -> QueueElement {
        count -= 1
        return base[count]
    }
}

/// A binary min-heap of (key, node) pairs: the frontier of a best-first traversal.
struct NeighborQueue: ~Copyable {
    private var heap = HeapStorage(capacity: 64)

    var isEmpty: Bool { heap.count == 0 }

    /// Without short-circuit branches: both parts are computed and combined, so a sift picks
    /// a child with a conditional move instead of a hard-to-predict jump.
    @inline(__always)
    private static func less(_ a: QueueElement, _ b: QueueElement) -> Bool {
        let lt = a.key < b.key, eq = a.key == b.key, tie = a.entry < b.entry
        return lt != (eq && tie)
    }

    mutating func push(_ key: Double, _ entry: UInt64) {
        let element = QueueElement(key: key, entry: entry)
        heap.append(element)
        let h = heap.base
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) >> 1
            if !Self.less(element, h[parent]) { break }
            h[i] = h[parent]
            i = parent
        }
        h[i] = element
    }

    /// The smallest pair; the queue must not be empty.
    var top: QueueElement { heap.base[0] }

    mutating func pop() {
        let last = heap.removeLast()
        let n = heap.count
        guard n > 0 else { return }
        let h = heap.base
        var i = 0
        while true {
            var child = 2 * i + 1
            if child >= n { break }
            if child + 1 < n { child += Self.less(h[child + 1], h[child]) ? 1 : 0 }
            if !Self.less(h[child], last) { break }
            h[i] = h[child]
            i = child
        }
        h[i] = last
    }
}

/// The best `k` items found so far in a nearest-neighbour search: a max-heap on (key, index), so
/// the worst candidate sits on top and ties are broken by item index.
struct NeighborCandidates: ~Copyable {
    private var heap: HeapStorage
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        heap = HeapStorage(capacity: min(capacity, 128))
    }

    /// The key of the worst candidate kept when full, infinity otherwise: nothing farther can enter.
    var bound: Double { heap.count >= capacity ? heap.base[0].key : .infinity }

    /// Branch-free like ``NeighborQueue``'s comparison.
    @inline(__always)
    private static func greater(_ a: QueueElement, _ b: QueueElement) -> Bool {
        let gt = a.key > b.key, eq = a.key == b.key, tie = a.entry > b.entry
        return gt != (eq && tie)
    }

    /// Offers item `index` at `key`; it is kept if among the `capacity` best.
    mutating func offer(_ key: Double, _ index: Int) {
        let e = QueueElement(key: key, entry: UInt64(index))
        if heap.count < capacity {
            heap.append(e)
            let h = heap.base
            var i = heap.count - 1
            while i > 0 {
                let parent = (i - 1) >> 1
                if !Self.greater(e, h[parent]) { break }
                h[i] = h[parent]
                i = parent
            }
            h[i] = e
        } else if Self.greater(heap.base[0], e) {
            let h = heap.base
            let n = heap.count
            var i = 0
            while true {
                var child = 2 * i + 1
                if child >= n { break }
                if child + 1 < n { child += Self.greater(h[child + 1], h[child]) ? 1 : 0 }
                if !Self.greater(h[child], e) { break }
                h[i] = h[child]
                i = child
            }
            h[i] = e
        }
    }

    /// Appends the candidates to `results`, nearest first, ties by ascending index (sorting the
    /// candidates in place: the search is over).
    mutating func write<M: BoxDistanceMetric>(to results: inout [Neighbor], metric: M) {
        var all = UnsafeMutableBufferPointer(start: heap.base, count: heap.count)
        all.sort { (a: QueueElement, b: QueueElement) -> Bool in a.key < b.key || (a.key == b.key && a.entry < b.entry) }
        for e in all { results.append(Neighbor(index: Int(e.entry), distance: metric.distance(forKey: e.key))) }
    }
}

/// One result of a nearest-neighbour query.
public struct Neighbor: Hashable, Sendable {
    /// The item index (packed tree) or id (dynamic tree).
    public var index: Int
    /// The distance from the query point to the item's box, in the metric's unit.
    public var distance: Double

    /// Creates a result.
    public init(index: Int, distance: Double) {
        self.index = index
        self.distance = distance
    }
}
