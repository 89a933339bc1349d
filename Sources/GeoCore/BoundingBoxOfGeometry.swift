extension Geometry {
    /// The smallest axis-aligned box containing every vertex; ``BoundingBox/empty`` for an empty
    /// geometry. O(n) in the number of vertices.
    public var boundingBox: BoundingBox {
        var box = BoundingBox.empty
        forEachCoordinate { box.expand(toInclude: $0) }
        return box
    }
}
