/// A (key, entry) pair of a best-first traversal.
struct QueueElement {
    var key: Double
    var entry: UInt64

    /// Whether `a` comes before `b`: the smaller key, ties by the smaller entry. Without
    /// short-circuit branches: both parts are computed and combined, so a sift picks a child with
    /// a conditional move instead of a hard-to-predict jump.
    @inline(__always)
    static func precedes(_ a: QueueElement, _ b: QueueElement) -> Bool {
        let lt = a.key < b.key, eq = a.key == b.key, tie = a.entry < b.entry
        return lt != (eq && tie)
    }
}

/// Growable storage for a heap: an unmanaged buffer owned by a non-copyable value, so
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

/// The sifts of a heap whose entry `i` has the children `4i + 1 ... 4i + 4`, ordered by `above`
/// (true when its first argument belongs nearer the root): half the levels of a binary heap, and
/// the first of four children picked by selects.
enum FourChildHeap {
    /// Moves `e`, to be stored at index `i`, up to its place.
    @inline(__always)
    static func siftUp(_ h: UnsafeMutablePointer<QueueElement>, from i: Int, _ e: QueueElement,
                       by above: (QueueElement, QueueElement) -> Bool) {
        var i = i
        while i > 0 {
            let parent = (i - 1) >> 2
            if !above(e, h[parent]) { break }
            h[i] = h[parent]
            i = parent
        }
        h[i] = e
    }

    /// Stores `e` in place of the root of the `n` entries at `h` and moves it down to its place.
    @inline(__always)
    static func siftDown(_ h: UnsafeMutablePointer<QueueElement>, count n: Int, _ e: QueueElement,
                         by above: (QueueElement, QueueElement) -> Bool) {
        siftDown(h, count: n, from: 0, e, by: above)
    }

    /// Puts the `n` entries at `h` in heap order (bottom-up, each parent moved down in turn).
    @inline(__always)
    static func heapify(_ h: UnsafeMutablePointer<QueueElement>, count n: Int,
                        by above: (QueueElement, QueueElement) -> Bool) {
        guard n > 1 else { return }
        var i = (n - 2) >> 2
        while i >= 0 {
            siftDown(h, count: n, from: i, h[i], by: above)
            i -= 1
        }
    }

    /// Stores `e` at index `start` of the `n` entries at `h` and moves it down to its place.
    @inline(__always)
    static func siftDown(_ h: UnsafeMutablePointer<QueueElement>, count n: Int, from start: Int, _ e: QueueElement,
                         by above: (QueueElement, QueueElement) -> Bool) {
        var i = start
        while true {
            let first = 4 &* i &+ 1
            if first >= n { break }
            let child: Int
            if first &+ 3 < n {
                // Four children: the first of them in two rounds of selects.
                let a = above(h[first + 1], h[first]) ? first + 1 : first
                let b = above(h[first + 3], h[first + 2]) ? first + 3 : first + 2
                child = above(h[b], h[a]) ? b : a
            } else {
                var c = first
                for j in (first + 1)..<n where above(h[j], h[c]) { c = j }
                child = c
            }
            if !above(h[child], e) { break }
            h[i] = h[child]
            i = child
        }
        h[i] = e
    }
}

/// A min-heap of (key, node) pairs, the frontier of a best-first traversal, with four children
/// per entry (``FourChildHeap``): a pop makes fewer dependent loads and hard-to-predict exits
/// than in a binary heap (100-nearest queries 3-4 % faster).
struct NeighborQueue: ~Copyable {
    private var heap = HeapStorage(capacity: 64)

    var isEmpty: Bool { heap.count == 0 }

    mutating func push(_ key: Double, _ entry: UInt64) {
        let element = QueueElement(key: key, entry: entry)
        heap.append(element)
        FourChildHeap.siftUp(heap.base, from: heap.count - 1, element, by: QueueElement.precedes)
    }

    /// The smallest pair; the queue must not be empty.
    var top: QueueElement { heap.base[0] }

    mutating func pop() {
        let last = heap.removeLast()
        guard heap.count > 0 else { return }
        FourChildHeap.siftDown(heap.base, count: heap.count, last, by: QueueElement.precedes)
    }
}

