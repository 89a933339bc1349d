import GeoCore

/// How coverage fractions are rounded before they are used.
public enum FractionPrecision: Sendable, Hashable {
    /// Exact fractions in `Double` (the default).
    case double
    /// Each ring's fraction rounded to `Float` and rings combined in `Float`, as exactextract
    /// stores them; use it to reproduce exactextract's statistics to the last digit.
    case float32
}

/// The exact share of each cell of a window covered by a polygonal geometry.
///
/// The fraction of a cell is the area of `cell ∩ polygon` divided by the cell's area, in [0, 1].
/// It is computed ring by ring with a signed-area accumulation: every ring edge is cut at row
/// and column lines, each piece adds the signed area between itself and the right edge of its
/// cell, and a prefix sum along each row turns those contributions into covered areas. Holes
/// subtract. Cost: O(number of edge-cell crossings + cells of the ring's bounding window).
/// Because affine maps keep area ratios, rotated grids are handled like north-up ones.
/// Fractions within 1e-10 of 0 or 1 are snapped to 0 or 1 (rounding noise).
public struct CoverageFractions: Sendable {
    /// The cells the fractions cover, in the grid's cells.
    public let window: RasterWindow
    /// Row-major fractions, `window.rows * window.cols` values.
    public var fractions: ContiguousArray<Double>

    /// The fraction of cell (`row`, `col`) of the window (window-relative indices).
    @inlinable
    public subscript(row: Int, col: Int) -> Double { fractions[row * window.cols + col] }

    /// The sum of fractions times the cell area: the covered area in squared CRS units.
    public func coveredArea(cellArea: Double) -> Double { fractions.reduce(0, +) * cellArea }

    /// Computes the fractions of `geometry` (a polygon, multipolygon, or a collection of them) on
    /// `grid`. Returns `nil` when the geometry misses the grid or is empty. Throws
    /// ``RasterError/unsupportedGeometry(_:)`` for points and lines.
    public static func compute(_ geometry: Geometry, grid: RasterGrid,
                               precision: FractionPrecision = .double) throws(RasterError) -> CoverageFractions? {
        var polygons: [Polygon] = []
        try collectPolygons(geometry, into: &polygons)
        guard let window = grid.window(covering: geometry.boundingBox) else { return nil }
        var result = CoverageFractions(window: window,
                                       fractions: ContiguousArray(repeating: 0, count: window.rows * window.cols))
        var scratch = RingAccumulator()
        for polygon in polygons {
            for (i, ring) in polygon.rings.enumerated() {
                scratch.add(ring: ring, grid: grid, window: window, sign: i == 0 ? 1 : -1,
                            precision: precision, into: &result.fractions)
            }
        }
        return result
    }

    static func collectPolygons(_ g: Geometry, into out: inout [Polygon]) throws(RasterError) {
        switch g {
        case .polygon(let p): out.append(p)
        case .multiPolygon(let m): out.append(contentsOf: m.polygons)
        case .geometryCollection(let c):
            for child in c.geometries { try collectPolygons(child, into: &out) }
        case .point, .multiPoint, .lineString, .multiLineString:
            throw .unsupportedGeometry("coverage fractions need polygons, got \(g.kind.rawValue)")
        }
    }
}

/// Scratch state for one ring's signed-area accumulation; reused across rings.
struct RingAccumulator {
    private var us: [Double] = []
    private var vs: [Double] = []
    private var acc: [Double] = []

    /// Adds `sign *` the ring's coverage of each window cell to `out` (window-sized, row-major).
    mutating func add(ring: [Coordinate], grid: RasterGrid, window: RasterWindow, sign: Double,
                      precision: FractionPrecision, into out: inout ContiguousArray<Double>) {
        guard ring.count >= 3 else { return }
        us.removeAll(keepingCapacity: true)
        vs.removeAll(keepingCapacity: true)
        let c0 = Double(window.colOffset), r0 = Double(window.rowOffset)
        var maxU = -Double.infinity, minV = Double.infinity, maxV = -Double.infinity
        for p in ring {
            let (u, v) = grid.inverse.cell(x: p.x, y: p.y)
            let lu = u - c0, lv = v - r0
            guard lu.isFinite, lv.isFinite else { return }
            us.append(lu)
            vs.append(lv)
            maxU = max(maxU, lu); minV = min(minV, lv); maxV = max(maxV, lv)
        }
        if us[0] != us[us.count - 1] || vs[0] != vs[vs.count - 1] {
            us.append(us[0])
            vs.append(vs[0])
        }
        var twiceArea = 0.0
        for i in 0..<(us.count - 1) { twiceArea += us[i] * vs[i + 1] - us[i + 1] * vs[i] }
        guard twiceArea != 0, twiceArea.isFinite else { return }
        // Ring window (window-relative), clipped to the window. Columns are accumulated from 0 so
        // that pieces left of the window land in column 0; pieces right of it are dropped.
        let W = window.cols, H = window.rows
        let ra = floorIndex(minV, 0, H), rb = ceilIndex(maxV, 0, H)
        guard rb > ra else { return }
        let lastCol = ceilIndex(maxU, 0, W)
        let rows = rb - ra
        let accWidth = lastCol + 1
        acc.removeAll(keepingCapacity: true)
        acc.append(contentsOf: repeatElement(0.0, count: rows * accWidth))
        let colLimit = Double(lastCol)
        acc.withUnsafeMutableBufferPointer { a in
            for i in 0..<(us.count - 1) {
                accumulateSegment(us[i], vs[i], us[i + 1], vs[i + 1], rowStart: ra, rowEnd: rb,
                                  colLimit: colLimit, width: accWidth, acc: a)
            }
        }
        let orient: Double = twiceArea > 0 ? -1 : 1
        let usedCols = lastCol
        acc.withUnsafeBufferPointer { a in
            out.withUnsafeMutableBufferPointer { o in
                for r in 0..<rows {
                    var running = 0.0
                    let base = r * accWidth
                    let outBase = (r + ra) * W
                    for c in 0..<usedCols {
                        running += a[base + c]
                        var f = running * orient
                        if f < 1e-10 { continue }
                        if f > 1 - 1e-10 { f = 1 }
                        switch precision {
                        case .double: o[outBase + c] += sign * f
                        case .float32: o[outBase + c] = Double(Float(o[outBase + c]) + Float(sign * f))
                        }
                    }
                }
            }
        }
    }
}

