internal import CGEOS
public import GeoCore

/// GEOS's STRtree (the index behind shapely's `STRtree`) driven through the GEOS C API, kept as
/// an in-process peer for measuring GeoTwin's indexes on the same data.
///
/// Usage mirrors shapely: ``makeGeometries(flatBoxes:)`` creates one rectangle geometry per box
/// (timed apart), ``build()`` inserts them into a tree of node capacity 10 and forces GEOS to
/// pack it, then queries run against prepared query geometries. Items are reported by their
/// index in the input. The object owns its own GEOS context and is used by one thread at a time.
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
    public init(nodeCapacity: Int = 10) {
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
    /// replacing any earlier items. Returns `false` when GEOS fails to create a geometry.
    public func makeGeometries(flatBoxes: [Double]) -> Bool {
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
                                                      flatBoxes[4 * i + 2], flatBoxes[4 * i + 3]) else { return false }
            geometries.append(g)
        }
        return true
    }

    /// Inserts every geometry into a new STRtree and packs it. GEOS 3.11 has no explicit build
    /// call: the tree packs itself on the first query, so this runs one query far from the data.
    /// Returns `false` when GEOS fails.
    public func build() -> Bool {
        destroyTree()
        guard let t = GEOSSTRtree_create_r(handle, nodeCapacity) else { return false }
        tree = t
        for (i, g) in geometries.enumerated() {
            GEOSSTRtree_insert_r(handle, t, g, UnsafeMutableRawPointer(bitPattern: i + 1))
        }
        guard let probe = GEOSGeom_createPointFromXY_r(handle, -1e300, -1e300) else { return false }
        var sink = [Int]()
        withUnsafeMutablePointer(to: &sink) { p in
            GEOSSTRtree_query_r(handle, t, probe, collectItem, p)
        }
        GEOSGeom_destroy_r(handle, probe)
        return true
    }

    /// Creates the GEOS rectangles of the query windows (kept apart from the query timing).
    public func setQueryWindows(_ windows: [BoundingBox]) {
        for g in queryGeometries { GEOSGeom_destroy_r(handle, g) }
        queryGeometries = windows.compactMap {
            GEOSGeom_createRectangle_r(handle, $0.minX, $0.minY, $0.maxX, $0.maxY)
        }
    }

    /// Creates the GEOS points of the nearest-neighbour queries.
    public func setQueryPoints(_ points: [Coordinate]) {
        for g in queryPoints { GEOSGeom_destroy_r(handle, g) }
        queryPoints = points.compactMap { GEOSGeom_createPointFromXY_r(handle, $0.x, $0.y) }
        queryCoordinates = points
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
