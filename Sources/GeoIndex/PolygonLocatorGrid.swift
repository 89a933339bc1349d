import GeoCore

/// A uniform grid over a layer's extent that stores, for every cell no polygon edge touches,
/// the answer shared by every point of the cell; cells an edge touches are marked to be
/// resolved exactly.
///
/// Why it is exact: a cell is edge-free when no edge's box meets the closed cell, so no ring
/// crosses it and every point in it is covered by the same features. Two edge-free cells side
/// by side have no ring between them either (it would touch both), so each 4-connected region
/// of edge-free cells has one answer, computed once at one cell centre. Cells are found with
/// the same arithmetic when marking edges and when looking points up, so a point is always
/// looked up in a cell its edges marked.
///
/// A cell holds 16 bits: a feature index below ``mixed``, ``none`` or ``mixed``. A region whose
/// winner is feature 65,534 or above is stored as ``mixed`` and resolved exactly: such layers
/// stay correct, only their high-numbered features lose the one-read fast path.
struct PolygonLocatorGrid: Sendable {
    /// No feature covers the cell.
    static let none: UInt16 = .max
    /// An edge touches the cell (or its winner does not fit in 16 bits): resolve exactly.
    static let mixed: UInt16 = .max - 1
    /// Not yet visited (during the build); never left in a finished grid.
    private static let unset: UInt16 = .max - 2

    private let minX: Double, minY: Double, maxX: Double, maxY: Double
    private let columns: Int
    private let rows: Int
    private let scaleX: Double
    private let scaleY: Double
    private let cells: [UInt16]
    /// One flag per block of 16 x 16 cells: false when every cell of the block is ``none``
    /// (open sea), so most misses are answered from this small, cache-resident array.
    private let occupied: [Bool]
    private let blockColumns: Int
    private static let blockShift = 4

    /// True when the grid has cells (a layer with an extent of positive width and height, and
    /// a side above zero); an empty grid answers ``mixed`` inside the extent.
    var isEmpty: Bool { cells.isEmpty }

    /// Builds the grid with at most `maxSide` cells along the longer side (2 bytes per cell);
    /// `answer(x, y)` gives the exact winning feature at a point, or -1 (called once per region
    /// of edge-free cells).
    init(extent: BoundingBox, edges: PolygonLocatorBands, maxSide: Int, answer: (Double, Double) -> Int) {
        minX = extent.minX; minY = extent.minY; maxX = extent.maxX; maxY = extent.maxY
        guard maxSide > 0, !extent.isEmpty, extent.width > 0, extent.height > 0 else {
            columns = 0; rows = 0; scaleX = 0; scaleY = 0; cells = []; occupied = []; blockColumns = 0
            return
        }
        let w = extent.width, h = extent.height
        let cols = w >= h ? maxSide : max(1, Int((Double(maxSide) * w / h).rounded()))
        let rws = h >= w ? maxSide : max(1, Int((Double(maxSide) * h / w).rounded()))
        columns = cols
        rows = rws
        let sx = Double(cols) / w, sy = Double(rws) / h
        scaleX = sx
        scaleY = sy
        let x0 = extent.minX, y0 = extent.minY
        var grid = [UInt16](repeating: Self.unset, count: cols * rws)
        grid.withUnsafeMutableBufferPointer { grid in
            /// The cells a closed interval touches: a limit on a cell line touches both cells.
            func cellRange(_ lo: Double, _ hi: Double, _ origin: Double, _ scale: Double, _ n: Int) -> ClosedRange<Int> {
                // Clamped before conversion: hole edges may lie far outside the extent.
                let l = min(Double(n), max(-1, (lo - origin) * scale)), u = min(Double(n), max(-1, (hi - origin) * scale))
                let a = Int(l.rounded(.down)) - (l == l.rounded(.down) ? 1 : 0)
                let b = Int(u.rounded(.down))
                return max(0, a)...min(n - 1, max(0, b))
            }
            edges.forEachEdgeBox { box in
                let cx = cellRange(box.minX, box.maxX, x0, sx, cols), cy = cellRange(box.minY, box.maxY, y0, sy, rws)
                for r in cy { for c in cx { grid[r * cols + c] = Self.mixed } }
            }
            var stack: [Int] = []
            for start in 0..<grid.count where grid[start] == Self.unset {
                let r = start / cols, c = start % cols
                let f = answer(x0 + (Double(c) + 0.5) / sx, y0 + (Double(r) + 0.5) / sy)
                let value = f < 0 ? Self.none : (f < Int(Self.unset) ? UInt16(f) : Self.mixed)
                grid[start] = value
                stack.append(start)
                while let i = stack.popLast() {
                    let ic = i % cols
                    if i >= cols, grid[i - cols] == Self.unset { grid[i - cols] = value; stack.append(i - cols) }
                    if i + cols < grid.count, grid[i + cols] == Self.unset { grid[i + cols] = value; stack.append(i + cols) }
                    if ic > 0, grid[i - 1] == Self.unset { grid[i - 1] = value; stack.append(i - 1) }
                    if ic + 1 < cols, grid[i + 1] == Self.unset { grid[i + 1] = value; stack.append(i + 1) }
                }
            }
        }
        cells = grid
        let shift = Self.blockShift
        let bc = (cols >> shift) + 1, br = (rws >> shift) + 1
        var flags = [Bool](repeating: false, count: bc * br)
        for r in 0..<rws {
            for c in 0..<cols where grid[r * cols + c] != Self.none {
                flags[(r >> shift) * bc + (c >> shift)] = true
            }
        }
        occupied = flags
        blockColumns = bc
    }

