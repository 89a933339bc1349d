import GeoCore
#if canImport(Glibc)
import Glibc
#endif

/// How a ``PackedRTree`` stores box coordinates.
public enum BoxStorage: UInt8, Sendable, CaseIterable {
    /// 64-bit doubles: exact boxes, 32 bytes per node.
    case float64 = 1
    /// 32-bit floats rounded outward (minimum down, maximum up), 16 bytes per node. Every stored
    /// box contains the true box, so no query ever misses a hit; a query may report an item whose
    /// true box is within one Float32 step (about 6e-8 relative) of the window.
    case float32 = 2
}

/// A static R-tree packed along the Hilbert curve (after flatbush): built once from N boxes,
/// then queried any number of times. The whole state is three flat arrays: the boxes of every
/// node (items first, then each level up to the root), the original index of every item
/// (bit-packed), and the start of each level. Children are found by position, so inner nodes store no links.
///
/// Box semantics: boxes are closed, so touching counts as intersecting. Build rejects a box with
/// a NaN or infinite limit (``GeoIndexError/nonFiniteBox(index:)``) and a box with `min > max`
/// (``GeoIndexError/invertedBox(index:)``); zero-extent boxes (points, segments) are valid.
/// An empty tree answers every query with nothing.
///
/// Window searches: with ``BoxStorage/float64`` and a node size divisible by 16 (the default),
/// the tree also holds every node box as Float32 rounded outward, the children of a node side
/// by side (16 bytes per node), and a search tests 16 children at a time on those, reading a
/// Float64 box only when a window edge lies within one Float32 step of a box edge. The hits are
/// exactly those of the Float64 boxes.
///
/// Memory: with node size 16, 1,000,000 items take about 57.7 MB with ``BoxStorage/float64``
/// (32 bytes per node, 16 more for the search copy and 4 more per item for its index beside its
/// box there; 36.6 MB without the search copy, `searchCopy: false`) and 19.6 MB with
/// ``BoxStorage/float32`` (16 bytes per node, searched in place), plus 20 bits per item for its
/// original index (see ``byteCount``).
///
/// ```swift
/// let tree = try PackedRTree(boxes: parcels.map(\.boundingBox))
/// var hits = [Int]()
/// tree.search(BoundingBox(minX: 127.0, minY: 36.4, maxX: 127.1, maxY: 36.5), into: &hits)
/// let nearest = tree.neighbors(of: Coordinate(127.33, 36.52), k: 3, metric: HaversineMetric())
/// let copy = try PackedRTree(serialized: tree.serialized())
/// ```
public struct PackedRTree: Sendable {
    /// The number of items.
    public let count: Int
    /// The maximum number of children of a node.
    public let nodeSize: Int
    /// How coordinates are stored.
    public var storage: BoxStorage { boxes.kind }

    @usableFromInline let boxes: BoxArray
    /// Original item index of each leaf slot, in tree order, bit-packed.
    @usableFromInline let itemIndices: PackedIndices
    /// `levelStarts[l]` is the first node of level `l` (level 0 holds the items); the last entry is
    /// the total node count. Empty for an empty tree.
    @usableFromInline let levelStarts: [Int]
    /// `itemSpans[l]` is the number of items under one full node of level `l` (`nodeSize^l`).
    @usableFromInline let itemSpans: [Int]
    /// The Float64 node boxes again as outward-rounded Float32 blocks for window searches
    /// (Float64 storage with a node size divisible by 16); `nil` otherwise.
    let searchBlocks: SearchBlocks?

    /// Builds a tree from boxes.
    ///
    /// - Parameters:
    ///   - boxes: the item boxes; item `i` is reported as index `i`.
    ///   - nodeSize: children per node, `2...65535` (default 16).
    ///   - storage: coordinate storage (default ``BoxStorage/float64``).
    ///   - searchCopy: with ``BoxStorage/float64`` and a node size divisible by 16, whether to
    ///     keep the Float32 copy of the boxes that window searches run on (default `true`: about
    ///     twice as fast for small windows, 57.7 MB instead of 36.6 MB for a million boxes).
    ///     Searches give the same hits either way.
    /// - Throws: ``GeoIndexError`` naming the first non-finite or inverted box.
    /// - Complexity: O(n) (Hilbert keys sorted by radix).
    public init(boxes: [BoundingBox], nodeSize: Int = 16, storage: BoxStorage = .float64,
                searchCopy: Bool = true) throws(GeoIndexError) {
        var flat = [Double]()
        flat.reserveCapacity(boxes.count * 4)
        for b in boxes {
            flat.append(b.minX)
            flat.append(b.minY)
            flat.append(b.maxX)
            flat.append(b.maxY)
        }
        try self.init(flatBoxes: flat, nodeSize: nodeSize, storage: storage, searchCopy: searchCopy)
    }

