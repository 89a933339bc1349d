import GeoCore

/// A dynamic R-tree (R*-style splits) for boxes that come and go: insert, remove, move, bulk load,
/// and the same queries as ``PackedRTree``.
///
/// Items are identified by caller-chosen ids in `0..<Int32.max`; storage per id is a slot in a
/// flat array, so ids should be dense (feature indices, row numbers). Nodes live in flat arrays
/// (level, entry count, parent, and `maxEntries + 1` entry slots of box and child id per node),
/// linked by index: no object per node, no reference counting in the queries.
///
/// Choices: insertion descends by least enlargement (then least area); an overflowing node is
/// split R*-style (axis of least margin sum, then the distribution of least overlap, then least
/// area). Forced reinsertion is not used: like rbush, GeoTwin prefers the simpler insert path
/// and gets tree quality from Hilbert bulk loading. Removal condenses the tree Guttman-style:
/// a node left with fewer than `minEntries` entries is dissolved and its items reinserted.
/// Box semantics are those of ``PackedRTree`` (closed boxes; NaN, infinite and inverted boxes
/// rejected).
///
/// ```swift
/// var live = RTree()
/// try live.insert(id: 7, box: BoundingBox(Coordinate(127.33, 36.52)))
/// try live.update(id: 7, to: BoundingBox(Coordinate(127.34, 36.52)))
/// let near = live.neighbors(of: Coordinate(127.3, 36.5), k: 1)
/// live.remove(id: 7)
/// ```
public struct RTree: Sendable {
    /// The most entries a node holds (default 16).
    public let maxEntries: Int
    /// The fewest entries a non-root node keeps after a removal (40% of `maxEntries`, at least 2).
    public let minEntries: Int
    /// The number of items.
    public internal(set) var count = 0

    var nodeLevel: [Int32] = []
    var nodeCount: [Int32] = []
    var nodeParent: [Int32] = []
    /// `(node * slotsPerNode + slot) * 4`: `[minX, minY, maxX, maxY]` of each entry.
    var entryBoxes: [Double] = []
    /// Child node index (inner node) or item id (leaf) of each entry.
    var entryIDs: [Int32] = []
    var freeNodes: [Int32] = []
    var root: Int32 = 0
    /// `[minX, minY, maxX, maxY]` of each id (meaningful while the id is present).
    var itemBoxes: [Double] = []
    /// The leaf holding each id, or -1.
    var itemLeaf: [Int32] = []

    var slotsPerNode: Int { maxEntries + 1 }

    /// Creates an empty tree.
    ///
    /// - Parameter maxEntries: node capacity, `4...255` (default 16); out-of-range values are clamped.
    public init(maxEntries: Int = 16) {
        self.maxEntries = min(255, max(4, maxEntries))
        self.minEntries = max(2, self.maxEntries * 2 / 5)
        root = allocateNode(level: 0, parent: -1)
    }

    /// True when `id` is in the tree.
    public func contains(id: Int) -> Bool {
        id >= 0 && id < itemLeaf.count && itemLeaf[id] >= 0
    }

    /// The box of `id`, or `nil` when absent.
    public func box(of id: Int) -> BoundingBox? {
        guard contains(id: id) else { return nil }
        return BoundingBox(minX: itemBoxes[4 * id], minY: itemBoxes[4 * id + 1],
                           maxX: itemBoxes[4 * id + 2], maxY: itemBoxes[4 * id + 3])
    }

    /// The box containing every item, or `BoundingBox/empty`.
    public var bounds: BoundingBox { nodeBox(Int(root)) }

    /// The number of levels (1 for a tree whose root is a leaf).
    public var height: Int { Int(nodeLevel[Int(root)]) + 1 }

    /// Adds `id` with `box`.
    ///
    /// - Throws: ``GeoIndexError/invalidID(_:)``, ``GeoIndexError/duplicateID(_:)``,
    ///   ``GeoIndexError/nonFiniteBox(index:)`` or ``GeoIndexError/invertedBox(index:)`` (index = id);
    ///   the tree is unchanged on error.
    /// - Complexity: O(log n) amortised.
    public mutating func insert(id: Int, box: BoundingBox) throws(GeoIndexError) {
        try checkNew(id: id, box: box, index: id)
        store(id: id, box: box)
        insertItem(Int32(id))
        count += 1
    }

