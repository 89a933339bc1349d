import GeoCore

/// The first pipeline stage: walks the features of a layer, gathers every vertex into one flat
/// buffer and projects the whole layer with one ``MapProjection`` call. For non-affine
/// projections, ``resample(_:tolerance:)`` then splits the segments whose projected midpoint
/// strays from the projected chord, after d3-geo's adaptive resampling (done here on the
/// source coordinates' midpoints, level by level, one batch call per level).
public struct ProjectionStage: Sendable {
    /// The projection applied to every vertex.
    public let projection: any MapProjection
    /// Maximum number of halvings of one source segment.
    public static let maximumResampleDepth = 8

    /// A projected layer with the source coordinates kept beside it (same layout), so that
    /// resampling can project midpoints of the original segments.
    public struct Output: Sendable {
        /// Projected coordinates and part structure.
        public var projected: PartGeometry<Double>
        /// Source coordinates, interleaved, one pair per projected vertex.
        public var source: [Double]
    }

    /// Creates the stage.
    public init(projection: any MapProjection) {
        self.projection = projection
    }

    /// Projects the geometry of `features`. Features without geometry or with an empty geometry
    /// contribute no part. Rings lose their closing vertex.
    /// - Throws: ``RenderError/unprojectable(layer:feature:x:y:)`` for the first vertex the
    ///   projection cannot handle.
    public func run(_ features: [Feature], layer: String) throws(RenderError) -> Output {
        var parts = PartGeometry<Double>()
        for (index, feature) in features.enumerated() {
            guard let geometry = feature.geometry else { continue }
            add(geometry, feature: index, to: &parts)
        }
        let source = parts.coordinates
        projection.project(&parts.coordinates)
        let c = parts.coordinates
        var i = 0
        while i + 1 < c.count {
            if !(c[i].isFinite && c[i + 1].isFinite) {
                let vertex = i / 2
                var p = 0
                while p + 1 < parts.partStart.count, parts.partStart[p + 1] <= vertex { p += 1 }
                let feature = p < parts.partFeature.count ? parts.partFeature[p] : 0
                throw .unprojectable(layer: layer, feature: feature, x: source[i], y: source[i + 1])
            }
            i += 2
        }
        return Output(projected: parts, source: source)
    }

    private func add(_ geometry: Geometry, feature: Int, to out: inout PartGeometry<Double>) {
        switch geometry {
        case .point(let p):
            if let c = p.coordinate { part([c], kind: .point, feature: feature, to: &out) }
        case .multiPoint(let mp):
            for p in mp.points {
                if let c = p.coordinate { part([c], kind: .point, feature: feature, to: &out) }
            }
        case .lineString(let l):
            part(l.coordinates, kind: .line, feature: feature, to: &out)
        case .multiLineString(let ml):
            for l in ml.lineStrings { part(l.coordinates, kind: .line, feature: feature, to: &out) }
        case .polygon(let p):
            polygon(p, feature: feature, to: &out)
        case .multiPolygon(let mp):
            for p in mp.polygons { polygon(p, feature: feature, to: &out) }
        case .geometryCollection(let gc):
            for g in gc.geometries { add(g, feature: feature, to: &out) }
        }
    }

    private func polygon(_ p: Polygon, feature: Int, to out: inout PartGeometry<Double>) {
        guard !p.exterior.isEmpty else { return }
        part(p.exterior, kind: .exterior, feature: feature, to: &out)
        for h in p.holes where !h.isEmpty { part(h, kind: .hole, feature: feature, to: &out) }
    }

    private func part(_ coords: [Coordinate], kind: PartKind, feature: Int, to out: inout PartGeometry<Double>) {
        var count = coords.count
        if kind == .exterior || kind == .hole, count > 1, coords[0].equals2D(coords[count - 1]) { count -= 1 }
        guard count > 0 else { return }
        for i in 0..<count {
            out.coordinates.append(coords[i].x)
            out.coordinates.append(coords[i].y)
        }
        out.partStart.append(out.coordinates.count / 2)
        out.partKind.append(kind)
        out.partFeature.append(feature)
    }

    /// Inserts projected midpoints wherever the projected midpoint of a source segment is farther
    /// than `tolerance` (projected units) from the projected chord. Only segments whose projected
    /// chord is longer than twice the tolerance are tested (shorter ones cannot stray visibly),
    /// so dense data costs one pass. Returns the input unchanged for affine projections.
    public func resample(_ input: Output, tolerance: Double) -> PartGeometry<Double> {
        guard !projection.isAffine, tolerance > 0, tolerance.isFinite else { return input.projected }
        var src = input.source, dst = input.projected
        let tol2 = tolerance * tolerance, minChord2 = 4 * tol2
        for _ in 0..<Self.maximumResampleDepth {
            // segments to test: (part, vertex a, vertex b)
            var tests: [(Int, Int)] = []
            for p in 0..<dst.partCount where dst.partKind[p] != .point {
                let r = dst.vertexRange(p)
                guard r.count > 1 else { continue }
                let closed = dst.partKind[p] != .line
                for a in r {
                    let b = a + 1 < r.upperBound ? a + 1 : (closed ? r.lowerBound : -1)
                    guard b >= 0 else { continue }
                    let dx = dst.coordinates[2 * b] - dst.coordinates[2 * a], dy = dst.coordinates[2 * b + 1] - dst.coordinates[2 * a + 1]
                    if dx * dx + dy * dy > minChord2 { tests.append((a, b)) }
                }
            }
            guard !tests.isEmpty else { break }
            var mids = [Double]()
            mids.reserveCapacity(tests.count * 2)
            for (a, b) in tests {
                mids.append((src[2 * a] + src[2 * b]) / 2)
                mids.append((src[2 * a + 1] + src[2 * b + 1]) / 2)
            }
            var projectedMids = mids
            projection.project(&projectedMids)
            var insertAfter = [Int: Int]()
            for (k, (a, b)) in tests.enumerated() {
                let mx = projectedMids[2 * k], my = projectedMids[2 * k + 1]
                guard mx.isFinite, my.isFinite else { continue }
                let cx = (dst.coordinates[2 * a] + dst.coordinates[2 * b]) / 2
                let cy = (dst.coordinates[2 * a + 1] + dst.coordinates[2 * b + 1]) / 2
                if (mx - cx) * (mx - cx) + (my - cy) * (my - cy) > tol2 { insertAfter[a] = k }
            }
            guard !insertAfter.isEmpty else { break }
            var next = PartGeometry<Double>()
            var nextSource = [Double]()
            for p in 0..<dst.partCount {
                for v in dst.vertexRange(p) {
                    next.coordinates.append(dst.coordinates[2 * v]); next.coordinates.append(dst.coordinates[2 * v + 1])
                    nextSource.append(src[2 * v]); nextSource.append(src[2 * v + 1])
                    if let k = insertAfter[v] {
                        next.coordinates.append(projectedMids[2 * k]); next.coordinates.append(projectedMids[2 * k + 1])
                        nextSource.append(mids[2 * k]); nextSource.append(mids[2 * k + 1])
                    }
                }
                next.partStart.append(next.coordinates.count / 2)
                next.partKind.append(dst.partKind[p])
                next.partFeature.append(dst.partFeature[p])
            }
            dst = next
            src = nextSource
        }
        return dst
    }
}
