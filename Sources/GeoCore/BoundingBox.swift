/// An axis-aligned rectangle `[minX, maxX] x [minY, maxY]`, closed on every side.
///
/// The empty box has `minX = minY = +infinity` and `maxX = maxY = -infinity`, so that
/// `BoundingBox.empty.union(b) == b` for any `b`.
public struct BoundingBox: Hashable, Sendable {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double

    /// Creates a box from its four limits (not normalised: a box with `min > max` is empty).
    @inlinable
    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// The smallest box containing both corners, in any order.
    @inlinable
    public init(corner a: Coordinate, _ b: Coordinate) {
        self.init(minX: Swift.min(a.x, b.x), minY: Swift.min(a.y, b.y),
                  maxX: Swift.max(a.x, b.x), maxY: Swift.max(a.y, b.y))
    }

    /// The box of a single coordinate (zero extent).
    @inlinable
    public init(_ c: Coordinate) {
        self.init(minX: c.x, minY: c.y, maxX: c.x, maxY: c.y)
    }

    /// The empty box (contains nothing, the identity of ``union(_:)``).
    public static let empty = BoundingBox(minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)

    /// True when the box contains no point (`minX > maxX` or `minY > maxY`, or a NaN limit).
    @inlinable
    public var isEmpty: Bool { !(minX <= maxX && minY <= maxY) }

    /// `maxX - minX`, or 0 for the empty box.
    @inlinable
    public var width: Double { isEmpty ? 0 : maxX - minX }

    /// `maxY - minY`, or 0 for the empty box.
    @inlinable
    public var height: Double { isEmpty ? 0 : maxY - minY }

    /// `width * height`.
    @inlinable
    public var area: Double { width * height }

    /// The centre of the box.
    @inlinable
    public var center: Coordinate { Coordinate(x: (minX + maxX) / 2, y: (minY + maxY) / 2) }

    /// The smallest box containing `self` and `other`.
    @inlinable
    public func union(_ other: BoundingBox) -> BoundingBox {
        BoundingBox(minX: Swift.min(minX, other.minX), minY: Swift.min(minY, other.minY),
                    maxX: Swift.max(maxX, other.maxX), maxY: Swift.max(maxY, other.maxY))
    }

    /// Grows the box to contain `c`.
    @inlinable
    public mutating func expand(toInclude c: Coordinate) {
        if c.x < minX { minX = c.x }
        if c.x > maxX { maxX = c.x }
        if c.y < minY { minY = c.y }
        if c.y > maxY { maxY = c.y }
    }

    /// The box grown by `distance` on every side.
    @inlinable
    public func expanded(by distance: Double) -> BoundingBox {
        BoundingBox(minX: minX - distance, minY: minY - distance, maxX: maxX + distance, maxY: maxY + distance)
    }

    /// True when the boxes share at least one point (touching edges count).
    @inlinable
    public func intersects(_ other: BoundingBox) -> Bool {
        minX <= other.maxX && other.minX <= maxX && minY <= other.maxY && other.minY <= maxY
    }

    /// The common part of two boxes, or ``empty``.
    @inlinable
    public func intersection(_ other: BoundingBox) -> BoundingBox {
        let b = BoundingBox(minX: Swift.max(minX, other.minX), minY: Swift.max(minY, other.minY),
                            maxX: Swift.min(maxX, other.maxX), maxY: Swift.min(maxY, other.maxY))
        return b.isEmpty ? .empty : b
    }

    /// True when `c` lies inside or on the edge of the box.
    @inlinable
    public func contains(_ c: Coordinate) -> Bool {
        c.x >= minX && c.x <= maxX && c.y >= minY && c.y <= maxY
    }

    /// True when `other` lies entirely inside or on the edge of the box.
    @inlinable
    public func contains(_ other: BoundingBox) -> Bool {
        other.minX >= minX && other.maxX <= maxX && other.minY >= minY && other.maxY <= maxY
    }
}
