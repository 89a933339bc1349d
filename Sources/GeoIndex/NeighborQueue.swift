/// A binary min-heap of (key, entry) pairs for best-first traversals. Entries order by key, then
/// by `entry`, so nodes (top bit clear) pop before items (top bit set) at equal key, and items
/// pop in ascending index: ties are broken deterministically by item index.
struct NeighborQueue {
    private(set) var keys: ContiguousArray<Double> = []
    private(set) var entries: ContiguousArray<UInt64> = []

    /// The tag marking an item entry.
    static let itemBit: UInt64 = 1 << 63

    init() {
        keys.reserveCapacity(64)
        entries.reserveCapacity(64)
    }

    var isEmpty: Bool { keys.isEmpty }

    @inline(__always)
    private static func less(_ k1: Double, _ e1: UInt64, _ k2: Double, _ e2: UInt64) -> Bool {
        k1 < k2 || (k1 == k2 && e1 < e2)
    }

    mutating func push(_ key: Double, _ entry: UInt64) {
        var i = keys.count
        keys.append(key)
        entries.append(entry)
        keys.withUnsafeMutableBufferPointer { k in
            entries.withUnsafeMutableBufferPointer { e in
                while i > 0 {
                    let parent = (i - 1) >> 1
                    if !Self.less(key, entry, k[parent], e[parent]) { break }
                    k[i] = k[parent]
                    e[i] = e[parent]
                    i = parent
                }
                k[i] = key
                e[i] = entry
            }
        }
    }

    /// The smallest pair; the queue must not be empty.
    var top: (key: Double, entry: UInt64) { (keys[0], entries[0]) }

    mutating func pop() {
        let lastKey = keys.removeLast()
        let lastEntry = entries.removeLast()
        let n = keys.count
        guard n > 0 else { return }
        keys.withUnsafeMutableBufferPointer { k in
            entries.withUnsafeMutableBufferPointer { e in
                var i = 0
                while true {
                    var child = 2 * i + 1
                    if child >= n { break }
                    if child + 1 < n && Self.less(k[child + 1], e[child + 1], k[child], e[child]) { child += 1 }
                    if !Self.less(k[child], e[child], lastKey, lastEntry) { break }
                    k[i] = k[child]
                    e[i] = e[child]
                    i = child
                }
                k[i] = lastKey
                e[i] = lastEntry
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
