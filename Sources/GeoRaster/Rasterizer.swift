import GeoCore

/// Vector to raster: burning geometries into grids, and exact coverage rasters.
public enum Rasterizer {
    /// Sets every cell that `geometry` selects under `rule` to `value`. Cells outside the grid
    /// are ignored. Cost: O(rows of the geometry × its edges) for polygons, O(cells crossed) for lines.
    public static func burn<E: RasterElement>(_ geometry: Geometry, value: E, into raster: inout Raster<E>,
                                              rule: BurnRule = .cellCenter) {
        let width = raster.width
        let grid = raster.grid
        raster.cells.withUnsafeMutableBufferPointer { cells in
            CellSelection.forEachCell(of: geometry, grid: grid, rule: rule) { r, c in
                cells[r * width + c] = value
            }
        }
    }

    /// The cells (row, col) that `geometry` selects under `rule`, each once, in row-major order.
    public static func cells(of geometry: Geometry, grid: RasterGrid, rule: BurnRule = .cellCenter) -> [(row: Int, col: Int)] {
        var seen = Set<Int>()
        CellSelection.forEachCell(of: geometry, grid: grid, rule: rule) { r, c in seen.insert(r * grid.width + c) }
        return seen.sorted().map { (row: $0 / grid.width, col: $0 % grid.width) }
    }

    /// A new raster over `grid` filled with `background`, in which each geometry is burnt with its
    /// value in order (later ones overwrite earlier ones). `progress`, when given, is called with
    /// the number of shapes burnt so far after each shape.
    public static func rasterize<E: RasterElement>(_ shapes: [(geometry: Geometry, value: E)], grid: RasterGrid,
                                                   rule: BurnRule = .cellCenter, background: E,
                                                   nodata: E? = nil, crs: CRS? = nil,
                                                   progress: ((_ shapesDone: Int) -> Void)? = nil) -> Raster<E> {
        var raster = Raster(grid: grid, fill: background, crs: crs, nodata: nodata)
        for (i, s) in shapes.enumerated() {
            burn(s.geometry, value: s.value, into: &raster, rule: rule)
            progress?(i + 1)
        }
        return raster
    }

    /// The shapes of a layer with the value each burns: the numeric property `attribute` (features
    /// without it, or without geometry, are left out) or `burn` for every feature.
    public static func shapes(of layer: FeatureCollection, attribute: String?, burn: Double = 1) -> [(geometry: Geometry, value: Double)] {
        layer.features.compactMap { f in
            guard let g = f.geometry else { return nil }
            guard let key = attribute else { return (g, burn) }
            return f.properties[key]?.doubleValue.map { (g, $0) }
        }
    }

    /// A raster of exact coverage: each cell holds Σ value·fraction over the shapes, where the
    /// fraction is the share of the cell's area the polygon covers (see ``CoverageFractions``).
    /// With one shape and value 1 the cells hold the fractions themselves. `progress`, when given,
    /// is called with the number of shapes done so far after each shape.
    public static func coverage(_ shapes: [(geometry: Geometry, value: Double)], grid: RasterGrid,
                                crs: CRS? = nil, progress: ((_ shapesDone: Int) -> Void)? = nil) throws(RasterError) -> Raster<Double> {
        var raster = Raster<Double>(grid: grid, fill: 0, crs: crs)
        for (i, s) in shapes.enumerated() {
            defer { progress?(i + 1) }
            guard let cov = try CoverageFractions.compute(s.geometry, grid: grid) else { continue }
            let w = cov.window
            for r in 0..<w.rows {
                for c in 0..<w.cols {
                    let f = cov.fractions[r * w.cols + c]
                    if f != 0 { raster[r + w.rowOffset, c + w.colOffset] += s.value * f }
                }
            }
        }
        return raster
    }
}
