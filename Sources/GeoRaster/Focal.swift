/// A statistic over a moving window.
public enum FocalStatistic: Sendable, Hashable {
    /// Mean of the cells with data in the window.
    case mean
    /// Largest value with data in the window.
    case max
}

extension Raster {
    /// The focal statistic over a square window of `(2·radius + 1)²` cells centred on each cell,
    /// ignoring nodata; NaN (nodata) where the window has no data. The mean uses summed-area
    /// tables (O(cells)); the max uses a separable pass (O(cells × radius)).
    public func focal(_ statistic: FocalStatistic, radius: Int) throws(RasterError) -> Raster<Double> {
        guard radius >= 0, radius < Swift.max(width, height) else {
            throw .invalidParameter("focal radius \(radius) must be within 0..<\(Swift.max(width, height))")
        }
        switch statistic {
        case .mean: return focalMean(radius)
        case .max: return focalMax(radius)
        }
    }

    private func focalMean(_ k: Int) -> Raster<Double> {
        let w = width, h = height
        var sum = [Double](repeating: 0, count: (w + 1) * (h + 1))
        var count = [Int](repeating: 0, count: (w + 1) * (h + 1))
        for r in 0..<h {
            var rowSum = 0.0, rowCount = 0
            for c in 0..<w {
                let v = cells[r * w + c]
                if !isNodata(v) { rowSum += v.doubleValue; rowCount += 1 }
                sum[(r + 1) * (w + 1) + c + 1] = sum[r * (w + 1) + c + 1] + rowSum
                count[(r + 1) * (w + 1) + c + 1] = count[r * (w + 1) + c + 1] + rowCount
            }
        }
        var out = Raster<Double>(grid: grid, fill: .nan, crs: crs, nodata: .nan)
        for r in 0..<h {
            let r0 = Swift.max(0, r - k), r1 = Swift.min(h, r + k + 1)
            for c in 0..<w {
                let c0 = Swift.max(0, c - k), c1 = Swift.min(w, c + k + 1)
                let n = count[r1 * (w + 1) + c1] - count[r0 * (w + 1) + c1] - count[r1 * (w + 1) + c0] + count[r0 * (w + 1) + c0]
                guard n > 0 else { continue }
                let s = sum[r1 * (w + 1) + c1] - sum[r0 * (w + 1) + c1] - sum[r1 * (w + 1) + c0] + sum[r0 * (w + 1) + c0]
                out.cells[r * w + c] = s / Double(n)
            }
        }
        return out
    }

    private func focalMax(_ k: Int) -> Raster<Double> {
        let w = width, h = height
        var rows = [Double](repeating: -.infinity, count: w * h)
        for r in 0..<h {
            for c in 0..<w {
                var m = -Double.infinity
                for cc in Swift.max(0, c - k)..<Swift.min(w, c + k + 1) {
                    let v = cells[r * w + cc]
                    if !isNodata(v) { m = Swift.max(m, v.doubleValue) }
                }
                rows[r * w + c] = m
            }
        }
        var out = Raster<Double>(grid: grid, fill: .nan, crs: crs, nodata: .nan)
        for r in 0..<h {
            for c in 0..<w {
                var m = -Double.infinity
                for rr in Swift.max(0, r - k)..<Swift.min(h, r + k + 1) { m = Swift.max(m, rows[rr * w + c]) }
                if m > -.infinity { out.cells[r * w + c] = m }
            }
        }
        return out
    }
}
