import GeoCore

extension PackedRTree {
    /// The `k` items nearest to `point` by an exact item distance, nearest first, ties by index.
    ///
    /// Best-first with box distances as lower bounds: an item is first queued at its planar box
    /// distance, and only when it reaches the front is `exactDistance(index)` computed and the
    /// item queued again at that distance; it is reported when it reaches the front refined. So
    /// exact distances are computed only for items whose box is nearer than the k-th answer.
    ///
    /// - Parameters:
    ///   - exactDistance: planar distance from `point` to item `index`, never below the planar
    ///     distance to the item's box.
    func refinedNeighbors(of point: Coordinate, k: Int, maxDistance: Double,
                          exactDistance: (Int) -> Double) -> [Neighbor] {
        var results = [Neighbor]()
        guard count > 0, k > 0, !point.x.isNaN, !point.y.isNaN else { return results }
        let itemBit: UInt64 = 1 << 63, refinedBit: UInt64 = 1 << 62
        let planar = PlanarMetric()
        var queue = NeighborQueue()
        let top = levelStarts.count - 2
        queue.push(0, UInt64(top) << 56 | UInt64(levelStarts[top]))
        while !queue.isEmpty {
            let next = queue.top
            queue.pop()
            if next.key > maxDistance { break }
            if next.entry & itemBit != 0 {
                let index = Int(next.entry & (refinedBit - 1))
                if next.entry & refinedBit != 0 {
                    results.append(Neighbor(index: index, distance: next.key))
                    if results.count >= k { break }
                } else {
                    let d = max(next.key, exactDistance(index))
                    if d <= maxDistance { queue.push(d, UInt64(index) | itemBit | refinedBit) }
                }
                continue
            }
            let level = Int(next.entry >> 56)
            let node = Int(next.entry & (1 << 56 - 1))
            for c in children(ofNode: node, level: level) {
                let b = boxes.box(at: c)
                let d = planar.key(x: point.x, y: point.y, minX: b.minX, minY: b.minY, maxX: b.maxX, maxY: b.maxY)
                    .squareRoot()
                guard d <= maxDistance else { continue }
                if level == 1 {
                    queue.push(d, UInt64(itemIndices[c]) | itemBit)
                } else {
                    queue.push(d, UInt64(level - 1) << 56 | UInt64(c))
                }
            }
        }
        return results
    }
}
