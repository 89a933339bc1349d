public import GeoCore

/// The data of the `rtree` suite, shared by `geotwin bench rtree` and the `RTreeBenchmark`
/// target of Benchmarks/: flatbush's benchmark boxes (sides up to 1 in a 100 x 100 square) and
/// the query sets, all drawn with SplitMix64 from one seed.
public struct RTreeSuiteData: Sendable {
    /// The side of the square holding the data.
    public static let extent = 100.0

    /// The boxes as a flat array `[minX, minY, maxX, maxY, ...]` (``SyntheticBoxes/uniform(count:extent:maxSide:seed:)``, `seed`).
    public let boxes: [Double]
    /// 1,000 windows of 10 x 10 (1% of the area), seed + 1.
    public let windows1pct: [BoundingBox]
    /// 10,000 windows of 1 x 1 (0.01% of the area), seed + 2.
    public let windows001pct: [BoundingBox]
    /// 10,000 points for single nearest neighbours, seed + 3.
    public let points1: [Coordinate]
    /// The first 1,000 of ``points1``, for 100 nearest neighbours.
    public let points100: [Coordinate]

    /// Draws `count` boxes and the query sets from `seed` (42 in the published figures).
    public init(count: Int, seed: UInt64 = 42) {
        boxes = SyntheticBoxes.uniform(count: count, extent: Self.extent, seed: seed)
        windows1pct = Self.windows(1_000, side: 10, seed: seed &+ 1)
        windows001pct = Self.windows(10_000, side: 1, seed: seed &+ 2)
        var rng = SplitMix64(seed: seed &+ 3)
        points1 = (0..<10_000).map { _ in Coordinate(rng.nextUnit() * Self.extent, rng.nextUnit() * Self.extent) }
        points100 = Array(points1.prefix(1_000))
    }

    /// The number of boxes.
    public var count: Int { boxes.count / 4 }

    /// The boxes as `(id, box)` items (id = position in ``boxes``), for `RTree.bulkLoad` and insertion.
    public var items: [(id: Int, box: BoundingBox)] {
        (0..<count).map {
            (id: $0, box: BoundingBox(minX: boxes[4 * $0], minY: boxes[4 * $0 + 1],
                                      maxX: boxes[4 * $0 + 2], maxY: boxes[4 * $0 + 3]))
        }
    }

    /// `n` square windows of side `side`, uniform in the data square.
    public static func windows(_ n: Int, side: Double, seed: UInt64) -> [BoundingBox] {
        var rng = SplitMix64(seed: seed)
        return (0..<n).map { _ in
            let x = rng.nextUnit() * (extent - side), y = rng.nextUnit() * (extent - side)
            return BoundingBox(minX: x, minY: y, maxX: x + side, maxY: y + side)
        }
    }
}
