import GeoCore
internal import CBoxLanes
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The node boxes of a Float64 ``PackedRTree`` once more, for window searches: as Float32 rounded
/// outward, and grouped by parent. The children of one node are one *block*, stored as groups
/// of 16 lanes `[minX × 16][minY × 16][maxX × 16][maxY × 16]` (256 bytes, four cache lines,
/// 64-byte aligned), so one query tests 16 children with a few vector compares and reads half
/// the bytes of the Float64 boxes. Lanes past a level's last node hold NaN, which no compare
/// accepts.
///
/// A Float32 box contains its Float64 box, so a Float32 miss is a true miss. Only when the
/// window's edge lies within one Float32 step of a box edge does the Float32 compare leave the
/// answer open; the search then asks the exact Float64 box (see ``PackedRTree`` search), so the
/// hits are exactly those of the Float64 boxes, in the same order.
///
/// A block of the item level ends with the original indices of its items (`UInt32`, 64 bytes
/// for 16 items), so a hit's index comes from the lines the search has just read.
///
/// Built for node sizes that are multiples of 16; block `b` of level `l` holds the nodes
/// `b * nodeSize ..< (b + 1) * nodeSize` of that level (positions counted from the level's
/// first node), which are the children of node `b` of level `l + 1`.
final class SearchBlocks: @unchecked Sendable {
    /// Bytes of one group of 16 lanes.
    static let groupBytes = 256
    /// 64-byte aligned, never written after `init`.
    let base: UnsafeMutableRawPointer
    /// Bytes allocated.
    let byteCount: Int
    /// Byte offset of the first block of each level below the root (`levelOffsets[l]`, `l` from 0).
    let levelOffsets: [Int]
    /// Bytes of one block (`nodeSize / 16` groups).
    let blockBytes: Int
    /// Bytes of one block of the item level: its groups, then the original index of each of
    /// its items as `UInt32` (the search reads a hit's index from the lines it just read).
    let leafBlockBytes: Int

    /// Copies the Float64 node boxes `boxes` (items first, root last, laid out by `levelStarts`)
    /// into blocks; `nil` when `nodeSize` is not a multiple of 16 or the tree is empty.
    init?(boxes: UnsafeBufferPointer<Double>, items: PackedIndices, levelStarts: [Int], nodeSize: Int) {
        guard nodeSize % 16 == 0, levelStarts.count >= 3 else { return nil }
        let levels = levelStarts.count - 2  // every level but the root's
        let blockBytes = nodeSize / 16 * Self.groupBytes
        let leafBlockBytes = blockBytes + nodeSize * 4
        var offsets = [Int]()
        var total = 0
        for l in 0..<levels {
            offsets.append(total)
            let nodes = levelStarts[l + 1] - levelStarts[l]
            total += (nodes + nodeSize - 1) / nodeSize * (l == 0 ? leafBlockBytes : blockBytes)
        }
        var raw: UnsafeMutableRawPointer?
        // Cache-line aligned. Not advised onto huge pages: measured, that made the searches
        // about 5% faster but a second tree's build in a process up to 100 ms slower, at random
        // (the first touch of fresh 2 MiB pages right after another process freed its memory).
        guard posix_memalign(&raw, 64, max(total, 64)) == 0, let base = raw else { return nil }
        let lanes = base.bindMemory(to: Float.self, capacity: total / 4)
        let groupsPerBlock = nodeSize / 16
        for l in 0..<levels {
            let first = levelStarts[l], nodes = levelStarts[l + 1] - first
            let stride = l == 0 ? leafBlockBytes : blockBytes
            for b in 0..<((nodes + nodeSize - 1) / nodeSize) {
                // Group by group, each written whole (four runs of 16 floats, one after another).
                var group = lanes + (offsets[l] + b * stride) / 4
                for g in 0..<groupsPerBlock {
                    for j in 0..<16 {
                        let r = b * nodeSize + 16 * g + j
                        if r < nodes {
                            let s = 4 * (first + r)
                            group[j] = Float.roundedDown(boxes[s])
                            group[16 + j] = Float.roundedDown(boxes[s + 1])
                            group[32 + j] = Float.roundedUp(boxes[s + 2])
                            group[48 + j] = Float.roundedUp(boxes[s + 3])
                        } else {
                            (group + j).initialize(to: .nan)
                            (group + 16 + j).initialize(to: .nan)
                            (group + 32 + j).initialize(to: .nan)
                            (group + 48 + j).initialize(to: .nan)
                        }
                    }
                    group += 64
                }
                if l == 0 {
                    // The original indices of the block's items (0 past the last item).
                    let slots = (base + b * leafBlockBytes + blockBytes).bindMemory(to: UInt32.self, capacity: nodeSize)
                    items.withReader { r in
                        for j in 0..<nodeSize {
                            let s = b * nodeSize + j
                            slots[j] = s < nodes ? UInt32(truncatingIfNeeded: r[s]) : 0
                        }
                    }
                }
            }
        }
        self.base = base
        self.leafBlockBytes = leafBlockBytes
        self.byteCount = total
        self.levelOffsets = offsets
        self.blockBytes = blockBytes
    }

