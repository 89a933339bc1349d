/// Deterministic box data sets shared by the tests, `geotwin bench rtree` and the benchmark suite.
public enum SyntheticBoxes {
    /// The data of flatbush's benchmark: `count` boxes with sides uniform in `[0, maxSide)` whose
    /// lower-left corner is uniform in `[0, extent - maxSide)` squared, as a flat array
    /// `[minX, minY, maxX, maxY, ...]` (units are arbitrary plane units).
    ///
    /// - Parameters:
    ///   - count: number of boxes.
    ///   - extent: side of the square holding the data (100 in the benchmark).
    ///   - maxSide: largest box side (1 in the benchmark).
    ///   - seed: SplitMix64 seed.
    public static func uniform(count: Int, extent: Double = 100, maxSide: Double = 1, seed: UInt64) -> [Double] {
        var rng = SplitMix64(seed: seed)
        var out = [Double]()
        out.reserveCapacity(max(0, count) * 4)
        for _ in 0..<max(0, count) {
            let x = rng.nextUnit() * (extent - maxSide)
            let y = rng.nextUnit() * (extent - maxSide)
            out.append(x)
            out.append(y)
            out.append(x + rng.nextUnit() * maxSide)
            out.append(y + rng.nextUnit() * maxSide)
        }
        return out
    }
}
