internal import CGEOS
import GeoCore
import GeoIO

/// Point location the way shapely does it, through the GEOS C API: an STRtree over the polygons,
/// prepared geometries, and per point a GEOS point, a tree query and `GEOSPreparedCovers_r` on
/// each candidate. Where several polygons cover a point the lowest rank wins, then the lowest
/// index, as in ``PolygonLocator``. Owns its own GEOS context; one thread at a time.
///
/// Benchmark support only: not part of the GeoTwin library products.
public final class GEOSLocatePeer {
    private let handle: GEOSContextHandle_t
    private var polygons: [OpaquePointer?] = []
    private var prepared: [OpaquePointer?] = []
    private var tree: OpaquePointer?
    private let rank: [Int]

    /// Reads `geometries` into GEOS (through WKB), prepares them and packs an STRtree over them;
    /// nil geometries cover nothing.
    /// - Throws: ``BenchPeerError`` when GEOS cannot read a geometry.
    public init(_ geometries: [Geometry?], rank: [Int]? = nil) throws(BenchPeerError) {
        try loadGEOSForPeer()
        handle = GEOS_init_r()
        self.rank = rank ?? [Int](repeating: 0, count: geometries.count)
        guard let reader = GEOSWKBReader_create_r(handle) else { throw BenchPeerError("GEOS could not create a WKB reader") }
        defer { GEOSWKBReader_destroy_r(handle, reader) }
        for (i, g) in geometries.enumerated() {
            guard let g else { polygons.append(nil); prepared.append(nil); continue }
            let wkb = WKB.encode(g)
            let geos = wkb.withUnsafeBufferPointer { GEOSWKBReader_read_r(handle, reader, $0.baseAddress, $0.count) }
            guard let geos else { throw BenchPeerError("GEOS could not read geometry \(i)") }
            polygons.append(geos)
            prepared.append(GEOSPrepare_r(handle, geos))
        }
        guard let t = GEOSSTRtree_create_r(handle, 10) else { throw BenchPeerError("GEOS could not create an STRtree") }
        tree = t
        for (i, g) in polygons.enumerated() {
            if let g { GEOSSTRtree_insert_r(handle, t, g, UnsafeMutableRawPointer(bitPattern: i + 1)) }
        }
    }

    deinit {
        if let tree { GEOSSTRtree_destroy_r(handle, tree) }
        for p in prepared { if let p { GEOSPreparedGeom_destroy_r(handle, p) } }
        for g in polygons { if let g { GEOSGeom_destroy_r(handle, g) } }
        GEOS_finish_r(handle)
    }

    /// The winning feature of each point (`-1` where none covers it).
    public func locate(xs: [Double], ys: [Double]) -> [Int32] {
        var out = [Int32](repeating: -1, count: min(xs.count, ys.count))
        guard let tree else { return out }
        var candidates: [Int] = []
        for i in 0..<out.count {
            guard let point = GEOSGeom_createPointFromXY_r(handle, xs[i], ys[i]) else { continue }
            candidates.removeAll(keepingCapacity: true)
            withUnsafeMutablePointer(to: &candidates) { p in
                GEOSSTRtree_query_r(handle, tree, point, collectCandidate, p)
            }
            var best = -1
            for c in candidates {
                guard let pg = prepared[c], GEOSPreparedCovers_r(handle, pg, point) == 1 else { continue }
                if best < 0 || rank[c] < rank[best] || (rank[c] == rank[best] && c < best) { best = c }
            }
            out[i] = Int32(best)
            GEOSGeom_destroy_r(handle, point)
        }
        return out
    }
}

/// Query callback: appends `item - 1` to the `[Int]` at `userdata`.
private func collectCandidate(_ item: UnsafeMutableRawPointer?, _ userdata: UnsafeMutableRawPointer?) {
    guard let item, let userdata else { return }
    userdata.assumingMemoryBound(to: [Int].self).pointee.append(Int(bitPattern: item) - 1)
}
