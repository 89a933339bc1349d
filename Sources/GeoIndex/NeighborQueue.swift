/// A binary min-heap of (key, node) pairs: the frontier of a best-first traversal.
struct NeighborQueue {
    struct Element {
        var key: Double
        var entry: UInt64
    }

    private var heap: ContiguousArray<Element> = []

    init() {
        heap.reserveCapacity(64)
    }

    var isEmpty: Bool { heap.isEmpty }

    @inline(__always)
    private static func less(_ a: Element, _ b: Element) -> Bool {
        a.key < b.key || (a.key == b.key && a.entry < b.entry)
    }

    mutating func push(_ key: Double, _ entry: UInt64) {
        let element = Element(key: key, entry: entry)
        heap.append(element)
        heap.withUnsafeMutableBufferPointer { h in
            var i = h.count - 1
            while i > 0 {
                let parent = (i - 1) >> 1
                if !Self.less(element, h[parent]) { break }
                h[i] = h[parent]
                i = parent
            }
            h[i] = element
        }
    }

    /// The smallest pair; the queue must not be empty.
    var top: Element { heap[0] }

    mutating func pop() {
        let last = heap.removeLast()
        guard !heap.isEmpty else { return }
        heap.withUnsafeMutableBufferPointer { h in
            let n = h.count
            var i = 0
            while true {
                var child = 2 * i + 1
                if child >= n { break }
                if child + 1 < n && Self.less(h[child + 1], h[child]) { child += 1 }
                if !Self.less(h[child], last) { break }
                h[i] = h[child]
                i = child
            }
            h[i] = last
        }
    }
}

/// The best `k` items found so far in a nearest-neighbour search: a max-heap on (key, index), so
/// the worst candidate sits on top and ties are broken by item index.
struct NeighborCandidates {
    private var heap: ContiguousArray<NeighborQueue.Element> = []
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        heap.reserveCapacity(min(capacity, 128))
    }

    var isFull: Bool { heap.count >= capacity }

    /// The key of the worst candidate kept when full, infinity otherwise: nothing farther can enter.
    var bound: Double { heap.count >= capacity ? heap[0].key : .infinity }

    @inline(__always)
    private static func greater(_ a: NeighborQueue.Element, _ b: NeighborQueue.Element) -> Bool {
        a.key > b.key || (a.key == b.key && a.entry > b.entry)
    }

    /// Offers item `index` at `key`; it is kept if among the `capacity` best.
    mutating func offer(_ key: Double, _ index: Int) {
        let e = NeighborQueue.Element(key: key, entry: UInt64(index))
        if heap.count < capacity {
            heap.append(e)
            heap.withUnsafeMutableBufferPointer { h in
                var i = h.count - 1
                while i > 0 {
                    let parent = (i - 1) >> 1
                    if !Self.greater(e, h[parent]) { break }
                    h[i] = h[parent]
                    i = parent
                }
                h[i] = e
            }
        } else if Self.greater(heap[0], e) {
            heap.withUnsafeMutableBufferPointer { h in
                let n = h.count
                var i = 0
                while true {
                    var child = 2 * i + 1
                    if child >= n { break }
                    if child + 1 < n && Self.greater(h[child + 1], h[child]) { child += 1 }
                    if !Self.greater(h[child], e) { break }
                    h[i] = h[child]
                    i = child
                }
                h[i] = e
            }
        }
    }

    /// Appends the candidates to `results`, nearest first, ties by ascending index.
    func write<M: BoxDistanceMetric>(to results: inout [Neighbor], metric: M) {
        let sorted = heap.sorted { $0.key < $1.key || ($0.key == $1.key && $0.entry < $1.entry) }
        for e in sorted { results.append(Neighbor(index: Int(e.entry), distance: metric.distance(forKey: e.key))) }
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
