import GeoCore

/// Point location in a layer of polygons: which feature covers a point, for millions of points.
///
/// Build it once from the geometries of a layer (feature `i` is `geometries[i]`); then
/// ``feature(x:y:)`` answers one point and ``locate(xs:ys:into:)`` a batch. The locator is
/// immutable and `Sendable`: share one between threads.
///
/// ```swift
/// let districts: [Geometry?] = layer.features.map(\.geometry)
/// let locator = try PolygonLocator(districts)
/// if let i = locator.feature(x: 127.02, y: 37.50) { print(layer.features[i].fid) }
///
/// var winners = [Int32](repeating: -1, count: xs.count)   // -1: no feature covers the point
/// xs.withUnsafeBufferPointer { xs in
///     ys.withUnsafeBufferPointer { ys in
///         winners.withUnsafeMutableBufferPointer { locator.locate(xs: xs, ys: ys, into: $0) }
///     }
/// }
/// ```
///
/// **What covers a point.** The rule is GeoCore's `Polygon/covers(_:)`, exactly (the same
/// arithmetic, so the same answer on every double): even-odd parity with the half-open crossing
/// rule (a ring wound twice over an area encloses none of it, a bow-tie encloses both loops), a
/// point on an edge or vertex of the exterior is covered, a point inside the exterior is
/// uncovered by the first hole, in order, that holds it inside and covered by the first that
/// holds it on its ring; a multipolygon covers what any of its parts covers. Rings need not be
/// closed; rings of one or two positions enclose nothing but cover the points on them.
/// Polygons with an empty exterior and geometries of other kinds (points, lines, collections,
/// nil) cover nothing.
///
/// **Which feature wins.** Where several features cover a point (a shared edge or vertex, an
/// overlap such as a city drawn over its districts) the winner has the lowest `rank`, then the
/// lowest feature index, so the answer is deterministic and independent of thread or order.
///
/// **How.** A uniform answer grid over the layer's extent (at most `gridSide` cells a side,
/// 2 bytes a cell) stores, for every cell no edge touches, the winner of the whole cell, so most
/// points cost one array read. Points in cells an edge touches go to a packed R-tree over the
/// boxes of the polygon parts, and each candidate part is decided by an even-odd test over only
/// the edges of one horizontal band of that part. Batch queries allocate nothing per point.
///
/// **Limits.** Up to `Int32.max - 1` features, parts and vertices. Grid cells hold 16-bit
/// answers: in a layer of more than 65,533 features, regions won by the higher-numbered features
/// are resolved exactly instead of from the grid (correct, slower).
public struct PolygonLocator: Sendable {
    /// The number of features (the length of the geometry array given).
    public let featureCount: Int
    /// The number of polygon parts indexed (a multipolygon contributes one per non-empty part).
    public var partCount: Int { parts.count }

    private let parts: PolygonLocatorBands
    private let partFeature: [Int32]
    private let rank: [Int]
    private let tree: PackedRTree
    private let grid: PolygonLocatorGrid

    /// Builds the locator.
    ///
    /// - Parameters:
    ///   - geometries: feature `i`'s geometry is `geometries[i]`; polygons and multipolygons
    ///     are indexed, anything else (and nil) covers nothing.
    ///   - rank: one value per feature, or nil for all equal; where features overlap, the lower
    ///     rank wins, then the lower index.
    ///   - gridSide: cells along the longer side of the answer grid, `0...16384` (default
    ///     2048, 8 MB at most); 0 resolves every point exactly.
    /// - Throws: ``PolygonLocatorError`` for a rank array of the wrong length, a non-finite
    ///   coordinate, a bad grid side or a layer too large to address.
    /// - Complexity: O(v + g) for v vertices and g grid cells, plus one exact query per region
    ///   of edge-free cells.
    public init(_ geometries: [Geometry?], rank: [Int]? = nil, gridSide: Int = 2048) throws(PolygonLocatorError) {
        if let rank, rank.count != geometries.count {
            throw .rankCountMismatch(ranks: rank.count, features: geometries.count)
        }
        guard (0...16384).contains(gridSide) else { throw .invalidGridSide(gridSide) }
        guard geometries.count < Int(Int32.max) else { throw .tooLarge("features") }
        var set = PolygonLocatorBands()
        var owner: [Int32] = []
        for (i, g) in geometries.enumerated() {
            let polygons: [Polygon] = switch g {
            case .polygon(let p)?: [p]
            case .multiPolygon(let mp)?: mp.polygons
            default: []
            }
            for p in polygons where !p.exterior.isEmpty {
                do {
                    try set.append(p)
                } catch .nonFinite {
                    throw .nonFiniteCoordinate(feature: i)
                } catch {
                    throw .tooLarge("vertices")
                }
                owner.append(Int32(i))
            }
        }
        guard owner.count < Int(Int32.max) else { throw .tooLarge("polygon parts") }
        let ranks = rank ?? [Int](repeating: 0, count: geometries.count)
        let tree: PackedRTree
        do {
            tree = try PackedRTree(boxes: set.boxes)
        } catch {
            // Every box is finite and ordered (coordinates were checked), so only size remains.
            throw .tooLarge("polygon parts")
        }
        featureCount = geometries.count
        parts = set
        partFeature = owner
        self.rank = ranks
        self.tree = tree
        let extent = set.boxes.reduce(BoundingBox.empty) { $0.union($1) }
        grid = PolygonLocatorGrid(extent: extent, edges: set, maxSide: gridSide) { x, y in
            Self.winner(x: x, y: y, tree: tree, parts: set, partFeature: owner, rank: ranks)
        }
    }

