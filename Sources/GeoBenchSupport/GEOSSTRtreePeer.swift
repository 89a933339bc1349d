internal import CGEOS
internal import CLibraryLoader
public import GeoCore

/// GEOS's STRtree (the index behind shapely's `STRtree`) driven through the GEOS C API, kept as
/// an in-process peer for measuring GeoTwin's indexes on the same data.
///
/// Usage mirrors shapely: ``makeGeometries(flatBoxes:)`` creates one rectangle geometry per box
/// (timed apart), ``build()`` inserts them into a tree of node capacity 10 and forces GEOS to
/// pack it, then queries run against prepared query geometries. Items are reported by their
/// index in the input. The object owns its own GEOS context and is used by one thread at a time.
///
/// Benchmark support only: not part of the GeoTwin library products.
public final class GEOSSTRtreePeer {
    private let handle: GEOSContextHandle_t
    private var tree: OpaquePointer?
    private var geometries: [OpaquePointer] = []
    private var queryGeometries: [OpaquePointer] = []
    private var queryPoints: [OpaquePointer] = []
    private var queryCoordinates: [Coordinate] = []
    private var boxes: UnsafeMutableBufferPointer<Double>
    /// The number of items.
    public private(set) var count = 0
    /// The node capacity passed to GEOS (10, as shapely uses).
    public let nodeCapacity: Int

    /// Creates an empty peer with its own GEOS context.
    ///
    /// - Parameter nodeCapacity: the STRtree node capacity (shapely's default is 10).
    /// - Throws: ``BenchPeerError`` when GEOS cannot be loaded.
    public init(nodeCapacity: Int = 10) throws(BenchPeerError) {
        try loadGEOSForPeer()
        handle = GEOS_init_r()
        self.nodeCapacity = max(2, nodeCapacity)
        boxes = UnsafeMutableBufferPointer<Double>.allocate(capacity: 0)
    }

    deinit {
        destroyTree()
        for g in geometries { GEOSGeom_destroy_r(handle, g) }
        for g in queryGeometries { GEOSGeom_destroy_r(handle, g) }
        for g in queryPoints { GEOSGeom_destroy_r(handle, g) }
        boxes.deallocate()
        GEOS_finish_r(handle)
    }

    private func destroyTree() {
        if let t = tree { GEOSSTRtree_destroy_r(handle, t) }
        tree = nil
    }

    /// Creates one GEOS rectangle polygon per box of the flat array `[minX, minY, maxX, maxY, ...]`,
    /// replacing any earlier items.
    /// - Throws: ``BenchPeerError`` when GEOS fails to create a geometry.
    public func makeGeometries(flatBoxes: [Double]) throws(BenchPeerError) {
        destroyTree()
        for g in geometries { GEOSGeom_destroy_r(handle, g) }
        geometries.removeAll(keepingCapacity: true)
        boxes.deallocate()
        let n = flatBoxes.count / 4
        boxes = UnsafeMutableBufferPointer<Double>.allocate(capacity: n * 4)
        _ = boxes.initialize(from: flatBoxes.prefix(n * 4))
        count = n
        geometries.reserveCapacity(n)
        for i in 0..<n {
            guard let g = GEOSGeom_createRectangle_r(handle, flatBoxes[4 * i], flatBoxes[4 * i + 1],
                                                      flatBoxes[4 * i + 2], flatBoxes[4 * i + 3]) else {
                throw BenchPeerError("GEOS could not create the rectangle of box \(i)")
            }
            geometries.append(g)
        }
    }

    /// Inserts every geometry into a new STRtree and packs it. GEOS 3.11 has no explicit build
    /// call: the tree packs itself on the first query, so this runs one query far from the data.
    /// - Throws: ``BenchPeerError`` when GEOS fails to create the tree or the probe point.
    public func build() throws(BenchPeerError) {
        destroyTree()
        guard let t = GEOSSTRtree_create_r(handle, nodeCapacity) else { throw BenchPeerError("GEOS could not create an STRtree") }
        tree = t
        for (i, g) in geometries.enumerated() {
            GEOSSTRtree_insert_r(handle, t, g, UnsafeMutableRawPointer(bitPattern: i + 1))
        }
        guard let probe = GEOSGeom_createPointFromXY_r(handle, -1e300, -1e300) else {
            throw BenchPeerError("GEOS could not create the probe point")
        }
        var sink = [Int]()
        withUnsafeMutablePointer(to: &sink) { p in
            GEOSSTRtree_query_r(handle, t, probe, collectItem, p)
        }
        GEOSGeom_destroy_r(handle, probe)
    }

    /// Creates the GEOS rectangles of the query windows (kept apart from the query timing).
    /// - Throws: ``BenchPeerError`` when GEOS fails to create a window.
    public func setQueryWindows(_ windows: [BoundingBox]) throws(BenchPeerError) {
        for g in queryGeometries { GEOSGeom_destroy_r(handle, g) }
        queryGeometries.removeAll(keepingCapacity: true)
        for (i, w) in windows.enumerated() {
            guard let g = GEOSGeom_createRectangle_r(handle, w.minX, w.minY, w.maxX, w.maxY) else {
                throw BenchPeerError("GEOS could not create query window \(i)")
            }
            queryGeometries.append(g)
        }
    }

