import GeoCore

/// Proximity and allocation surfaces for vector features, and coverage of point sensors.
public enum Proximity {
    /// Distance from each cell centre to the nearest cell touched by a feature (all-touched
    /// supercover), in CRS units, and the index of that feature in `features` as allocation.
    /// This is GDAL's proximity measured on the grid: exact between cell centres, so within half a
    /// cell diagonal of the distance to the geometry itself. Features burnt later win shared cells.
    public static func surface(to features: [Geometry], grid: RasterGrid, maximumDistance: Double = .infinity,
                               crs: CRS? = nil) throws(RasterError) -> DistanceTransform.Result {
        guard features.count < Int(Int32.max) else { throw .invalidParameter("too many features") }
        var ids = Raster<Int32>(grid: grid, fill: -1, crs: crs, nodata: -1)
        for (i, g) in features.enumerated() {
            Rasterizer.burn(g, value: Int32(i), into: &ids, rule: .allTouched)
        }
        return try DistanceTransform.compute(sources: ids, maximumDistance: maximumDistance)
    }

    /// A surface that is 1 where a cell centre lies within `radius` (CRS units, e.g. 50 m for a
    /// CCTV camera) of at least one sensor and 0 elsewhere. O(sensors × cells per circle).
    public static func sensorCoverage(sensors: [Coordinate], radius: Double, grid: RasterGrid,
                                      crs: CRS? = nil) throws(RasterError) -> Raster<UInt8> {
        guard radius >= 0, radius.isFinite else { throw .invalidParameter("radius \(radius) must be finite and not negative") }
        var out = Raster<UInt8>(grid: grid, fill: 0, crs: crs)
        let r2 = radius * radius
        for s in sensors where s.isFinite {
            guard let w = grid.window(covering: BoundingBox(minX: s.x - radius, minY: s.y - radius,
                                                            maxX: s.x + radius, maxY: s.y + radius)) else { continue }
            for r in w.rowOffset..<(w.rowOffset + w.rows) {
                for c in w.colOffset..<(w.colOffset + w.cols) {
                    let p = grid.cellCenter(row: r, col: c)
                    let dx = p.x - s.x, dy = p.y - s.y
                    if dx * dx + dy * dy <= r2 { out[r, c] = 1 }
                }
            }
        }
        return out
    }

    /// The share of `zone`'s area (0...1) lying in covered cells of a coverage `surface`,
    /// each cell weighted by the exact fraction of it inside the zone; `nil` when the zone
    /// misses the surface.
    public static func coveredShare(of zone: Geometry, surface: Raster<UInt8>) throws(RasterError) -> Double? {
        let s = try ZonalStatistics.summarize(surface, zone: zone, histogram: false)
        return s.value(.mean)
    }
}