    func checkNew(id: Int, box: BoundingBox, index: Int) throws(GeoIndexError) {
        guard id >= 0, id < Int(Int32.max) else { throw .invalidID(id) }
        guard !contains(id: id) else { throw .duplicateID(id) }
        try Self.check(box, index: index)
    }

    static func check(_ box: BoundingBox, index: Int) throws(GeoIndexError) {
        guard box.minX.isFinite, box.minY.isFinite, box.maxX.isFinite, box.maxY.isFinite else {
            throw .nonFiniteBox(index: index)
        }
        guard box.minX <= box.maxX, box.minY <= box.maxY else { throw .invertedBox(index: index) }
    }

    mutating func store(id: Int, box: BoundingBox) {
        if id >= itemLeaf.count {
            let newCount = max(id + 1, itemLeaf.count * 2)
            itemLeaf.append(contentsOf: repeatElement(-1, count: newCount - itemLeaf.count))
            itemBoxes.append(contentsOf: repeatElement(0, count: newCount * 4 - itemBoxes.count))
        }
        itemBoxes[4 * id] = box.minX
        itemBoxes[4 * id + 1] = box.minY
        itemBoxes[4 * id + 2] = box.maxX
        itemBoxes[4 * id + 3] = box.maxY
    }

    // MARK: nodes

    mutating func allocateNode(level: Int, parent: Int32) -> Int32 {
        if let n = freeNodes.popLast() {
            nodeLevel[Int(n)] = Int32(level)
            nodeCount[Int(n)] = 0
            nodeParent[Int(n)] = parent
            return n
        }
        let n = Int32(nodeLevel.count)
        nodeLevel.append(Int32(level))
        nodeCount.append(0)
        nodeParent.append(parent)
        entryBoxes.append(contentsOf: repeatElement(0, count: slotsPerNode * 4))
        entryIDs.append(contentsOf: repeatElement(-1, count: slotsPerNode))
        return n
    }

    func entryBox(_ node: Int, _ slot: Int) -> BoundingBox {
        let p = (node * slotsPerNode + slot) * 4
        return BoundingBox(minX: entryBoxes[p], minY: entryBoxes[p + 1], maxX: entryBoxes[p + 2], maxY: entryBoxes[p + 3])
    }

    mutating func setEntry(_ node: Int, _ slot: Int, box: BoundingBox, id: Int32) {
        let p = (node * slotsPerNode + slot) * 4
        entryBoxes[p] = box.minX
        entryBoxes[p + 1] = box.minY
        entryBoxes[p + 2] = box.maxX
        entryBoxes[p + 3] = box.maxY
        entryIDs[node * slotsPerNode + slot] = id
        if nodeLevel[node] == 0 { itemLeaf[Int(id)] = Int32(node) } else { nodeParent[Int(id)] = Int32(node) }
    }

    mutating func appendEntry(_ node: Int, box: BoundingBox, id: Int32) {
        let slot = Int(nodeCount[node])
        nodeCount[node] += 1
        setEntry(node, slot, box: box, id: id)
    }

    /// Removes entry `slot` of `node` by moving the last entry into its place.
    mutating func removeEntry(_ node: Int, _ slot: Int) {
        let last = Int(nodeCount[node]) - 1
        if slot != last { setEntry(node, slot, box: entryBox(node, last), id: entryIDs[node * slotsPerNode + last]) }
        nodeCount[node] -= 1
    }

    /// The union of the entries of `node`.
    func nodeBox(_ node: Int) -> BoundingBox {
        var b = BoundingBox.empty
        for s in 0..<Int(nodeCount[node]) { b = b.union(entryBox(node, s)) }
        return b
    }

    /// The slot of child `child` in its parent.
    func slotInParent(_ child: Int) -> Int {
        let parent = Int(nodeParent[child])
        var s = 0
        while entryIDs[parent * slotsPerNode + s] != Int32(child) { s += 1 }
        return s
    }

    // MARK: insertion

