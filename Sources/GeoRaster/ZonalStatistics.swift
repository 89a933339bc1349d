import GeoCore

/// Options of a zonal statistics run.
public struct ZonalOptions: Sendable, Hashable {
    /// Cells whose coverage fraction is not greater than this are ignored (0 keeps every cell
    /// the zone overlaps with a positive area).
    public var minimumCoverage: Double
    /// Rounding of coverage fractions; ``FractionPrecision/float32`` reproduces exactextract.
    public var precision: FractionPrecision

    /// Creates options.
    public init(minimumCoverage: Double = 0, precision: FractionPrecision = .double) {
        self.minimumCoverage = minimumCoverage
        self.precision = precision
    }
}

/// Zonal statistics: summaries of raster values inside polygons, each cell weighted by the exact
/// share of it the polygon covers.
public enum ZonalStatistics {
    /// Summarises `raster` inside `zone` (polygon or multipolygon in the raster's CRS).
    /// Nodata and NaN cells are skipped. O(cells of the zone's bounding window + boundary crossings).
    public static func summarize<E: RasterElement>(_ raster: Raster<E>, zone: Geometry, histogram: Bool = true,
                                                   options: ZonalOptions = ZonalOptions()) throws(RasterError) -> ZonalSummary {
        var summary = ZonalSummary(histogram: histogram)
        guard let cov = try CoverageFractions.compute(zone, grid: raster.grid, precision: options.precision) else {
            return summary
        }
        accumulate(raster, cov, options.minimumCoverage, &summary)
        return summary
    }

    /// Summarises `raster` inside `zone` with a weight per cell from `weights` (same grid as
    /// `raster`); a nodata weight makes the weighted statistics NaN, as in exactextract.
    public static func summarize<E: RasterElement, W: RasterElement>(
        _ raster: Raster<E>, weights: Raster<W>, zone: Geometry, histogram: Bool = true,
        options: ZonalOptions = ZonalOptions()
    ) throws(RasterError) -> ZonalSummary {
        guard raster.grid.isAligned(with: weights.grid) else {
            throw .gridMismatch("the weight raster must have the value raster's size and transform")
        }
        var summary = ZonalSummary(histogram: histogram)
        guard let cov = try CoverageFractions.compute(zone, grid: raster.grid, precision: options.precision) else {
            return summary
        }
        let w = cov.window
        let width = raster.width
        for r in 0..<w.rows {
            for c in 0..<w.cols {
                let f = cov.fractions[r * w.cols + c]
                guard f > options.minimumCoverage else { continue }
                let idx = (r + w.rowOffset) * width + c + w.colOffset
                let v = raster.cells[idx]
                if raster.isNodata(v) { continue }
                let wv = weights.cells[idx]
                summary.add(v.doubleValue, coverage: f, weight: weights.isNodata(wv) ? .nan : wv.doubleValue)
            }
        }
        return summary
    }

    /// One row per zone (in input order), one column per statistic; `nil` where a statistic is
    /// undefined (for example the mean of a zone that misses the raster).
    public static func table<E: RasterElement>(_ raster: Raster<E>, zones: [Geometry], statistics: [ZonalStatistic],
                                               options: ZonalOptions = ZonalOptions()) throws(RasterError) -> [[Double?]] {
        let histogram = statistics.contains { $0.needsHistogram }
        var rows: [[Double?]] = []
        rows.reserveCapacity(zones.count)
        for zone in zones {
            let s = try summarize(raster, zone: zone, histogram: histogram, options: options)
            rows.append(statistics.map { s.value($0) })
        }
        return rows
    }

    @_specialize(where E == Float)
    @_specialize(where E == Double)
    @_specialize(where E == Int32)
    @_specialize(where E == UInt8)
    @_specialize(where E == UInt16)
    static func accumulate<E: RasterElement>(_ raster: Raster<E>, _ cov: CoverageFractions, _ minimum: Double,
                                             _ summary: inout ZonalSummary) {
        let w = cov.window
        let width = raster.width
        let nodata = raster.nodata
        raster.cells.withUnsafeBufferPointer { cells in
            cov.fractions.withUnsafeBufferPointer { fr in
                for r in 0..<w.rows {
                    let rowBase = (r + w.rowOffset) * width + w.colOffset
                    let fBase = r * w.cols
                    for c in 0..<w.cols {
                        let f = fr[fBase + c]
                        guard f > minimum else { continue }
                        let v = cells[rowBase + c]
                        if v != v || v == nodata { continue }
                        summary.addCell(v.doubleValue, f, 1)
                    }
                }
            }
        }
    }
}
