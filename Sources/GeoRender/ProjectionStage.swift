import GeoCore

/// The first pipeline stage: walks the features of a layer, projects every part with a
/// ``MapProjection`` (one batch call per part) and, for non-affine projections, adaptively
/// resamples long segments so that curves stay within a tolerance of their projected shape
/// (after d3-geo's resampling, done here in source coordinates).
public struct ProjectionStage: Sendable {
    /// The projection applied to every vertex.
    public let projection: any MapProjection
    /// Maximum deviation (projected map units) tolerated between a projected segment's chord
    /// and the projected midpoint before the segment is split; 0 disables resampling.
    public let resampleTolerance: Double
    /// Maximum number of halvings of one source segment.
    public static let maximumResampleDepth = 8

    /// Creates the stage.
    public init(projection: any MapProjection, resampleTolerance: Double = 0) {
        self.projection = projection
        self.resampleTolerance = resampleTolerance
    }

    /// Projects the geometry of `features`. Features without geometry or with an empty geometry
    /// contribute no part. Rings lose their closing vertex.
    /// - Throws: ``RenderError/unprojectable(layer:feature:x:y:)`` for the first vertex the
    ///   projection cannot handle.
    public func run(_ features: [Feature], layer: String) throws(RenderError) -> PartGeometry<Double> {
        var out = PartGeometry<Double>()
        for (index, feature) in features.enumerated() {
            guard let geometry = feature.geometry else { continue }
            try add(geometry, feature: index, layer: layer, to: &out)
        }
        return out
    }

    private func add(_ geometry: Geometry, feature: Int, layer: String,
                     to out: inout PartGeometry<Double>) throws(RenderError) {
        switch geometry {
        case .point(let p):
            if let c = p.coordinate { try part([c], kind: .point, feature: feature, layer: layer, to: &out) }
        case .multiPoint(let mp):
            for p in mp.points {
                if let c = p.coordinate { try part([c], kind: .point, feature: feature, layer: layer, to: &out) }
            }
        case .lineString(let l):
            try part(l.coordinates, kind: .line, feature: feature, layer: layer, to: &out)
        case .multiLineString(let ml):
            for l in ml.lineStrings { try part(l.coordinates, kind: .line, feature: feature, layer: layer, to: &out) }
        case .polygon(let p):
            try polygon(p, feature: feature, layer: layer, to: &out)
        case .multiPolygon(let mp):
            for p in mp.polygons { try polygon(p, feature: feature, layer: layer, to: &out) }
        case .geometryCollection(let gc):
            for g in gc.geometries { try add(g, feature: feature, layer: layer, to: &out) }
        }
    }

    private func polygon(_ p: Polygon, feature: Int, layer: String, to out: inout PartGeometry<Double>) throws(RenderError) {
        guard !p.exterior.isEmpty else { return }
        try part(p.exterior, kind: .exterior, feature: feature, layer: layer, to: &out)
        for h in p.holes where !h.isEmpty {
            try part(h, kind: .hole, feature: feature, layer: layer, to: &out)
        }
    }

    private func part(_ coords: [Coordinate], kind: PartKind, feature: Int, layer: String,
                      to out: inout PartGeometry<Double>) throws(RenderError) {
        var count = coords.count
        let isRing = kind == .exterior || kind == .hole
        if isRing, count > 1, coords[0].equals2D(coords[count - 1]) { count -= 1 }
        guard count > 0 else { return }
        var source = [Double]()
        source.reserveCapacity(count * 2)
        for i in 0..<count {
            source.append(coords[i].x)
            source.append(coords[i].y)
        }
        var xy = source
        projection.project(&xy)
        for i in stride(from: 0, to: xy.count, by: 2) where !(xy[i].isFinite && xy[i + 1].isFinite) {
            throw .unprojectable(layer: layer, feature: feature, x: source[i], y: source[i + 1])
        }
        if resampleTolerance > 0, !projection.isAffine, kind != .point, count > 1 {
            xy = resample(source: source, projected: xy, closed: isRing)
        }
        out.append(xy, kind: kind, feature: feature)
    }

    /// Inserts projected midpoints wherever the projected midpoint of a source segment is farther
    /// than the tolerance from the projected chord, level by level (one batch call per level).
    private func resample(source: [Double], projected: [Double], closed: Bool) -> [Double] {
        var src = source, dst = projected
        let tol2 = resampleTolerance * resampleTolerance
        for _ in 0..<Self.maximumResampleDepth {
            let n = src.count / 2
            let segments = closed ? n : n - 1
            var mids = [Double]()
            mids.reserveCapacity(segments * 2)
            for s in 0..<segments {
                let a = s, b = (s + 1) % n
                mids.append((src[2 * a] + src[2 * b]) / 2)
                mids.append((src[2 * a + 1] + src[2 * b + 1]) / 2)
            }
            var projectedMids = mids
            projection.project(&projectedMids)
            var split = [Bool](repeating: false, count: segments)
            var any = false
            for s in 0..<segments {
                let a = s, b = (s + 1) % n
                let mx = projectedMids[2 * s], my = projectedMids[2 * s + 1]
                guard mx.isFinite, my.isFinite else { continue }
                let cx = (dst[2 * a] + dst[2 * b]) / 2, cy = (dst[2 * a + 1] + dst[2 * b + 1]) / 2
                if (mx - cx) * (mx - cx) + (my - cy) * (my - cy) > tol2 {
                    split[s] = true
                    any = true
                }
            }
            guard any else { break }
            var newSrc = [Double](), newDst = [Double]()
            newSrc.reserveCapacity(src.count * 2)
            newDst.reserveCapacity(dst.count * 2)
            for v in 0..<n {
                newSrc.append(src[2 * v]); newSrc.append(src[2 * v + 1])
                newDst.append(dst[2 * v]); newDst.append(dst[2 * v + 1])
                if v < segments, split[v] {
                    newSrc.append(mids[2 * v]); newSrc.append(mids[2 * v + 1])
                    newDst.append(projectedMids[2 * v]); newDst.append(projectedMids[2 * v + 1])
                }
            }
            src = newSrc
            dst = newDst
        }
        return dst
    }
}
