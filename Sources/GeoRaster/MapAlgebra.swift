/// Cell-by-cell operations. Results are `Raster<Double>` whose nodata is NaN: a cell is NaN
/// when any input cell is nodata (or NaN), so nodata propagates.
extension Raster {
    /// `op` applied to every cell with data.
    public func mapped(_ op: (Double) -> Double) -> Raster<Double> {
        var out = Raster<Double>(grid: grid, fill: .nan, crs: crs, nodata: .nan)
        for i in 0..<cells.count where !isNodata(cells[i]) {
            out.cells[i] = op(cells[i].doubleValue)
        }
        return out
    }

    /// `op(self, other)` cell by cell; the rasters must share size and transform.
    public func combined<T: RasterElement>(with other: Raster<T>, _ op: (Double, Double) -> Double) throws(RasterError) -> Raster<Double> {
        guard grid.isAligned(with: other.grid) else {
            throw .gridMismatch("\(width)x\(height) raster and \(other.width)x\(other.height) raster, or different transforms")
        }
        var out = Raster<Double>(grid: grid, fill: .nan, crs: crs, nodata: .nan)
        for i in 0..<cells.count where !isNodata(cells[i]) && !other.isNodata(other.cells[i]) {
            out.cells[i] = op(cells[i].doubleValue, other.cells[i].doubleValue)
        }
        return out
    }

    /// Cell-wise sum of two aligned rasters.
    public static func + <T: RasterElement>(a: Raster, b: Raster<T>) throws(RasterError) -> Raster<Double> { try a.combined(with: b, +) }
    /// Cell-wise difference of two aligned rasters.
    public static func - <T: RasterElement>(a: Raster, b: Raster<T>) throws(RasterError) -> Raster<Double> { try a.combined(with: b, -) }
    /// Cell-wise product of two aligned rasters.
    public static func * <T: RasterElement>(a: Raster, b: Raster<T>) throws(RasterError) -> Raster<Double> { try a.combined(with: b, *) }
    /// Cell-wise quotient of two aligned rasters (x / 0 follows IEEE rules).
    public static func / <T: RasterElement>(a: Raster, b: Raster<T>) throws(RasterError) -> Raster<Double> { try a.combined(with: b, /) }
    /// Every cell plus a scalar.
    public static func + (a: Raster, s: Double) -> Raster<Double> { a.mapped { $0 + s } }
    /// Every cell times a scalar.
    public static func * (a: Raster, s: Double) -> Raster<Double> { a.mapped { $0 * s } }

    /// Reclassification: each cell with data takes the value of the first class whose half-open
    /// range `[lower, upper)` holds it, else `otherwise` (nil makes it nodata).
    public func reclassified(_ classes: [(range: Range<Double>, value: Double)], otherwise: Double? = nil) -> Raster<Double> {
        mapped { v in classes.first { $0.range.contains(v) }?.value ?? otherwise ?? .nan }
    }
}
