import GeoCore

/// Removal, moves and bulk loading of an ``RTree``.
extension RTree {
    /// Removes `id`.
    ///
    /// - Returns: `false` when `id` was not in the tree (nothing changes).
    /// - Complexity: O(log n) plus the reinsertion of the items of any node left underfull.
    @discardableResult
    public mutating func remove(id: Int) -> Bool {
        guard contains(id: id) else { return false }
        let leaf = Int(itemLeaf[id])
        var slot = 0
        while entryIDs[leaf * slotsPerNode + slot] != Int32(id) { slot += 1 }
        removeEntry(leaf, slot)
        itemLeaf[id] = -1
        count -= 1
        condense(from: leaf)
        return true
    }

    /// Removes `id` only if its stored box equals `box` (the R-tree "delete entry" of Guttman).
    ///
    /// - Returns: `false` when `id` is absent or stored with another box.
    @discardableResult
    public mutating func remove(id: Int, box: BoundingBox) -> Bool {
        guard self.box(of: id) == box else { return false }
        return remove(id: id)
    }

    /// Moves `id` to `box`.
    ///
    /// - Throws: ``GeoIndexError/unknownID(_:)`` for an absent id, or the box errors of
    ///   ``insert(id:box:)``; the tree is unchanged on error.
    public mutating func update(id: Int, to box: BoundingBox) throws(GeoIndexError) {
        guard contains(id: id) else { throw .unknownID(id) }
        try Self.check(box, index: id)
        remove(id: id)
        store(id: id, box: box)
        insertItem(Int32(id))
        count += 1
    }

    /// Adds many items at once. Into an empty tree they are packed along the Hilbert curve
    /// (full nodes, as ``PackedRTree``); into a non-empty tree the whole tree is rebuilt the same
    /// way from the old and new items, which gives a better tree than one-by-one insertion and
    /// costs O(n) after the sort.
    ///
    /// - Parameter items: `(id, box)` pairs with ids not already present and distinct.
    /// - Throws: the errors of ``insert(id:box:)`` for the first bad pair (box errors carry the
    ///   position in `items`); the tree is unchanged on error.
    public mutating func bulkLoad(_ items: [(id: Int, box: BoundingBox)]) throws(GeoIndexError) {
        var seen = Set<Int>()
        for (i, item) in items.enumerated() {
            guard item.id >= 0, item.id < Int(Int32.max) else { throw .invalidID(item.id) }
            guard !contains(id: item.id), seen.insert(item.id).inserted else { throw .duplicateID(item.id) }
            try Self.check(item.box, index: i)
        }
        var ids = [Int32]()
        ids.reserveCapacity(count + items.count)
        for id in 0..<itemLeaf.count where itemLeaf[id] >= 0 { ids.append(Int32(id)) }
        for item in items {
            store(id: item.id, box: item.box)
            ids.append(Int32(item.id))
        }
        rebuild(ids)
    }

    /// Replaces the nodes by a Hilbert-packed tree over `ids` (boxes already stored).
    mutating func rebuild(_ ids: [Int32]) {
        nodeLevel.removeAll(keepingCapacity: true)
        nodeCount.removeAll(keepingCapacity: true)
        nodeParent.removeAll(keepingCapacity: true)
        entryBoxes.removeAll(keepingCapacity: true)
        entryIDs.removeAll(keepingCapacity: true)
        freeNodes.removeAll()
        count = ids.count
        guard !ids.isEmpty else {
            root = allocateNode(level: 0, parent: -1)
            return
        }
        var flat = [Double]()
        flat.reserveCapacity(ids.count * 4)
        var extent = BoundingBox.empty
        for id in ids {
            let p = 4 * Int(id)
            flat.append(itemBoxes[p])
            flat.append(itemBoxes[p + 1])
            flat.append(itemBoxes[p + 2])
            flat.append(itemBoxes[p + 3])
            extent.expand(toInclude: Coordinate(itemBoxes[p], itemBoxes[p + 1]))
            extent.expand(toInclude: Coordinate(itemBoxes[p + 2], itemBoxes[p + 3]))
        }
        var keys = flat.withUnsafeBufferPointer { hilbertKeys($0, count: ids.count, extent: extent) }
        radixSortByHighWord(&keys)
        // Level by level: each run of up to maxEntries children becomes one parent.
        var children: [(id: Int32, box: BoundingBox)] = keys.map {
            let i = Int(UInt32(truncatingIfNeeded: $0))
            return (ids[i], BoundingBox(minX: flat[4 * i], minY: flat[4 * i + 1], maxX: flat[4 * i + 2], maxY: flat[4 * i + 3]))
        }
        var level = 0
        repeat {
            var parents: [(id: Int32, box: BoundingBox)] = []
            var start = 0
            while start < children.count {
                let end = min(start + maxEntries, children.count)
                let node = Int(allocateNode(level: level, parent: -1))
                var box = BoundingBox.empty
                for c in children[start..<end] {
                    appendEntry(node, box: c.box, id: c.id)
                    box = box.union(c.box)
                }
                parents.append((Int32(node), box))
                start = end
            }
            children = parents
            level += 1
        } while children.count > 1
        root = children[0].id
    }

    /// Walks from `node` to the root after a removal: dissolves underfull nodes (collecting
    /// their items), tightens the boxes on the way, reinserts the collected items and lowers
    /// the root while it has a single child.
    mutating func condense(from node: Int) {
        var orphans = [Int32]()
        var n = node
        while n != Int(root) {
            let parent = Int(nodeParent[n])
            let slot = slotInParent(n)
            if Int(nodeCount[n]) < minEntries {
                removeEntry(parent, slot)
                collectItems(n, into: &orphans)
            } else {
                setEntry(parent, slot, box: nodeBox(n), id: Int32(n))
            }
            n = parent
        }
        if nodeCount[Int(root)] == 0 { nodeLevel[Int(root)] = 0 }
        for id in orphans { insertItem(id) }
        while nodeLevel[Int(root)] > 0 && nodeCount[Int(root)] == 1 {
            let old = Int(root)
            root = entryIDs[old * slotsPerNode]
            nodeParent[Int(root)] = -1
            freeNodes.append(Int32(old))
        }
    }

    /// Appends every item under `node` to `items` and frees the nodes of that subtree.
    mutating func collectItems(_ node: Int, into items: inout [Int32]) {
        var stack = [node]
        while let n = stack.popLast() {
            for s in 0..<Int(nodeCount[n]) {
                let id = entryIDs[n * slotsPerNode + s]
                if nodeLevel[n] == 0 { items.append(id) } else { stack.append(Int(id)) }
            }
            nodeCount[n] = 0
            freeNodes.append(Int32(n))
        }
    }
}