    /// Builds a tree from a flat array `[minX, minY, maxX, maxY, ...]` (4 values per item), the
    /// fastest way in.
    ///
    /// - Parameters: as ``init(boxes:nodeSize:storage:searchCopy:)``.
    /// - Throws: ``GeoIndexError`` for a length not divisible by 4, a bad node size, or the first
    ///   non-finite or inverted box.
    public init(flatBoxes: [Double], nodeSize: Int = 16, storage: BoxStorage = .float64,
                searchCopy: Bool = true) throws(GeoIndexError) {
        guard flatBoxes.count % 4 == 0 else {
            throw .flatBoxCountNotMultipleOfFour(length: flatBoxes.count)
        }
        guard (2...65535).contains(nodeSize) else { throw .invalidNodeSize(nodeSize) }
        let n = flatBoxes.count / 4
        guard n < Int(UInt32.max) else { throw .tooManyItems(n) }
        let extent = try flatBoxes.withUnsafeBufferPointer { (p) throws(GeoIndexError) -> BoundingBox in
            try validatedExtent(p, count: n)
        }
        let layout = PackedLayout(count: n, nodeSize: nodeSize)
        var indices = ContiguousArray<UInt32>(repeating: 0, count: n)
        var order = flatBoxes.withUnsafeBufferPointer { hilbertKeys($0, count: n, extent: extent) }
        if n > nodeSize { radixSortByHighWord(&order) }
        for i in 0..<n { indices[i] = UInt32(truncatingIfNeeded: order[i]) }
        switch storage {
        case .float64:
            self.boxes = .float64(packBoxes(flatBoxes, indices: indices, layout: layout, as: Double.self))
        case .float32:
            self.boxes = .float32(packBoxes(flatBoxes, indices: indices, layout: layout, as: Float.self))
        }
        self.itemIndices = PackedIndices(indices)
        self.searchBlocks = searchCopy ? Self.makeSearchBlocks(boxes, items: itemIndices, layout: layout, nodeSize: nodeSize) : nil
        self.count = n
        self.nodeSize = nodeSize
        self.levelStarts = layout.levelStarts
        self.itemSpans = layout.itemSpans
    }

    /// Reassembles a tree from parts already validated (deserialisation).
    init(count: Int, nodeSize: Int, boxes: BoxArray, itemIndices: ContiguousArray<UInt32>, searchCopy: Bool) {
        let layout = PackedLayout(count: count, nodeSize: nodeSize)
        self.count = count
        self.nodeSize = nodeSize
        self.boxes = boxes
        self.itemIndices = PackedIndices(itemIndices)
        self.searchBlocks = searchCopy ? Self.makeSearchBlocks(boxes, items: self.itemIndices, layout: layout, nodeSize: nodeSize) : nil
        self.levelStarts = layout.levelStarts
        self.itemSpans = layout.itemSpans
    }

    private static func makeSearchBlocks(_ boxes: BoxArray, items: PackedIndices, layout: PackedLayout, nodeSize: Int) -> SearchBlocks? {
        guard case .float64(let a) = boxes else { return nil }
        return a.withUnsafeBufferPointer {
            SearchBlocks(boxes: $0, items: items, levelStarts: layout.levelStarts, nodeSize: nodeSize)
        }
    }

    /// The box containing every item, or `BoundingBox/empty` for an empty tree (with
    /// Float32 storage, rounded outward).
    public var bounds: BoundingBox {
        guard let last = levelStarts.last, last > 0 else { return .empty }
        return boxes.box(at: last - 1)
    }

    /// The stored box of item `index` (rounded outward with Float32 storage), found in O(n);
    /// `nil` when `index` is out of range.
    public func box(ofItem index: Int) -> BoundingBox? {
        guard index >= 0, index < count, let slot = itemIndices.slot(of: index) else { return nil }
        return boxes.box(at: slot)
    }

    /// The number of levels including the item level (0 for an empty tree).
    public var levelCount: Int { max(0, levelStarts.count - 1) }

    /// Bytes held by the tree's arrays (boxes of all nodes plus item indices, each index in the
    /// fewest bits that hold `count - 1`, plus the Float32 search blocks where the tree has
    /// them), excluding the fixed-size struct itself.
    public var byteCount: Int {
        boxes.byteCount + itemIndices.byteCount + (searchBlocks?.byteCount ?? 0)
            + (levelStarts.count + itemSpans.count) * MemoryLayout<Int>.stride
    }

    /// The child slots of inner node `node` at `level >= 1`.
    @inlinable
    func children(ofNode node: Int, level: Int) -> Range<Int> {
        let start = levelStarts[level - 1] + (node - levelStarts[level]) * nodeSize
        return start..<min(start + nodeSize, levelStarts[level])
    }
}

/// Node counts per level for a packed tree.
struct PackedLayout {
    var levelStarts: [Int] = []
    var itemSpans: [Int] = []