/// Adds one directed segment's signed-area contributions to `acc` (rows `rowStart..<rowEnd` of
/// the window, relative row `r - rowStart`, `width` columns; pieces left of column 0 are clamped
/// onto it and pieces right of `colLimit` are dropped).
@inline(__always)
private func accumulateSegment(_ u0: Double, _ v0: Double, _ u1: Double, _ v1: Double,
                               rowStart: Int, rowEnd: Int, colLimit: Double, width: Int,
                               acc: UnsafeMutableBufferPointer<Double>) {
    if v0 == v1 { return }
    let dir: Double = v1 > v0 ? 1 : -1
    let vlo = min(v0, v1), vhi = max(v0, v1)
    let firstRow = floorIndex(vlo, rowStart, rowEnd)
    let lastRow = ceilIndex(vhi, rowStart, rowEnd) - 1
    if firstRow > lastRow { return }
    let dudv = (u1 - u0) / (v1 - v0)
    for r in firstRow...lastRow {
        let rv = Double(r)
        let va = max(vlo, rv), vb = min(vhi, rv + 1)
        if vb <= va { continue }
        let ua = va == v0 ? u0 : (va == v1 ? u1 : u0 + (va - v0) * dudv)
        let ub = vb == v0 ? u0 : (vb == v1 ? u1 : u0 + (vb - v0) * dudv)
        let rowBase = (r - rowStart) * width
        accumulatePiece(ua, va, ub, vb, dir: dir, colLimit: colLimit, rowBase: rowBase, width: width, acc: acc)
    }
}

/// Splits a piece lying within one row band at column lines and adds its contributions.
@inline(__always)
private func accumulatePiece(_ ua: Double, _ va: Double, _ ub: Double, _ vb: Double, dir: Double,
                             colLimit: Double, rowBase: Int, width: Int,
                             acc: UnsafeMutableBufferPointer<Double>) {
    let uLo = min(ua, ub), uHi = max(ua, ub)
    let vAtLo = ua <= ub ? va : vb, vAtHi = ua <= ub ? vb : va
    let kFirst = max(uLo.rounded(.down) + 1, 0)
    let kLast = min(uHi.rounded(.up) - 1, colLimit)
    if kFirst > kLast {
        addSubPiece(uLo, uHi, dy: dir * (vb - va), colLimit: colLimit, rowBase: rowBase, acc: acc)
        return
    }
    let dvdu = (vAtHi - vAtLo) / (uHi - uLo)
    var uPrev = uLo, vPrev = vAtLo
    var k = kFirst
    while k <= kLast {
        let vk = vAtLo + (k - uLo) * dvdu
        addSubPiece(uPrev, k, dy: dir * abs(vk - vPrev), colLimit: colLimit, rowBase: rowBase, acc: acc)
        uPrev = k
        vPrev = vk
        k += 1
    }
    addSubPiece(uPrev, uHi, dy: dir * abs(vAtHi - vPrev), colLimit: colLimit, rowBase: rowBase, acc: acc)
}

/// Adds the contribution of a piece spanning `[uStart, uEnd]` inside one column.
@inline(__always)
private func addSubPiece(_ uStart: Double, _ uEnd: Double, dy: Double, colLimit: Double, rowBase: Int,
                         acc: UnsafeMutableBufferPointer<Double>) {
    if dy == 0 { return }
    let mid = 0.5 * (uStart + uEnd)
    if mid <= 0 {
        acc[rowBase] += dy
        return
    }
    if mid >= colLimit { return }
    let col = min(mid.rounded(.down), colLimit - 1)
    let x = mid - col
    let c = rowBase + Int(col)
    acc[c] += dy * (1 - x)
    acc[c + 1] += dy * x
}
