import GeoCore

/// A pair of item indices whose boxes intersect, one from each tree of a join.
public struct IndexPair: Hashable, Sendable {
    /// The item index in the left (receiver) tree.
    public var left: Int
    /// The item index in the right (argument) tree.
    public var right: Int

    /// Creates a pair.
    public init(left: Int, right: Int) {
        self.left = left
        self.right = right
    }
}

/// Tree-against-tree join on packed trees.
extension PackedRTree {
    /// Every pair (item of `self`, item of `other`) whose boxes intersect (touching counts): the
    /// candidate pairs of a spatial join, found by descending both trees together.
    ///
    /// - Complexity: O(pairs of intersecting nodes); far below the n x m of a nested loop.
    public func join(_ other: PackedRTree) -> [IndexPair] {
        guard count > 0, other.count > 0 else { return [] }
        var pairs = [IndexPair]()
        let topA = levelStarts.count - 2, topB = other.levelStarts.count - 2
        var stack: [(a: Int, la: Int, b: Int, lb: Int)] = [(levelStarts[topA], topA, other.levelStarts[topB], topB)]
        guard boxes.box(at: levelStarts[topA]).intersects(other.boxes.box(at: other.levelStarts[topB])) else { return [] }
        while let (a, la, b, lb) = stack.popLast() {
            if la == 0 && lb == 0 {
                pairs.append(IndexPair(left: itemIndices[a], right: other.itemIndices[b]))
            } else if la >= lb {
                let boxB = other.boxes.box(at: b)
                for c in children(ofNode: a, level: la) where boxes.box(at: c).intersects(boxB) {
                    stack.append((c, la - 1, b, lb))
                }
            } else {
                let boxA = boxes.box(at: a)
                for c in other.children(ofNode: b, level: lb) where other.boxes.box(at: c).intersects(boxA) {
                    stack.append((a, la, c, lb - 1))
                }
            }
        }
        return pairs
    }
}
