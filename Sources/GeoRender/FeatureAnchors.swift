/// Anchor points (pixels) of the features of a drawn layer, for labels and proportional
/// symbols: the pole of inaccessibility of the feature's largest polygon, a point feature's
/// first point, or the middle vertex of its longest line.
enum FeatureAnchors {
    /// An anchor and the area (square pixels) of the polygon it sits in (0 for points and lines).
    struct Anchor {
        var x: Double
        var y: Double
        var area: Double
    }

    /// Anchors for every feature of `featureCount`; `nil` where the feature draws nothing.
    static func compute(_ g: PartGeometry<Int64>, featureCount: Int, decimals: Int) -> [Anchor?] {
        var f = 1.0
        for _ in 0..<decimals { f *= 10 }
        var out = [Anchor?](repeating: nil, count: featureCount)
        var bestArea = [Double](repeating: -1, count: featureCount)
        var longestLine = [Int](repeating: 0, count: featureCount)
        var largest = [Range<Int>?](repeating: nil, count: featureCount)
        var p = 0
        func ring(_ q: Int) -> [Double] {
            g.coordinates[(2 * g.partStart[q])..<(2 * g.partStart[q + 1])].map { Double($0) / f }
        }
        while p < g.partCount {
            let feature = g.partFeature[p]
            guard feature < featureCount else { p += 1; continue }
            switch g.partKind[p] {
            case .exterior:
                var q = p + 1
                while q < g.partCount, g.partKind[q] == .hole, g.partFeature[q] == feature { q += 1 }
                let area = abs(SharedBorderSimplifier.area2(Array(g.coordinates[(2 * g.partStart[p])..<(2 * g.partStart[p + 1])]))) / (2 * f * f)
                if area > bestArea[feature] {
                    bestArea[feature] = area
                    largest[feature] = p..<q
                }
                p = q
                continue
            case .point:
                if out[feature] == nil {
                    let i = g.partStart[p]
                    out[feature] = Anchor(x: Double(g.coordinates[2 * i]) / f, y: Double(g.coordinates[2 * i + 1]) / f, area: 0)
                }
            case .line:
                let r = g.vertexRange(p)
                if bestArea[feature] <= 0, r.count > longestLine[feature] {
                    let mid = r.lowerBound + r.count / 2
                    out[feature] = Anchor(x: Double(g.coordinates[2 * mid]) / f, y: Double(g.coordinates[2 * mid + 1]) / f, area: 0)
                    longestLine[feature] = r.count
                }
            case .hole:
                break
            }
            p += 1
        }
        for feature in 0..<featureCount {
            guard let parts = largest[feature] else { continue }
            if let a = PolyLabel.anchor(rings: parts.map(ring), precision: 0.5) {
                out[feature] = Anchor(x: a.x, y: a.y, area: bestArea[feature])
            }
        }
        return out
    }
}
