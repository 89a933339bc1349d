// The `rtree` suite: GeoTwin's PackedRTree and RTree against GEOS's STRtree (through its C API,
// in the same process) on flatbush's benchmark data: 1,000,000 boxes with sides up to 1 in a
// 100 x 100 square, SplitMix64 seed 42 (the data of `geotwin bench rtree`).
import Benchmark
import GeoBenchSupport
import GeoCore
import GeoIndex

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        maxDuration: .seconds(10),
        maxIterations: 10
    )
    let data = RTreeSuiteData(count: 1_000_000, seed: 42)
    let boxes = data.boxes, windows1pct = data.windows1pct, windows001pct = data.windows001pct, points = data.points1

    let tree: PackedRTree, dynamic: RTree, peer: GEOSSTRtreePeer
    do {
        tree = try PackedRTree(flatBoxes: boxes)
        var loaded = RTree()
        try loaded.bulkLoad(data.items)
        dynamic = loaded
        peer = GEOSSTRtreePeer()
        try peer.makeGeometries(flatBoxes: boxes)
        try peer.build()
    } catch {
        fatalError("rtree suite setup failed: \(error)")
    }
    for storage in BoxStorage.allCases {
        Benchmark("PackedRTree build 1M (\(storage))") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try PackedRTree(flatBoxes: boxes, storage: storage)) }
        }
    }
    Benchmark("GEOS STRtree build 1M (geometries made apart)") { benchmark in
        for _ in benchmark.scaledIterations { try peer.build() }
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
        try peer.setQueryWindows(windows1pct)
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
        try peer.setQueryWindows(windows001pct)
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
        try peer.setQueryPoints(points)
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
