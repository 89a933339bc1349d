import GeoCore

/// The affine map from cell space to world space, in GDAL's six-term order.
///
/// Cell space has its origin at the top-left corner of the top-left cell; `col` grows to the
/// right and `row` grows downwards, one unit per cell. For a cell-space point `(col, row)`:
///
///     x = originX + col * pixelWidth + row * rowRotation
///     y = originY + col * colRotation + row * pixelHeight
///
/// A north-up grid has both rotations 0 and a negative `pixelHeight`. Units are those of the CRS
/// (metres for EPSG:5179).
public struct GeoTransform: Hashable, Sendable {
    /// World x of the top-left corner of the top-left cell.
    public var originX: Double
    /// Change of x per column (cell width for a north-up grid).
    public var pixelWidth: Double
    /// Change of x per row (0 for a north-up grid).
    public var rowRotation: Double
    /// World y of the top-left corner of the top-left cell.
    public var originY: Double
    /// Change of y per column (0 for a north-up grid).
    public var colRotation: Double
    /// Change of y per row (negative cell height for a north-up grid).
    public var pixelHeight: Double

    /// Creates a transform from its six terms (GDAL order).
    public init(originX: Double, pixelWidth: Double, rowRotation: Double = 0,
                originY: Double, colRotation: Double = 0, pixelHeight: Double) {
        self.originX = originX
        self.pixelWidth = pixelWidth
        self.rowRotation = rowRotation
        self.originY = originY
        self.colRotation = colRotation
        self.pixelHeight = pixelHeight
    }

    /// A north-up transform with square or rectangular cells: `cellWidth` and `cellHeight` are
    /// positive sizes in CRS units; the top-left corner is `(originX, originY)`.
    public static func northUp(originX: Double, originY: Double, cellWidth: Double, cellHeight: Double) -> GeoTransform {
        GeoTransform(originX: originX, pixelWidth: cellWidth, originY: originY, pixelHeight: -cellHeight)
    }

    /// The six terms in GDAL order `[originX, pixelWidth, rowRotation, originY, colRotation, pixelHeight]`.
    public var gdalCoefficients: [Double] { [originX, pixelWidth, rowRotation, originY, colRotation, pixelHeight] }

    /// True when both rotation terms are zero.
    public var isAxisAligned: Bool { rowRotation == 0 && colRotation == 0 }

    /// The area of one cell in squared CRS units (absolute determinant).
    public var cellArea: Double { abs(pixelWidth * pixelHeight - rowRotation * colRotation) }

    /// The world position of a cell-space point (fractional columns and rows).
    @inlinable
    public func world(col: Double, row: Double) -> Coordinate {
        Coordinate(x: originX + col * pixelWidth + row * rowRotation,
                   y: originY + col * colRotation + row * pixelHeight)
    }

    /// The world position of the centre of cell `(row, col)`.
    @inlinable
    public func cellCenter(row: Int, col: Int) -> Coordinate {
        world(col: Double(col) + 0.5, row: Double(row) + 0.5)
    }

    /// The inverse map (world to cell space), or `nil` when the transform is singular.
    public var inverse: InverseGeoTransform? {
        let det = pixelWidth * pixelHeight - rowRotation * colRotation
        guard det != 0, det.isFinite else { return nil }
        return InverseGeoTransform(forward: self, determinant: det)
    }
}

/// The map from world coordinates to fractional cell-space `(col, row)`; made by
/// ``GeoTransform/inverse``.
public struct InverseGeoTransform: Hashable, Sendable {
    @usableFromInline let ox: Double, oy: Double
    @usableFromInline let a: Double, b: Double, c: Double, d: Double

    init(forward t: GeoTransform, determinant det: Double) {
        ox = t.originX
        oy = t.originY
        a = t.pixelHeight / det
        b = -t.rowRotation / det
        c = -t.colRotation / det
        d = t.pixelWidth / det
    }

    /// Fractional column and row of a world position (cell `(r, c)` spans `[c, c+1) x [r, r+1)`).
    @inlinable
    public func cell(x: Double, y: Double) -> (col: Double, row: Double) {
        let dx = x - ox, dy = y - oy
        if b == 0 && c == 0 { return (dx * a, dy * d) }
        return (a * dx + b * dy, c * dx + d * dy)
    }
}