    /// Inserts item `id` (its box already stored) into a leaf.
    mutating func insertItem(_ id: Int32) {
        let box = BoundingBox(minX: itemBoxes[4 * Int(id)], minY: itemBoxes[4 * Int(id) + 1],
                              maxX: itemBoxes[4 * Int(id) + 2], maxY: itemBoxes[4 * Int(id) + 3])
        var node = Int(root)
        while nodeLevel[node] > 0 {
            let slot = chooseSubtree(node, box)
            let grown = entryBox(node, slot).union(box)
            let p = (node * slotsPerNode + slot) * 4
            entryBoxes[p] = grown.minX
            entryBoxes[p + 1] = grown.minY
            entryBoxes[p + 2] = grown.maxX
            entryBoxes[p + 3] = grown.maxY
            node = Int(entryIDs[node * slotsPerNode + slot])
        }
        appendEntry(node, box: box, id: id)
        var overflowing = node
        while Int(nodeCount[overflowing]) > maxEntries {
            overflowing = split(overflowing)
        }
    }

    /// The entry of `node` needing the least enlargement to hold `box`, then the smallest.
    func chooseSubtree(_ node: Int, _ box: BoundingBox) -> Int {
        var best = 0
        var bestGrowth = Double.infinity, bestArea = Double.infinity
        for s in 0..<Int(nodeCount[node]) {
            let e = entryBox(node, s)
            let area = e.area
            let growth = e.union(box).area - area
            if growth < bestGrowth || (growth == bestGrowth && area < bestArea) {
                best = s
                bestGrowth = growth
                bestArea = area
            }
        }
        return best
    }

    /// Splits overflowing `node` in two (R* choice of axis and distribution) and returns its
    /// parent, which may now overflow in turn.
    mutating func split(_ node: Int) -> Int {
        let n = Int(nodeCount[node])
        var entries = (0..<n).map { (box: entryBox(node, $0), id: entryIDs[node * slotsPerNode + $0]) }
        let byX = entries.sorted { ($0.box.minX, $0.box.maxX) < ($1.box.minX, $1.box.maxX) }
        let byY = entries.sorted { ($0.box.minY, $0.box.maxY) < ($1.box.minY, $1.box.maxY) }
        let (marginX, _) = distributions(byX.map(\.box))
        let (marginY, _) = distributions(byY.map(\.box))
        entries = marginX <= marginY ? byX : byY
        let (_, k) = distributions(entries.map(\.box))

        let level = Int(nodeLevel[node])
        var parent = Int(nodeParent[node])
        if parent < 0 {
            parent = Int(allocateNode(level: level + 1, parent: -1))
            root = Int32(parent)
            nodeParent[node] = Int32(parent)
            appendEntry(parent, box: .empty, id: Int32(node))
        }
        let sibling = Int(allocateNode(level: level, parent: Int32(parent)))
        nodeCount[node] = 0
        for e in entries[..<k] { appendEntry(node, box: e.box, id: e.id) }
        for e in entries[k...] { appendEntry(sibling, box: e.box, id: e.id) }
        let slot = slotInParent(node)
        setEntry(parent, slot, box: nodeBox(node), id: Int32(node))
        appendEntry(parent, box: nodeBox(sibling), id: Int32(sibling))
        return parent
    }

    /// For boxes in split order: the sum of the margins of every allowed two-way distribution,
    /// and the split position of least overlap (then least total area).
    func distributions(_ boxes: [BoundingBox]) -> (marginSum: Double, split: Int) {
        let n = boxes.count
        var prefix = [BoundingBox](repeating: .empty, count: n + 1)
        var suffix = [BoundingBox](repeating: .empty, count: n + 1)
        for i in 0..<n { prefix[i + 1] = prefix[i].union(boxes[i]) }
        for i in stride(from: n - 1, through: 0, by: -1) { suffix[i] = suffix[i + 1].union(boxes[i]) }
        var marginSum = 0.0
        var best = minEntries, bestOverlap = Double.infinity, bestArea = Double.infinity
        for k in minEntries...(n - minEntries) {
            let a = prefix[k], b = suffix[k]
            marginSum += a.width + a.height + b.width + b.height
            let overlap = a.intersection(b).area
            let area = a.area + b.area
            if overlap < bestOverlap || (overlap == bestOverlap && area < bestArea) {
                best = k
                bestOverlap = overlap
                bestArea = area
            }
        }
        return (marginSum, best)
    }
}