    init(count: Int, nodeSize: Int) {
        guard count > 0 else { return }
        var n = count
        var total = count
        var span = 1
        levelStarts = [0, count]
        itemSpans = [1]
        repeat {
            n = (n + nodeSize - 1) / nodeSize
            total += n
            span = span.multipliedReportingOverflow(by: nodeSize).overflow ? Int.max : span * nodeSize
            levelStarts.append(total)
            itemSpans.append(span)
        } while n != 1
    }
}

/// Asks the kernel to back the whole 2 MiB pages inside `region` with transparent huge pages
/// (Linux; a hint that changes no content and no size). The node boxes of a large tree are read
/// at scattered places by every query: with 4 KiB pages most of those reads also miss the TLB.
/// Regions under 4 MiB are left alone.
private func adviseHugePages(_ region: UnsafeMutableRawBufferPointer) {
    #if os(Linux)
    let huge = 2 << 20
    guard region.count >= 2 * huge, let base = region.baseAddress else { return }
    let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
    let end = (Int(bitPattern: base) + region.count) & ~(huge - 1)
    if end > start, let p = UnsafeMutableRawPointer(bitPattern: start) {
        _ = madvise(p, end - start, MADV_HUGEPAGE)
    }
    #endif
}

/// Checks every box and returns their union.
private func validatedExtent(_ p: UnsafeBufferPointer<Double>, count: Int) throws(GeoIndexError) -> BoundingBox {
    var e = BoundingBox.empty
    for i in 0..<count {
        let x0 = p[4 * i], y0 = p[4 * i + 1], x1 = p[4 * i + 2], y1 = p[4 * i + 3]
        guard x0.isFinite, y0.isFinite, x1.isFinite, y1.isFinite else { throw .nonFiniteBox(index: i) }
        guard x0 <= x1, y0 <= y1 else { throw .invertedBox(index: i) }
        if x0 < e.minX { e.minX = x0 }
        if y0 < e.minY { e.minY = y0 }
        if x1 > e.maxX { e.maxX = x1 }
        if y1 > e.maxY { e.maxY = y1 }
    }
    return e
}

/// Writes the item boxes in tree order, then fills each upper level with the union of its
/// children, as `S` (rounded outward when `S` is narrower than Double).
private func packBoxes<S: StoredScalar>(_ flat: [Double], indices: ContiguousArray<UInt32>,
                                        layout: PackedLayout, as: S.Type) -> ContiguousArray<S> {
    let n = indices.count
    guard let total = layout.levelStarts.last else { return [] }
    var out = ContiguousArray<S>(unsafeUninitializedCapacity: total * 4) { buffer, initialized in
        let all = UnsafeMutableBufferPointer(rebasing: buffer[0..<(total * 4)])
        // Before the first write, so the pages are mapped large from the start.
        adviseHugePages(UnsafeMutableRawBufferPointer(all))
        all.initialize(repeating: 0)
        initialized = total * 4
    }
    out.withUnsafeMutableBufferPointer { dst in
        flat.withUnsafeBufferPointer { src in
            indices.withUnsafeBufferPointer { idx in
                // The reads jump around the input (tree order is not input order): ask for
                // the box a few items ahead, so those misses overlap.
                let ahead = 16
                for i in 0..<n {
                    if i + ahead < n { prefetchLines(src.baseAddress.unsafelyUnwrapped + Int(idx[i + ahead]) * 4, bytes: 32) }
                    let s = Int(idx[i]) * 4
                    dst[4 * i] = S.roundedDown(src[s])
                    dst[4 * i + 1] = S.roundedDown(src[s + 1])
                    dst[4 * i + 2] = S.roundedUp(src[s + 2])
                    dst[4 * i + 3] = S.roundedUp(src[s + 3])
                }
            }
        }
        let nodeSize = layout.itemSpans.count > 1 ? layout.itemSpans[1] : 1
        for level in 1..<(layout.levelStarts.count - 1) {
            let childStart = layout.levelStarts[level - 1], childEnd = layout.levelStarts[level]
            var node = layout.levelStarts[level]
            var c = childStart
            while c < childEnd {
                let end = min(c + nodeSize, childEnd)
                var x0 = dst[4 * c], y0 = dst[4 * c + 1], x1 = dst[4 * c + 2], y1 = dst[4 * c + 3]
                for k in (c + 1)..<end {
                    x0 = min(x0, dst[4 * k])
                    y0 = min(y0, dst[4 * k + 1])
                    x1 = max(x1, dst[4 * k + 2])
                    y1 = max(y1, dst[4 * k + 3])
                }
                dst[4 * node] = x0
                dst[4 * node + 1] = y0
                dst[4 * node + 2] = x1
                dst[4 * node + 3] = y1
                node += 1
                c = end
            }
        }
    }
    return out
}
