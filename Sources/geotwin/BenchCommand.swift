import ArgumentParser
import Foundation
import GeoBenchSupport
import GeoTwin

/// `geotwin bench`: speed measurements of GeoTwin against in-process peers, printed as JSON.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure GeoTwin against its peers on fixed-seed data.",
        subcommands: [RTreeBenchCommand.self, LocateBenchCommand.self]
    )
}

/// `geotwin bench rtree`: PackedRTree against GEOS's STRtree on flatbush's benchmark data.
struct RTreeBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rtree",
        abstract: "Build and query 1M boxes (sides up to 1 in a 100 x 100 square) with PackedRTree and GEOS STRtree."
    )

    @Option(help: "Number of boxes.")
    var count = 1_000_000

    @Option(help: "Node size of the PackedRTree (2...65535).")
    var nodeSize = 16

    @Option(help: "Runs per measure; the median is reported.")
    var runs = 5

    @Option(help: "SplitMix64 seed of the data (queries use seed + 1, + 2, + 3).")
    var seed: UInt64 = 42

    @Flag(help: "Print one JSON object (the only output format).")
    var json = false

    @Flag(help: "Skip the GEOS peer.")
    var noGeos = false

    @Flag(help: "Also measure the dynamic RTree (bulk load, one-by-one insertion, queries).")
    var dynamic = false

    @Flag(help: "Measure the CPU time of this thread instead of wall time (steadier on a shared machine).")
    var cpuTime = false

    func validate() throws {
        guard count > 0 else { throw ValidationError("--count must be positive") }
        guard runs > 0 else { throw ValidationError("--runs must be positive") }
        guard (2...65535).contains(nodeSize) else { throw ValidationError("--node-size must be in 2...65535") }
    }

    func run() throws {
        let data = RTreeSuiteData(count: count, seed: seed)
        var out = "{\"n\":\(count),\"runs\":\(runs),\"clock\":\"\(cpuTime ? "thread-cpu" : "wall")\""
        for storage in [BoxStorage.float64, .float32] {
            let m = try measureGeoTwin(data, storage: storage)
            out += ",\"\(storage == .float64 ? "geotwin" : "geotwin_float32")\":" + m.json
        }
        if dynamic {
            out += ",\"geotwin_rtree\":" + (try measureDynamic(data)).json
        }
        if !noGeos {
            out += ",\"geos\":" + (try measureGEOS(data)).json
        }
        print(out + "}")
    }

    private func measureGeoTwin(_ data: RTreeSuiteData, storage: BoxStorage) throws -> BenchFigures {
        var f = BenchFigures()
        var tree = try PackedRTree(flatBoxes: data.boxes, nodeSize: nodeSize, storage: storage)
        f["build_ms"] = try median(runs) {
            tree = try PackedRTree(flatBoxes: data.boxes, nodeSize: nodeSize, storage: storage)
        }
        var buffer = [Int]()
        var near = [Neighbor]()
        let planar = PlanarMetric()
        var hits = 0
        f["search_1pct_ms"] = median(runs) {
            hits = 0
            for w in data.windows1pct { tree.search(w, into: &buffer); hits += buffer.count }
        }
        f.counts["hits_1pct"] = hits
        f["search_001pct_ms"] = median(runs) {
            hits = 0
            for w in data.windows001pct { tree.search(w, into: &buffer); hits += buffer.count }
        }
        f.counts["hits_001pct"] = hits
        f["knn1_ms"] = median(runs) {
            hits = 0
            for p in data.points1 { tree.neighbors(of: p, k: 1, metric: planar, into: &near); hits += near.count }
        }
        f["knn100_ms"] = median(runs) {
            hits = 0
            for p in data.points100 { tree.neighbors(of: p, k: 100, metric: planar, into: &near); hits += near.count }
        }
        f.counts["bytes"] = tree.byteCount
        return f
    }

    private func measureDynamic(_ data: RTreeSuiteData) throws -> BenchFigures {
        var f = BenchFigures()
        let items = data.items
        var tree = RTree()
        f["bulk_load_ms"] = try median(runs) {
            tree = RTree()
            try tree.bulkLoad(items)
        }
        f["insert_ms"] = try median(runs) {
            var t = RTree()
            for item in items { try t.insert(id: item.id, box: item.box) }
        }
        var buffer = [Int]()
        var hits = 0
        f["search_1pct_ms"] = median(runs) {
            hits = 0
            for w in data.windows1pct { tree.search(w, into: &buffer); hits += buffer.count }
        }
        f.counts["hits_1pct"] = hits
        f["search_001pct_ms"] = median(runs) {
            hits = 0
            for w in data.windows001pct { tree.search(w, into: &buffer); hits += buffer.count }
        }
        f.counts["hits_001pct"] = hits
        f["knn1_ms"] = median(runs) {
            for p in data.points1 { hits += tree.neighbors(of: p, k: 1).count }
        }
        return f
    }

    private func measureGEOS(_ data: RTreeSuiteData) throws -> BenchFigures {
        var f = BenchFigures()
        var peer = GEOSSTRtreePeer()
        f["geometry_ms"] = try median(runs) {
            peer = GEOSSTRtreePeer()
            try peer.makeGeometries(flatBoxes: data.boxes)
        }
        f["build_ms"] = try median(runs) { try peer.build() }
        try peer.setQueryWindows(data.windows1pct)
        var buffer = [Int]()
        var hits = 0
        f["search_1pct_ms"] = median(runs) {
            hits = 0
            for q in 0..<peer.queryWindowCount { peer.search(window: q, into: &buffer); hits += buffer.count }
        }
        f.counts["hits_1pct"] = hits
        try peer.setQueryWindows(data.windows001pct)
        f["search_001pct_ms"] = median(runs) {
            hits = 0
            for q in 0..<peer.queryWindowCount { peer.search(window: q, into: &buffer); hits += buffer.count }
        }
        f.counts["hits_001pct"] = hits
        try peer.setQueryPoints(data.points1)
        f["knn1_ms"] = median(runs) {
            hits = 0
            for q in 0..<peer.queryPointCount where peer.nearest(point: q) != nil { hits += 1 }
        }
        return f
    }

    /// Runs `body` `runs` times and returns the median time in milliseconds (wall or thread CPU
    /// time, see `--cpu-time`); the first error `body` throws ends the measure.
    private func median(_ runs: Int, _ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        var times = [Double]()
        for _ in 0..<runs {
            if cpuTime {
                let start = threadCPUMilliseconds()
                try body()
                times.append(threadCPUMilliseconds() - start)
            } else {
                let start = clock.now
                try body()
                let d = start.duration(to: clock.now)
                times.append(Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) * 1e-15)
            }
        }
        times.sort()
        return times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
    }
}

/// CPU time consumed by the calling thread, in milliseconds.
func threadCPUMilliseconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) * 1e-6
}

/// Measures in milliseconds and counts, printed as a JSON object with keys in insertion order.
struct BenchFigures {
    private var keys: [String] = []
    private var values: [String: Double] = [:]
    var counts: [String: Int] = [:]

    subscript(key: String) -> Double? {
        get { values[key] }
        set {
            if values[key] == nil { keys.append(key) }
            values[key] = newValue
        }
    }

    var json: String {
        var parts = keys.map { "\"\($0)\":" + String(format: "%.3f", values[$0] ?? 0) }
        parts += counts.keys.sorted().map { "\"\($0)\":\(counts[$0] ?? 0)" }
        return "{" + parts.joined(separator: ",") + "}"
    }
}