/// The best `k` items found so far in a nearest-neighbour search: a max-heap on (key, index),
/// four children per entry like ``NeighborQueue``, so the worst candidate sits on top and ties
/// are broken by item index.
struct NeighborCandidates: ~Copyable {
    private var heap: HeapStorage
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        heap = HeapStorage(capacity: min(capacity, 128))
    }

    /// The key of the worst candidate kept when full, infinity otherwise: nothing farther can enter.
    var bound: Double { heap.count >= capacity ? heap.base[0].key : .infinity }

    /// The worst candidate nearest the root: `a` above `b` when `b` precedes it.
    @inline(__always)
    private static func greater(_ a: QueueElement, _ b: QueueElement) -> Bool { QueueElement.precedes(b, a) }

    /// Offers item `index` at `key`; it is kept if among the `capacity` best. Until there are
    /// `capacity` candidates the bound is infinity and their order unused: they are appended,
    /// and put in heap order once, when the last place is taken.
    @inline(__always)
    mutating func offer(_ key: Double, _ index: Int) {
        let e = QueueElement(key: key, entry: UInt64(index))
        if heap.count < capacity {
            heap.append(e)
            if heap.count == capacity { FourChildHeap.heapify(heap.base, count: heap.count, by: Self.greater) }
        } else if Self.greater(heap.base[0], e) {
            FourChildHeap.siftDown(heap.base, count: heap.count, e, by: Self.greater)
        }
    }

    /// Appends the candidates to `results`, nearest first, ties by ascending index (sorting the
    /// candidates in place: the search is over).
    mutating func write<M: BoxDistanceMetric>(to results: inout [Neighbor], metric: M) {
        let all = UnsafeMutableBufferPointer(start: heap.base, count: heap.count)
        // The root of the max-heap holds the largest key once full; before, they are in the
        // order offered.
        let largest = heap.count >= capacity ? heap.base[0].key : all.reduce(0) { max($0, $1.key) }
        Self.sortNearestFirst(all, largest: largest)
        results.reserveCapacity(results.count + all.count)
        for e in all { results.append(Neighbor(index: Int(e.entry), distance: metric.distance(forKey: e.key))) }
    }

    /// Sorts by key, ties by entry; `largest` is the largest key. A comparison sort of the ~100
    /// candidates of a query took a quarter of its time (each comparison a coin toss for the
    /// branch predictor), so up to 512 candidates with keys in `0...largest` are first spread
    /// over twice as many buckets by key (the bucket of a key grows with it), then put in order
    /// by an insertion sort, which has little left to do when the keys are spread. When they
    /// are not (equal or bunched keys), the insertion sort stops after a few moves per element
    /// and the standard sort finishes.
    static func sortNearestFirst(_ buffer: UnsafeMutableBufferPointer<QueueElement>, largest: Double) {
        var all = buffer
        let before = QueueElement.precedes
        let n = all.count
        guard n > 1 else { return }
        guard n <= 512, largest > 0, largest.isFinite else {
            all.sort(by: before)
            return
        }
        let buckets = 2 * n
        let scale = Double(buckets) / largest
        @inline(__always) func bucket(_ key: Double) -> Int { min(buckets - 1, Int(key * scale)) }
        withUnsafeTemporaryAllocation(of: Int.self, capacity: buckets + 1) { counts in
            counts.initialize(repeating: 0)
            for e in all {
                guard e.key >= 0 else {
                    all.sort(by: before)
                    return
                }
                counts[bucket(e.key) + 1] += 1
            }
            for b in 0..<buckets { counts[b + 1] += counts[b] }
            withUnsafeTemporaryAllocation(of: QueueElement.self, capacity: n) { spread in
                for e in all {
                    let b = bucket(e.key)
                    (spread.baseAddress.unsafelyUnwrapped + counts[b]).initialize(to: e)
                    counts[b] += 1
                }
                // Insertion sort with a budget of moves.
                var budget = 8 * n
                var i = 1
                while i < n && budget > 0 {
                    let e = spread[i]
                    var j = i
                    while j > 0 && before(e, spread[j - 1]) {
                        spread[j] = spread[j - 1]
                        j -= 1
                    }
                    spread[j] = e
                    budget -= i - j
                    i += 1
                }
                _ = all.update(fromContentsOf: spread)
                if i < n { all.sort(by: before) }
            }
        }
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
