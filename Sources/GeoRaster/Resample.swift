import GeoCore

/// How values are taken from a source grid onto a target grid.
public enum ResampleMethod: Sendable, Hashable {
    /// The source cell containing the target cell's centre (half-open rule).
    case nearest
    /// Bilinear interpolation between the four source cell centres around the target centre;
    /// nodata when one of them is missing or outside.
    case bilinear
    /// The mean of source cells weighted by the exact share of the target cell each covers.
    case average
}

extension Raster {
    /// This raster's values on `target` (same CRS assumed); cells that get no value are NaN
    /// (the result's nodata).
    public func resampled(to target: RasterGrid, method: ResampleMethod) throws(RasterError) -> Raster<Double> {
        var out = Raster<Double>(grid: target, fill: .nan, crs: crs, nodata: .nan)
        for r in 0..<target.height {
            for c in 0..<target.width {
                let v: Double?
                switch method {
                case .nearest: v = value(at: target.cellCenter(row: r, col: c))?.doubleValue
                case .bilinear: v = bilinear(at: target.cellCenter(row: r, col: c))
                case .average: v = try average(over: target, row: r, col: c)
                }
                if let v { out[r, c] = v }
            }
        }
        return out
    }

    private func bilinear(at p: Coordinate) -> Double? {
        let (u, v) = grid.inverse.cell(x: p.x, y: p.y)
        let fx = u - 0.5, fy = v - 0.5
        let c0 = floorIndex(fx, -2, width + 1), r0 = floorIndex(fy, -2, height + 1)
        let tx = fx - Double(c0), ty = fy - Double(r0)
        guard let a = value(row: r0, col: c0)?.doubleValue, let b = value(row: r0, col: c0 + 1)?.doubleValue,
              let d = value(row: r0 + 1, col: c0)?.doubleValue, let e = value(row: r0 + 1, col: c0 + 1)?.doubleValue else {
            return nil
        }
        return (a * (1 - tx) + b * tx) * (1 - ty) + (d * (1 - tx) + e * tx) * ty
    }

    private func average(over target: RasterGrid, row r: Int, col c: Int) throws(RasterError) -> Double? {
        let t = target.transform
        let ring = [t.world(col: Double(c), row: Double(r)), t.world(col: Double(c + 1), row: Double(r)),
                    t.world(col: Double(c + 1), row: Double(r + 1)), t.world(col: Double(c), row: Double(r + 1)),
                    t.world(col: Double(c), row: Double(r))]
        let s = try ZonalStatistics.summarize(self, zone: .polygon(Polygon(exterior: ring)), histogram: false)
        return s.value(.mean)
    }
}