    /// Creates the GEOS points of the nearest-neighbour queries.
    /// - Throws: ``BenchPeerError`` when GEOS fails to create a point.
    public func setQueryPoints(_ points: [Coordinate]) throws(BenchPeerError) {
        for g in queryPoints { GEOSGeom_destroy_r(handle, g) }
        queryPoints.removeAll(keepingCapacity: true)
        queryCoordinates = points
        for (i, p) in points.enumerated() {
            guard let g = GEOSGeom_createPointFromXY_r(handle, p.x, p.y) else {
                queryCoordinates = Array(points.prefix(i))
                throw BenchPeerError("GEOS could not create query point \(i)")
            }
            queryPoints.append(g)
        }
    }

    /// The number of query windows set by ``setQueryWindows(_:)``.
    public var queryWindowCount: Int { queryGeometries.count }

    /// The number of query points set by ``setQueryPoints(_:)``.
    public var queryPointCount: Int { queryPoints.count }

    /// Replaces `results` with the indices of the items whose boxes intersect query window `query`
    /// (an index into the windows given to ``setQueryWindows(_:)``); nothing when out of range
    /// or before ``build()``.
    public func search(window query: Int, into results: inout [Int]) {
        results.removeAll(keepingCapacity: true)
        guard let t = tree, query >= 0, query < queryGeometries.count else { return }
        withUnsafeMutablePointer(to: &results) { p in
            GEOSSTRtree_query_r(handle, t, queryGeometries[query], collectItem, p)
        }
    }

    /// The index of the item whose box is nearest (planar distance) to query point `query`, via
    /// `GEOSSTRtree_nearest_generic_r` with a box-distance callback; `nil` when out of range,
    /// before ``build()`` or for an empty tree.
    public func nearest(point query: Int) -> Int? {
        guard let t = tree, let base = boxes.baseAddress, count > 0, query >= 0, query < queryPoints.count else {
            return nil
        }
        var context = NearestContext(boxes: UnsafePointer(base), point: queryCoordinates[query])
        let found = withUnsafeMutablePointer(to: &context) { p in
            GEOSSTRtree_nearest_generic_r(handle, t, UnsafeRawPointer(bitPattern: UInt.max), queryPoints[query],
                                          boxDistance, p)
        }
        guard let found else { return nil }
        return Int(bitPattern: found) - 1
    }
}

/// Loads GEOS, which is loaded on first use (see CLibraryLoader), before a peer calls it.
func loadGEOSForPeer() throws(BenchPeerError) {
    var message: UnsafePointer<CChar>?
    guard geotwin_load_geos(&message) != 0 else {
        throw BenchPeerError(message.map { String(cString: $0) } ?? "GEOS cannot be loaded")
    }
}

/// A GEOS failure in a benchmark peer.
public struct BenchPeerError: Error, CustomStringConvertible, Sendable {
    /// What failed.
    public var description: String

    /// Creates the error with its message.
    public init(_ description: String) { self.description = description }
}

/// What the distance callback needs: the item boxes and the query point.
private struct NearestContext {
    var boxes: UnsafePointer<Double>
    var point: Coordinate
}

/// Query callback: appends `item - 1` (items are stored as index + 1) to the `[Int]` at `userdata`.
private func collectItem(_ item: UnsafeMutableRawPointer?, _ userdata: UnsafeMutableRawPointer?) {
    guard let item, let userdata else { return }
    userdata.assumingMemoryBound(to: [Int].self).pointee.append(Int(bitPattern: item) - 1)
}

/// Distance callback: planar distance from the query point to the box of the other item.
private func boxDistance(_ a: UnsafeRawPointer?, _ b: UnsafeRawPointer?, _ out: UnsafeMutablePointer<Double>?,
                         _ userdata: UnsafeMutableRawPointer?) -> Int32 {
    guard let out, let userdata else { return 0 }
    let context = userdata.assumingMemoryBound(to: NearestContext.self).pointee
    let itemPointer = UInt(bitPattern: a) == UInt.max ? b : a
    let i = Int(bitPattern: itemPointer) - 1
    guard i >= 0 else { return 0 }
    let x = context.point.x, y = context.point.y
    let minX = context.boxes[4 * i], minY = context.boxes[4 * i + 1]
    let maxX = context.boxes[4 * i + 2], maxY = context.boxes[4 * i + 3]
    let dx = x < minX ? minX - x : (x > maxX ? x - maxX : 0)
    let dy = y < minY ? minY - y : (y > maxY ? y - maxY : 0)
    out.pointee = (dx * dx + dy * dy).squareRoot()
    return 1
}
