import GeoCore
import GeoIndex

/// The `rtree` suite: PackedRTree against GEOS's STRtree on flatbush's benchmark data
/// (``RTreeSuiteData``): build, 1,000 windows of 1% of the area, 10,000 windows of 0.01%,
/// 10,000 single nearest neighbours. Hit counts and nearest distances are checked against GEOS.
public enum RTreeSuite {
    /// Full size: 1,000,000 boxes; quick: 20,000.
    public static func run(_ options: BenchOptions, nodeSize: Int = 16, dynamic: Bool = false) throws -> SuiteResult {
        let count = options.size(full: 1_000_000, quick: 20_000)
        options.progress("rtree: drawing \(count) boxes (seed \(options.seed))")
        let data = RTreeSuiteData(count: count, seed: options.seed)
        var result = SuiteResult(suite: "rtree", data: "\(count) boxes, sides up to 1 in a 100 x 100 square; node size \(nodeSize)",
                                 runs: options.runs, seed: options.seed)
        let timer = options.timer
        let peerName = "GEOS STRtree"
        var peer: GEOSSTRtreePeer?
        if !options.noPeer {
            options.progress("rtree: creating \(count) GEOS rectangles")
            let p = try GEOSSTRtreePeer()
            try p.makeGeometries(flatBoxes: data.boxes)
            peer = p
        }
        var tree = try PackedRTree(flatBoxes: data.boxes, nodeSize: nodeSize)
        result.digest["index bytes"] = Double(tree.byteCount)
        options.progress("rtree: build")
        result.measures.append(try timer.measure("build", geotwin: {
            tree = try PackedRTree(flatBoxes: data.boxes, nodeSize: nodeSize)
        }, peer: peerName, peer.map { p in { try p.build() } }))

        var buffer = [Int]()
        var peerBuffer = [Int]()
        for (label, windows) in [("search 1%", data.windows1pct), ("search 0.01%", data.windows001pct)] {
            options.progress("rtree: \(label) (\(windows.count) windows)")
            try peer?.setQueryWindows(windows)
            var ours = 0, theirs = 0
            result.measures.append(try timer.measure(label, geotwin: {
                ours = 0
                for w in windows { tree.search(w, into: &buffer); ours += buffer.count }
            }, peer: peerName, peer.map { p in {
                theirs = 0
                for q in 0..<p.queryWindowCount { p.search(window: q, into: &peerBuffer); theirs += peerBuffer.count }
            } }))
            result.digest["hits of \(label) windows"] = Double(ours)
            if peer != nil { result.checks.append(.equal("hits of \(label) windows", ours, against: peerName, theirs)) }
        }

        options.progress("rtree: nearest neighbour (\(data.points1.count) points)")
        try peer?.setQueryPoints(data.points1)
        var near = [Neighbor]()
        let planar = PlanarMetric()
        var ourDistance = 0.0, peerDistance = 0.0
        result.measures.append(try timer.measure("nearest 1", geotwin: {
            ourDistance = 0
            for p in data.points1 {
                tree.neighbors(of: p, k: 1, metric: planar, into: &near)
                ourDistance += near.first?.distance ?? 0
            }
        }, peer: peerName, peer.map { p in {
            peerDistance = 0
            for q in 0..<p.queryPointCount {
                if let i = p.nearest(point: q) { peerDistance += boxDistance(data.boxes, i, data.points1[q]) }
            }
        } }))
        if peer != nil {
            result.checks.append(BenchCheck("sum of nearest distances", geotwin: "\(ourDistance)", against: peerName,
                                            value: "\(peerDistance)", agrees: abs(ourDistance - peerDistance) <= 1e-9 * max(1, ourDistance)))
        }
        options.progress("rtree: 100 nearest neighbours (\(data.points100.count) points)")
        result.digest["sum of distances of nearest 1"] = ourDistance
        var hundredDistance = 0.0
        result.measures.append(try timer.measure("nearest 100", geotwin: {
            hundredDistance = 0
            for p in data.points100 {
                tree.neighbors(of: p, k: 100, metric: planar, into: &near)
                for m in near { hundredDistance += m.distance }
            }
        }))
        result.digest["sum of distances of nearest 100"] = hundredDistance
        if options.onlyPeerMeasures {
            result.settleChecks()
            return result
        }
        let tree32 = try PackedRTree(flatBoxes: data.boxes, nodeSize: nodeSize, storage: .float32)
        result.measures.append(try timer.measure("search 1% (float32 boxes)", geotwin: {
            for w in data.windows1pct { tree32.search(w, into: &buffer) }
        }))
        if dynamic {
            options.progress("rtree: dynamic RTree")
            let items = data.items
            var rtree = RTree()
            result.measures.append(try timer.measure("RTree bulk load", geotwin: {
                rtree = RTree()
                try rtree.bulkLoad(items)
            }))
            result.measures.append(try timer.measure("RTree insert one by one", geotwin: {
                var t = RTree()
                for item in items { try t.insert(id: item.id, box: item.box) }
            }))
            result.measures.append(try timer.measure("RTree search 1%", geotwin: {
                for w in data.windows1pct { rtree.search(w, into: &buffer) }
            }))
        }
        result.settleChecks()
        return result
    }

    /// Planar distance from `p` to box `i` of the flat array.
    static func boxDistance(_ boxes: [Double], _ i: Int, _ p: Coordinate) -> Double {
        let dx = max(boxes[4 * i] - p.x, 0, p.x - boxes[4 * i + 2])
        let dy = max(boxes[4 * i + 1] - p.y, 0, p.y - boxes[4 * i + 3])
        return (dx * dx + dy * dy).squareRoot()
    }
}