    /// The winning feature covering `(x, y)`, or nil when none covers it (or a coordinate is NaN).
    @inlinable
    public func feature(at point: Coordinate) -> Int? { feature(x: point.x, y: point.y) }

    /// The winning feature covering `(x, y)`: among the features whose polygons cover the point
    /// (boundary included), the lowest rank, then the lowest index; nil when none does (or a
    /// coordinate is NaN).
    public func feature(x: Double, y: Double) -> Int? {
        let cell = grid.lookup(x: x, y: y)
        if cell < PolygonLocatorGrid.mixed { return Int(cell) }
        if cell == PolygonLocatorGrid.none { return nil }
        let f = exactWinner(x: x, y: y)
        return f < 0 ? nil : f
    }

    /// Every feature covering `(x, y)`, winner first (ascending rank, then index); empty when
    /// none does. `features(x:y:).first == feature(x:y:)`.
    public func features(x: Double, y: Double) -> [Int] {
        guard grid.lookup(x: x, y: y) != PolygonLocatorGrid.none else { return [] }
        var found: [Int] = []
        tree.forEachItem(containingX: x, y: y) { part in
            let f = Int(partFeature[part])
            if !found.contains(f) && parts.covers(part, x: x, y: y) { found.append(f) }
        }
        return found.sorted { (rank[$0], $0) < (rank[$1], $1) }
    }

    /// Batch ``feature(x:y:)``: writes the winning feature of point `i` (`xs[i]`, `ys[i]`), or
    /// -1 when none covers it, to `out[i]`. The three buffers must have the same length.
    /// Nothing is allocated per point.
    public func locate(xs: UnsafeBufferPointer<Double>, ys: UnsafeBufferPointer<Double>,
                       into out: UnsafeMutableBufferPointer<Int32>) {
        precondition(xs.count == ys.count && xs.count == out.count, "xs, ys and out must have the same length")
        grid.withLookup { cell in
            for i in 0..<xs.count {
                out[i] = answer(cell, xs[i], ys[i])
            }
        }
    }

    /// Batch ``feature(x:y:)`` over the points `indices` of `xs`/`ys` only: writes the winning
    /// feature (or -1) of point `i` to `out[i]` for each `i` in `indices`, leaving the other
    /// entries of `out` alone. `xs`, `ys` and `out` must have the same length and every index
    /// must be in range.
    public func locate(xs: UnsafeBufferPointer<Double>, ys: UnsafeBufferPointer<Double>,
                       indices: UnsafeBufferPointer<Int32>, into out: UnsafeMutableBufferPointer<Int32>) {
        precondition(xs.count == ys.count && xs.count == out.count, "xs, ys and out must have the same length")
        grid.withLookup { cell in
            for k in indices {
                let i = Int(k)
                out[i] = answer(cell, xs[i], ys[i])
            }
        }
    }

    /// Batch ``feature(x:y:)`` over arrays: the winning feature of each point, -1 for none.
    /// Pairs up `xs` and `ys` to the shorter length.
    public func locate(xs: [Double], ys: [Double]) -> [Int32] {
        let n = min(xs.count, ys.count)
        return [Int32](unsafeUninitializedCapacity: n) { out, count in
            xs.withUnsafeBufferPointer { xs in
                ys.withUnsafeBufferPointer { ys in
                    locate(xs: UnsafeBufferPointer(rebasing: xs[0..<n]), ys: UnsafeBufferPointer(rebasing: ys[0..<n]),
                           into: out)
                }
            }
            count = n
        }
    }

    /// The answer of one point through a grid lookup, exact where the grid cannot say.
    @inline(__always)
    private func answer(_ cell: PolygonLocatorGrid.Lookup, _ x: Double, _ y: Double) -> Int32 {
        let c = cell(x, y)
        if c < PolygonLocatorGrid.mixed { return Int32(truncatingIfNeeded: c) }
        if c == PolygonLocatorGrid.none { return -1 }
        return Int32(truncatingIfNeeded: exactWinner(x: x, y: y))
    }

    /// The winner without the grid: the R-tree's candidate parts, each decided exactly; -1 for none.
    @inline(never)
    func exactWinner(x: Double, y: Double) -> Int {
        Self.winner(x: x, y: y, tree: tree, parts: parts, partFeature: partFeature, rank: rank)
    }

    private static func winner(x: Double, y: Double, tree: PackedRTree, parts: PolygonLocatorBands,
                               partFeature: [Int32], rank: [Int]) -> Int {
        var best = -1
        tree.forEachItem(containingX: x, y: y) { part in
            let f = Int(partFeature[part])
            if best >= 0 && (rank[best], best) <= (rank[f], f) { return }
            if parts.covers(part, x: x, y: y) { best = f }
        }
        return best
    }
}
