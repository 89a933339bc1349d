import GeoCore
import GeoIndex

/// Point location in one layer of (multi)polygons: an ``AnswerGrid`` answers the points of
/// cells no boundary touches (most of the sea and of the land) with one array read; elsewhere a
/// ``PackedRTree`` over the boxes of every polygon part finds candidates and
/// ``BandedPolygonSet`` decides exactly.
///
/// When several features cover a point (shared boundaries, a parent city drawn over its
/// districts) the winner is the feature with the lowest `rank`, then the lowest feature index;
/// the answer is therefore deterministic.
struct PolygonLayerIndex: Sendable {
    private let polygons: BandedPolygonSet
    private let partFeature: [Int32]
    private let rank: [Int32]
    private let tree: PackedRTree
    private let grid: AnswerGrid

    /// Builds the index. `geometries[i]` belongs to feature `i`; `rank[i]` orders overlapping
    /// features (lower wins). Non-polygon geometries are ignored.
    init(geometries: [Geometry?], rank: [Int32]) throws(KoreaAtlasError) {
        var set = BandedPolygonSet()
        var owner: [Int32] = []
        for (i, g) in geometries.enumerated() {
            let parts: [Polygon] = switch g {
            case .polygon(let p)?: [p]
            case .multiPolygon(let mp)?: mp.polygons
            default: []
            }
            for p in parts where !p.exterior.isEmpty {
                set.append(p)
                owner.append(Int32(i))
            }
        }
        polygons = set
        partFeature = owner
        self.rank = rank
        let tree: PackedRTree
        do {
            tree = try PackedRTree(boxes: set.boxes)
        } catch {
            throw .invalidGeodata("spatial index: \(error)")
        }
        self.tree = tree
        let extent = set.boxes.reduce(BoundingBox.empty) { $0.union($1) }
        guard geometries.count < Int(Int16.max) else {
            throw .invalidGeodata("a layer of \(geometries.count) features is too large for the answer grid")
        }
        grid = AnswerGrid(extent: extent, edges: set) { x, y in
            Int16(Self.exactFeature(x: x, y: y, tree: tree, polygons: set, partFeature: owner, rank: rank) ?? -1)
        }
    }

    /// The index of the winning feature covering `(x, y)`, or nil.
    @inline(__always)
    func feature(x: Double, y: Double) -> Int? {
        let cell = grid.lookup(x: x, y: y)
        if cell >= 0 { return Int(cell) }
        if cell == AnswerGrid.none { return nil }
        return Self.exactFeature(x: x, y: y, tree: tree, polygons: polygons, partFeature: partFeature, rank: rank)
    }

    /// ``feature(x:y:)`` for the points `indices` of `xs`/`ys`: writes the feature index (or -1)
    /// to `out` at the same indices.
    func features(_ xs: UnsafeBufferPointer<Double>, _ ys: UnsafeBufferPointer<Double>, indices: [Int32],
                  into out: UnsafeMutableBufferPointer<Int32>) {
        grid.lookup(xs, ys, indices: indices, into: out)
        let mixed = Int32(AnswerGrid.mixed)
        for k in indices where out[Int(k)] == mixed {
            let i = Int(k)
            out[i] = Int32(Self.exactFeature(x: xs[i], y: ys[i], tree: tree, polygons: polygons,
                                             partFeature: partFeature, rank: rank) ?? -1)
        }
    }

    /// The R-tree and point-in-polygon answer without the grid (what every grid cell must agree with).
    func exactFeature(x: Double, y: Double) -> Int? {
        Self.exactFeature(x: x, y: y, tree: tree, polygons: polygons, partFeature: partFeature, rank: rank)
    }

    /// The R-tree and point-in-polygon answer, without the grid.
    static func exactFeature(x: Double, y: Double, tree: PackedRTree, polygons: BandedPolygonSet,
                             partFeature: [Int32], rank: [Int32]) -> Int? {
        var best = -1
        let window = BoundingBox(minX: x, minY: y, maxX: x, maxY: y)
        tree.search(window) { part in
            let f = Int(partFeature[part])
            if best >= 0 && (rank[best], best) <= (rank[f], f) { return true }
            if polygons.covers(part, x: x, y: y) { best = f }
            return true
        }
        return best >= 0 ? best : nil
    }
}
