import GeoCore

/// A single-band grid of values in row-major order (row 0 is the top row), with its
/// geotransform, CRS and optional nodata value.
///
/// Storage is one contiguous array of `width * height` elements; copies share it until written
/// (copy on write).
public struct Raster<Element: RasterElement>: Sendable {
    /// Size and geotransform.
    public let grid: RasterGrid
    /// The coordinate reference system, when known.
    public var crs: CRS?
    /// The value that marks a cell without data. NaN cells of floating-point rasters are always
    /// treated as nodata.
    public var nodata: Element?
    /// The cell values, row-major: cell (row, col) is at `row * width + col`. Always exactly
    /// `width * height` values; change them through the subscripts or ``withUnsafeMutableCells(_:)``.
    public internal(set) var cells: ContiguousArray<Element>

    /// A raster with every cell set to `fill`.
    public init(grid: RasterGrid, fill: Element, crs: CRS? = nil, nodata: Element? = nil) {
        self.grid = grid
        self.crs = crs
        self.nodata = nodata
        self.cells = ContiguousArray(repeating: fill, count: grid.cellCount)
    }

    /// A raster over existing values; fails when `cells.count != width * height`.
    public init(grid: RasterGrid, cells: ContiguousArray<Element>, crs: CRS? = nil,
                nodata: Element? = nil) throws(RasterError) {
        guard cells.count == grid.cellCount else {
            throw .cellCountMismatch(expected: grid.cellCount, actual: cells.count)
        }
        self.grid = grid
        self.crs = crs
        self.nodata = nodata
        self.cells = cells
    }

    /// Number of columns.
    @inlinable public var width: Int { grid.width }
    /// Number of rows.
    @inlinable public var height: Int { grid.height }
    /// The geotransform.
    @inlinable public var transform: GeoTransform { grid.transform }

    /// The value of cell (`row`, `col`); the indices must be inside the grid.
    public subscript(row: Int, col: Int) -> Element {
        get { cells[row * grid.width + col] }
        set { cells[row * grid.width + col] = newValue }
    }

    /// The value at row-major position `index` (`row * width + col`); the index must be inside.
    public subscript(index index: Int) -> Element {
        get { cells[index] }
        set { cells[index] = newValue }
    }

    /// Calls `body` with the cell storage for fast in-place writes (the count cannot change).
    public mutating func withUnsafeMutableCells<R>(_ body: (UnsafeMutableBufferPointer<Element>) throws -> R) rethrows -> R {
        try cells.withUnsafeMutableBufferPointer { try body($0) }
    }

    /// True when `v` marks missing data (equal to ``nodata`` or NaN).
    @inlinable
    public func isNodata(_ v: Element) -> Bool {
        v.isNaNValue || v == nodata
    }

    /// The value of cell (`row`, `col`), or `nil` when it is nodata or outside the grid.
    public func value(row: Int, col: Int) -> Element? {
        guard row >= 0, col >= 0, row < height, col < width else { return nil }
        let v = self[row, col]
        return isNodata(v) ? nil : v
    }

    /// The value at a world position (half-open cell rule), or `nil` outside or on nodata.
    public func value(at p: Coordinate) -> Element? {
        guard let (r, c) = grid.cell(containing: p) else { return nil }
        return value(row: r, col: c)
    }

    /// A view of a window of this raster; it shares storage (no copy).
    public func window(_ w: RasterWindow) throws(RasterError) -> RasterView<Element> {
        let sub = try grid.subgrid(w)
        return RasterView(base: self, window: w, grid: sub)
    }

    /// The same raster with values converted to another element type (rounded and clamped for
    /// integers); nodata is converted too.
    public func converted<T: RasterElement>(to: T.Type) -> Raster<T> {
        var out = Raster<T>(grid: grid, fill: T.zeroValue, crs: crs, nodata: nodata.map { T(rasterConverting: $0.doubleValue) })
        cells.withUnsafeBufferPointer { src in
            out.cells.withUnsafeMutableBufferPointer { dst in
                for i in 0..<src.count { dst[i] = T(rasterConverting: src[i].doubleValue) }
            }
        }
        return out
    }
}

/// A rectangular window of a ``Raster`` that shares the raster's cells.
public struct RasterView<Element: RasterElement>: Sendable {
    /// The raster viewed.
    public let base: Raster<Element>
    /// The window, in the base raster's cells.
    public let window: RasterWindow
    /// The grid of the window (origin moved to the window's top-left corner).
    public let grid: RasterGrid

    /// The value of cell (`row`, `col`) of the window.
    @inlinable
    public subscript(row: Int, col: Int) -> Element {
        base[row + window.rowOffset, col + window.colOffset]
    }

    /// A new raster holding a copy of the window's values.
    public func materialize() -> Raster<Element> {
        var cells = ContiguousArray<Element>()
        cells.reserveCapacity(window.rows * window.cols)
        for r in 0..<window.rows {
            let start = (r + window.rowOffset) * base.width + window.colOffset
            cells.append(contentsOf: base.cells[start..<(start + window.cols)])
        }
        var out = Raster<Element>(grid: grid, fill: Element.zeroValue, crs: base.crs, nodata: base.nodata)
        out.cells = cells
        return out
    }
}