    deinit { free(base) }

    /// The first byte of block `block` of level `level` (at least 1).
    @inline(__always)
    func block(_ block: Int, level: Int) -> UnsafeRawPointer {
        UnsafeRawPointer(base) + levelOffsets[level] + block &* blockBytes
    }

    /// The first byte of block `block` of the item level.
    @inline(__always)
    func leafBlock(_ block: Int) -> UnsafeRawPointer {
        UnsafeRawPointer(base) + block &* leafBlockBytes
    }

    /// The original indices of the items of block `block` of the item level, stored after its boxes.
    @inline(__always)
    func leafItems(_ block: Int) -> UnsafePointer<UInt32> {
        (leafBlock(block) + blockBytes).assumingMemoryBound(to: UInt32.self)
    }
}

/// A query window against 16 Float32 lanes at once: the window's limits rounded to Float so
/// that each Float compare says exactly what the Float64 compare of the stored (outward-rounded)
/// box would, and the strict forms that settle whether the true box (inside its Float box by
/// less than one Float step) surely meets the window or may lie inside it.
struct BlockWindow {
    private var limits: gt_lane_window

    init(_ q: BoundingBox) {
        // `f <= maxX` exactly when `f <= maxX rounded down`; `f >= minX` likewise rounded up.
        let x1 = Float.roundedDown(q.maxX), y1 = Float.roundedDown(q.maxY)
        let x0 = Float.roundedUp(q.minX), y0 = Float.roundedUp(q.minY)
        limits = gt_lane_window(hx: x1, hy: y1, lx: x0, ly: y0,
                                hx_out: x1.nextUp, hy_out: y1.nextUp, lx_out: x0.nextDown, ly_out: y0.nextDown)
    }

    /// The lanes of a group as bit masks (bit `j` for lane `j`).
    struct Lanes {
        /// The Float box meets the window (the true box may).
        var maybe: UInt32
        /// The true box surely meets the window. A true minimum lies in `[f, f.nextUp)` for its
        /// Float `f`, so it is surely below the window's maximum when `f < maxX rounded down`;
        /// likewise for the maxima.
        var sure: UInt32
    }

    /// Which lanes of the group at `p` (16-byte aligned) meet the window.
    @inline(__always)
    func meets(_ p: UnsafeRawPointer) -> Lanes {
        withUnsafePointer(to: limits) { w in
            let bits = UInt32(truncatingIfNeeded: gt_lanes_test(p.assumingMemoryBound(to: Float.self), w, 0))
            return Lanes(maybe: bits & 0xFFFF, sure: bits >> 16)
        }
    }

    /// Which lanes of the group at `p` meet the window, and which lie inside it: `inside`
    /// surely, `insideOpen` inside or not (the Float box reaches at most one Float step past the
    /// window), to be settled on the Float64 box. Both only among the lanes that may meet it.
    @inline(__always)
    func meetsAndInside(_ p: UnsafeRawPointer) -> (meet: Lanes, inside: UInt32, insideOpen: UInt32) {
        withUnsafePointer(to: limits) { w in
            let bits = gt_lanes_test(p.assumingMemoryBound(to: Float.self), w, 1)
            let maybe = UInt32(truncatingIfNeeded: bits) & 0xFFFF
            let inside = UInt32(truncatingIfNeeded: bits >> 32) & 0xFFFF & maybe
            let open = UInt32(truncatingIfNeeded: bits >> 48) & maybe & ~inside
            return (Lanes(maybe: maybe, sure: UInt32(truncatingIfNeeded: bits >> 16) & 0xFFFF), inside, open)
        }
    }
}
