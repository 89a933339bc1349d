// The `rtree` suite: GeoTwin's PackedRTree and RTree against GEOS's STRtree (through its C API,
// in the same process) on flatbush's benchmark data: 1,000,000 boxes with sides up to 1 in a
// 100 x 100 square, SplitMix64 seed 42 (the data of `geotwin bench rtree`).
import Benchmark
import GeoCore
import GeoGEOS
import GeoIndex

/// Square windows of side `side` uniform in the data square, seed as `geotwin bench rtree`.
func windows(_ n: Int, side: Double, seed: UInt64) -> [BoundingBox] {
    var rng = SplitMix64(seed: seed)
    return (0..<n).map { _ in
        let x = rng.nextUnit() * (100 - side), y = rng.nextUnit() * (100 - side)
        return BoundingBox(minX: x, minY: y, maxX: x + side, maxY: y + side)
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        maxDuration: .seconds(10),
        maxIterations: 10
    )
    let seed: UInt64 = 42
    let boxes = SyntheticBoxes.uniform(count: 1_000_000, seed: seed)
    let windows1pct = windows(1_000, side: 10, seed: seed + 1)
    let windows001pct = windows(10_000, side: 1, seed: seed + 2)
    var rng = SplitMix64(seed: seed + 3)
    let points = (0..<10_000).map { _ in Coordinate(rng.nextUnit() * 100, rng.nextUnit() * 100) }

    guard let tree = try? PackedRTree(flatBoxes: boxes) else { return }
    var dynamic = RTree()
    try? dynamic.bulkLoad((0..<1_000_000).map {
        (id: $0, box: BoundingBox(minX: boxes[4 * $0], minY: boxes[4 * $0 + 1], maxX: boxes[4 * $0 + 2], maxY: boxes[4 * $0 + 3]))
    })
    let peer = GEOSSTRtreePeer()
    _ = peer.makeGeometries(flatBoxes: boxes)
    _ = peer.build()

    for storage in BoxStorage.allCases {
        Benchmark("PackedRTree build 1M (\(storage))") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try? PackedRTree(flatBoxes: boxes, storage: storage)) }
        }
    }
    Benchmark("GEOS STRtree build 1M (geometries made apart)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(peer.build()) }
    }
    Benchmark("PackedRTree 1000 searches 1%") { benchmark in
        var out = [Int]()
        for _ in benchmark.scaledIterations { for w in windows1pct { tree.search(w, into: &out) } }
        blackHole(out)
    }
    Benchmark("RTree 1000 searches 1%") { benchmark in
        var out = [Int]()
        for _ in benchmark.scaledIterations { for w in windows1pct { dynamic.search(w, into: &out) } }
        blackHole(out)
    }
    Benchmark("GEOS STRtree 1000 searches 1%") { benchmark in
        peer.setQueryWindows(windows1pct)
        var out = [Int]()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { for q in 0..<peer.queryWindowCount { peer.search(window: q, into: &out) } }
        blackHole(out)
    }
    Benchmark("PackedRTree 10000 searches 0.01%") { benchmark in
        var out = [Int]()
        for _ in benchmark.scaledIterations { for w in windows001pct { tree.search(w, into: &out) } }
        blackHole(out)
    }
    Benchmark("GEOS STRtree 10000 searches 0.01%") { benchmark in
        peer.setQueryWindows(windows001pct)
        var out = [Int]()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { for q in 0..<peer.queryWindowCount { peer.search(window: q, into: &out) } }
        blackHole(out)
    }
    Benchmark("PackedRTree 10000 nearest") { benchmark in
        var out = [Neighbor]()
        for _ in benchmark.scaledIterations {
            for p in points { tree.neighbors(of: p, k: 1, metric: PlanarMetric(), into: &out) }
        }
        blackHole(out)
    }
    Benchmark("GEOS STRtree 10000 nearest") { benchmark in
        peer.setQueryPoints(points)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { for q in 0..<peer.queryPointCount { blackHole(peer.nearest(point: q)) } }
    }
    Benchmark("PackedRTree 1000 x 100 nearest") { benchmark in
        var out = [Neighbor]()
        for _ in benchmark.scaledIterations {
            for p in points.prefix(1_000) { tree.neighbors(of: p, k: 100, metric: PlanarMetric(), into: &out) }
        }
        blackHole(out)
    }
}