    /// The stored answer of the cell holding `(x, y)`: a feature index, ``none``, or ``mixed``.
    /// Points outside the extent (and NaN) answer ``none``; an empty grid answers ``mixed``
    /// inside the extent.
    @inline(__always)
    func lookup(x: Double, y: Double) -> UInt16 {
        guard x >= minX, x <= maxX, y >= minY, y <= maxY else { return Self.none }
        guard !cells.isEmpty else { return Self.mixed }
        let c = min(columns - 1, Int((x - minX) * scaleX))
        let r = min(rows - 1, Int((y - minY) * scaleY))
        guard occupied[(r >> Self.blockShift) * blockColumns + (c >> Self.blockShift)] else { return Self.none }
        return cells[r * columns + c]
    }

    /// Runs `body` with a lookup that reads the grid through captured pointers (the batch path).
    @inline(__always)
    func withLookup<R>(_ body: (Lookup) -> R) -> R {
        cells.withUnsafeBufferPointer { cells in
            occupied.withUnsafeBufferPointer { occupied in
                body(Lookup(minX: minX, minY: minY, maxX: maxX, maxY: maxY, columns: columns, rows: rows,
                            scaleX: scaleX, scaleY: scaleY, blockColumns: blockColumns, cells: cells, occupied: occupied))
            }
        }
    }

    /// ``lookup(x:y:)`` over pointers valid inside ``withLookup(_:)``.
    struct Lookup {
        let minX: Double, minY: Double, maxX: Double, maxY: Double
        let columns: Int, rows: Int
        let scaleX: Double, scaleY: Double
        let blockColumns: Int
        let cells: UnsafeBufferPointer<UInt16>
        let occupied: UnsafeBufferPointer<Bool>

        @inline(__always)
        func callAsFunction(_ x: Double, _ y: Double) -> UInt16 {
            guard x >= minX, x <= maxX, y >= minY, y <= maxY else { return PolygonLocatorGrid.none }
            guard cells.count > 0 else { return PolygonLocatorGrid.mixed }
            let c = min(columns &- 1, Int((x - minX) * scaleX))
            let r = min(rows &- 1, Int((y - minY) * scaleY))
            let shift = PolygonLocatorGrid.blockShift
            guard occupied[(r &>> shift) &* blockColumns &+ (c &>> shift)] else { return PolygonLocatorGrid.none }
            return cells[r &* columns &+ c]
        }
    }
}
