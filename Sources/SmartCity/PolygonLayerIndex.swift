import GeoCore
import GeoIndex

/// Point location in one layer of (multi)polygons: a ``PackedRTree`` over the boxes of every
/// polygon part finds candidates, ``BandedPolygonSet`` decides exactly.
///
/// When several features cover a point (shared boundaries, a parent city drawn over its
/// districts) the winner is the feature with the lowest `rank`, then the lowest feature index;
/// the answer is therefore deterministic.
struct PolygonLayerIndex: Sendable {
    private let polygons: BandedPolygonSet
    private let partFeature: [Int32]
    private let rank: [Int32]
    private let tree: PackedRTree

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
        do {
            tree = try PackedRTree(boxes: set.boxes)
        } catch {
            throw .invalidGeodata("spatial index: \(error)")
        }
    }

    /// The index of the winning feature covering `(x, y)`, or nil.
    func feature(x: Double, y: Double) -> Int? {
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
