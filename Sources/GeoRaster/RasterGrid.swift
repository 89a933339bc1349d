import GeoCore

/// The shape of a raster: its size in cells and its geotransform, without values.
public struct RasterGrid: Hashable, Sendable {
    /// The largest number of cells a grid may have (2^34, a 128 GiB Float64 raster).
    public static let maximumCellCount = 1 << 34

    /// Number of columns.
    public let width: Int
    /// Number of rows.
    public let height: Int
    /// Cell space to world space.
    public let transform: GeoTransform
    /// World space to cell space.
    public let inverse: InverseGeoTransform

    /// Creates a grid; fails on a non-positive or oversized cell count or a singular transform.
    public init(width: Int, height: Int, transform: GeoTransform) throws(RasterError) {
        guard width > 0, height > 0, width <= Self.maximumCellCount / height else {
            throw .invalidDimensions(width: width, height: height)
        }
        guard let inv = transform.inverse else { throw .singularTransform }
        self.width = width
        self.height = height
        self.transform = transform
        self.inverse = inv
    }

    /// A north-up grid of `width` x `height` cells of `cellSize` CRS units whose top-left corner is
    /// at (`originX`, `originY`).
    public static func northUp(originX: Double, originY: Double, cellSize: Double,
                               width: Int, height: Int) throws(RasterError) -> RasterGrid {
        try RasterGrid(width: width, height: height,
                       transform: .northUp(originX: originX, originY: originY, cellWidth: cellSize, cellHeight: cellSize))
    }

    /// A north-up grid of square cells of `resolution` CRS units covering `extent`, with edges
    /// snapped outwards to multiples of `resolution` (GDAL's `-tap`) when `targetAligned` is true.
    public static func covering(_ extent: BoundingBox, resolution: Double,
                                targetAligned: Bool = true) throws(RasterError) -> RasterGrid {
        guard resolution > 0, resolution.isFinite else {
            throw .invalidParameter("resolution \(resolution) must be a positive number")
        }
        guard !extent.isEmpty, extent.minX.isFinite, extent.maxX.isFinite,
              extent.minY.isFinite, extent.maxY.isFinite else {
            throw .invalidParameter("empty or infinite extent")
        }
        let box = targetAligned ? snap(extent, to: resolution) : extent
        let wd = Swift.max(1, ((box.maxX - box.minX) / resolution).rounded(.up))
        let hd = Swift.max(1, ((box.maxY - box.minY) / resolution).rounded(.up))
        guard wd * hd <= Double(maximumCellCount) else {
            throw .invalidParameter("a \(wd) x \(hd) cell grid is too large")
        }
        let w = Int(wd), h = Int(hd)
        return try .northUp(originX: box.minX, originY: box.maxY, cellSize: resolution, width: w, height: h)
    }

    /// `extent` grown outwards so that each edge is a multiple of `resolution` (GDAL's `-tap`).
    public static func snap(_ extent: BoundingBox, to resolution: Double) -> BoundingBox {
        BoundingBox(minX: (extent.minX / resolution).rounded(.down) * resolution,
                    minY: (extent.minY / resolution).rounded(.down) * resolution,
                    maxX: (extent.maxX / resolution).rounded(.up) * resolution,
                    maxY: (extent.maxY / resolution).rounded(.up) * resolution)
    }

    /// Number of cells (`width * height`).
    public var cellCount: Int { width * height }

    /// The world bounding box of the whole grid (all four corners).
    public var bounds: BoundingBox {
        var b = BoundingBox.empty
        for (c, r) in [(0.0, 0.0), (Double(width), 0.0), (0.0, Double(height)), (Double(width), Double(height))] {
            b.expand(toInclude: transform.world(col: c, row: r))
        }
        return b
    }

    /// The world position of the centre of cell (`row`, `col`).
    @inlinable
    public func cellCenter(row: Int, col: Int) -> Coordinate { transform.cellCenter(row: row, col: col) }

    /// The cell containing a world position, or `nil` outside the grid. Half-open: a position on
    /// the edge between two cells belongs to the cell on its right (higher column) and below it
    /// (higher row).
    public func cell(containing p: Coordinate) -> (row: Int, col: Int)? {
        let (u, v) = inverse.cell(x: p.x, y: p.y)
        guard u.isFinite, v.isFinite, u >= 0, v >= 0, u < Double(width), v < Double(height) else { return nil }
        return (Int(v), Int(u))
    }

    /// The smallest window of whole cells covering a world box, clipped to the grid; `nil` when
    /// the box misses the grid.
    public func window(covering box: BoundingBox) -> RasterWindow? {
        guard !box.isEmpty else { return nil }
        var minU = Double.infinity, maxU = -Double.infinity, minV = Double.infinity, maxV = -Double.infinity
        for (x, y) in [(box.minX, box.minY), (box.maxX, box.minY), (box.minX, box.maxY), (box.maxX, box.maxY)] {
            let (u, v) = inverse.cell(x: x, y: y)
            minU = Swift.min(minU, u); maxU = Swift.max(maxU, u)
            minV = Swift.min(minV, v); maxV = Swift.max(maxV, v)
        }
        guard minU.isFinite, maxU.isFinite, minV.isFinite, maxV.isFinite else { return nil }
        let c0 = floorIndex(minU, 0, width), r0 = floorIndex(minV, 0, height)
        let c1 = ceilIndex(maxU, 0, width), r1 = ceilIndex(maxV, 0, height)
        guard c1 > c0, r1 > r0 else { return nil }
        return RasterWindow(rowOffset: r0, colOffset: c0, rows: r1 - r0, cols: c1 - c0)
    }

    /// The grid of a window of this grid (same cells, shifted origin).
    public func subgrid(_ w: RasterWindow) throws(RasterError) -> RasterGrid {
        guard w.rowOffset >= 0, w.colOffset >= 0, w.rows > 0, w.cols > 0,
              w.rowOffset + w.rows <= height, w.colOffset + w.cols <= width else {
            throw .windowOutOfBounds(rowOffset: w.rowOffset, colOffset: w.colOffset, rows: w.rows, cols: w.cols)
        }
        let o = transform.world(col: Double(w.colOffset), row: Double(w.rowOffset))
        var t = transform
        t.originX = o.x
        t.originY = o.y
        return try RasterGrid(width: w.cols, height: w.rows, transform: t)
    }

    /// True when `other` has the same size and transform.
    public func isAligned(with other: RasterGrid) -> Bool {
        width == other.width && height == other.height && transform == other.transform
    }

    /// Grids are equal when size and transform are (the inverse follows from the transform).
    public static func == (a: RasterGrid, b: RasterGrid) -> Bool {
        a.width == b.width && a.height == b.height && a.transform == b.transform
    }

    /// Hashes size and transform.
    public func hash(into h: inout Hasher) {
        h.combine(width)
        h.combine(height)
        h.combine(transform)
    }
}

/// A rectangle of cells: rows `rowOffset ..< rowOffset + rows`, columns `colOffset ..< colOffset + cols`.
public struct RasterWindow: Hashable, Sendable {
    /// First row.
    public var rowOffset: Int
    /// First column.
    public var colOffset: Int
    /// Number of rows.
    public var rows: Int
    /// Number of columns.
    public var cols: Int

    /// Creates a window.
    public init(rowOffset: Int, colOffset: Int, rows: Int, cols: Int) {
        self.rowOffset = rowOffset
        self.colOffset = colOffset
        self.rows = rows
        self.cols = cols
    }
}
