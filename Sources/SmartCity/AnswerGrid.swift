import GeoCore

/// A uniform grid over a layer's extent that stores, for every cell no polygon edge touches,
/// the answer shared by every point of the cell; cells an edge touches are marked to be
/// resolved exactly.
///
/// Why it is exact: a cell is edge-free when no edge's box meets the closed cell, so no
/// boundary crosses it and every point in it is covered by the same polygons. Two edge-free
/// cells side by side have no boundary between them either (it would touch both), so each
/// 4-connected region of edge-free cells has one answer, computed once at one cell centre.
struct AnswerGrid: Sendable {
    /// No feature covers the cell.
    static let none: Int16 = -1
    /// An edge touches the cell: resolve the point exactly.
    static let mixed: Int16 = -2
    /// Not yet visited (during the build).
    private static let unset = Int16.min

    private let extent: BoundingBox
    private let columns: Int
    private let rows: Int
    private let scaleX: Double
    private let scaleY: Double
    private let cells: [Int16]
    /// One flag per block of `blockSide` x `blockSide` cells: false when every cell of the block
    /// is ``none`` (open sea), so most misses are answered from this small, cache-resident array.
    private let occupied: [Bool]
    private let blockColumns: Int
    private static let blockShift = 4

    /// Builds the grid with at most `maxSide` cells along the longer side (2 bytes per cell);
    /// `answer(x, y)` computes the exact answer at a point (called once per region of edge-free
    /// cells). Layers of more than 32,767 features must not use a grid.
    init(extent: BoundingBox, edges: BandedPolygonSet, maxSide: Int = 2048, answer: (Double, Double) -> Int16) {
        self.extent = extent
        guard !extent.isEmpty, extent.width > 0, extent.height > 0 else {
            columns = 0; rows = 0; scaleX = 0; scaleY = 0; cells = []; occupied = []; blockColumns = 0
            return
        }
        let w = extent.width, h = extent.height
        let cols = w >= h ? maxSide : max(1, Int((Double(maxSide) * w / h).rounded()))
        let rws = h >= w ? maxSide : max(1, Int((Double(maxSide) * h / w).rounded()))
        columns = cols
        rows = rws
        scaleX = Double(cols) / w
        scaleY = Double(rws) / h
        var grid = [Int16](repeating: AnswerGrid.unset, count: cols * rws)
        let sx = scaleX, sy = scaleY, x0 = extent.minX, y0 = extent.minY
        func cellRange(_ lo: Double, _ hi: Double, _ origin: Double, _ scale: Double, _ n: Int) -> ClosedRange<Int> {
            // A coordinate on a cell line touches both cells (closed cells).
            let a = Int(((lo - origin) * scale).rounded(.down)) - ((lo - origin) * scale == ((lo - origin) * scale).rounded(.down) ? 1 : 0)
            let b = Int(((hi - origin) * scale).rounded(.down))
            return max(0, a)...min(n - 1, max(0, b))
        }
        grid.withUnsafeMutableBufferPointer { grid in
            edges.forEachEdgeBox { box in
                let cx = cellRange(box.minX, box.maxX, x0, sx, cols), cy = cellRange(box.minY, box.maxY, y0, sy, rws)
                for r in cy { for c in cx { grid[r * cols + c] = AnswerGrid.mixed } }
            }
            // Flood fill each region of edge-free cells with the answer at its first cell, a
            // row run at a time: fill the run through a seed, then seed each unset run of the
            // rows above and below it (4-connected, so exactly the cells the region holds).
            let unset = AnswerGrid.unset
            var seeds: [Int] = []
            for start in grid.indices where grid[start] == unset {
                let r = start / cols, c = start % cols
                let value = answer(x0 + (Double(c) + 0.5) / sx, y0 + (Double(r) + 0.5) / sy)
                seeds.append(start)
                while let seed = seeds.popLast() {
                    guard grid[seed] == unset else { continue }
                    let row = seed / cols, base = row * cols
                    var lo = seed - base, hi = lo
                    while lo > 0 && grid[base + lo - 1] == unset { lo -= 1 }
                    while hi < cols - 1 && grid[base + hi + 1] == unset { hi += 1 }
                    for i in (base + lo)...(base + hi) { grid[i] = value }
                    for next in stride(from: row - 1, through: row + 1, by: 2) where next >= 0 && next < rws {
                        let nb = next * cols
                        var inRun = false
                        for i in (nb + lo)...(nb + hi) {
                            if grid[i] == unset {
                                if !inRun { seeds.append(i) }
                                inRun = true
                            } else {
                                inRun = false
                            }
                        }
                    }
                }
            }
        }
        cells = grid
        let shift = AnswerGrid.blockShift
        let bc = (cols >> shift) + 1, br = (rws >> shift) + 1
        var flags = [Bool](repeating: false, count: bc * br)
        grid.withUnsafeBufferPointer { grid in
            flags.withUnsafeMutableBufferPointer { flags in
                for r in 0..<rws {
                    let base = r * cols, flagBase = (r >> shift) * bc
                    for c in 0..<cols where grid[base + c] != AnswerGrid.none {
                        flags[flagBase + (c >> shift)] = true
                    }
                }
            }
        }
        occupied = flags
        blockColumns = bc
    }

    /// The stored answer of the cell holding `(x, y)`: a feature index, ``none``, or ``mixed``.
    /// Points outside the extent answer ``none``.
    @inline(__always)
    func lookup(x: Double, y: Double) -> Int16 {
        guard x >= extent.minX, x <= extent.maxX, y >= extent.minY, y <= extent.maxY, !cells.isEmpty else {
            return cells.isEmpty ? AnswerGrid.mixed : AnswerGrid.none
        }
        let c = min(columns - 1, Int((x - extent.minX) * scaleX))
        let r = min(rows - 1, Int((y - extent.minY) * scaleY))
        return cells[r * columns + c]
    }

    /// ``lookup(x:y:)`` for the points `indices` of `xs`/`ys`, written to `out` at the same indices.
    func lookup(_ xs: UnsafeBufferPointer<Double>, _ ys: UnsafeBufferPointer<Double>, indices: [Int32],
                into out: UnsafeMutableBufferPointer<Int32>) {
        guard !cells.isEmpty else {
            for i in indices { out[Int(i)] = Int32(AnswerGrid.mixed) }
            return
        }
        let x0 = extent.minX, y0 = extent.minY, x1 = extent.maxX, y1 = extent.maxY
        let sx = scaleX, sy = scaleY, cols = columns, rws = rows, bc = blockColumns, shift = AnswerGrid.blockShift
        cells.withUnsafeBufferPointer { cells in
            occupied.withUnsafeBufferPointer { occupied in
                for k in indices {
                    let i = Int(k)
                    let x = xs[i], y = ys[i]
                    if x >= x0 && x <= x1 && y >= y0 && y <= y1 {
                        let c = min(cols - 1, Int((x - x0) * sx))
                        let r = min(rws - 1, Int((y - y0) * sy))
                        out[i] = Int32(occupied[(r >> shift) * bc + (c >> shift)] ? cells[r * cols + c] : AnswerGrid.none)
                    } else {
                        out[i] = Int32(AnswerGrid.none)
                    }
                }
            }
        }
    }
}
