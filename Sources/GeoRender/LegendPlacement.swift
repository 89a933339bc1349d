import GeoCore

/// Chooses the corner of the map frame for the legend when the map does not ask for one: the
/// corner whose legend box hides the least of what is drawn.
///
/// Each candidate box is scored by the drawn area under it, in square pixels: polygons by the
/// area of their rings clipped to the box (holes subtract), lines by their clipped length times
/// their stroke width, points by their symbol's area, inset frames by their overlap. Corners are
/// tried in ``order``; a later corner wins only with a strictly smaller score, so a map whose
/// default corner is free keeps it.
struct LegendPlacement {
    /// The corners in the order they are tried; the first is the default.
    static let order: [Corner] = [.bottomRight, .bottomLeft, .topRight, .topLeft]
    /// Distance in pixels between the legend box and the frame edges.
    static let inset = 10.0

    /// What is drawn in the main frame, in grid units (10^decimals per pixel).
    var layers: [(grid: PartGeometry<Int64>, style: Style)]
    /// Grid units per pixel.
    var unitsPerPixel: Double
    /// The inset frames on the page, in pixels.
    var insetFrames: [BoundingBox]

    /// The legend box of `size` at `corner` of `frame`.
    static func box(_ corner: Corner, size: (width: Double, height: Double), frame: BoundingBox) -> BoundingBox {
        let x = corner == .topLeft || corner == .bottomLeft ? frame.minX + inset : frame.maxX - inset - size.width
        let y = corner == .topLeft || corner == .topRight ? frame.minY + inset : frame.maxY - inset - size.height
        return BoundingBox(minX: x, minY: y, maxX: x + size.width, maxY: y + size.height)
    }

    /// The corner in ``order`` with the least drawn area under a legend of `size`.
    func bestCorner(size: (width: Double, height: Double), frame: BoundingBox) -> Corner {
        var best = Self.order[0], bestScore = Double.infinity
        for corner in Self.order {
            let score = coveredArea(Self.box(corner, size: size, frame: frame))
            if score < bestScore { best = corner; bestScore = score }
        }
        return best
    }

    /// The drawn area (square pixels) under `box`.
    func coveredArea(_ box: BoundingBox) -> Double {
        var total = 0.0
        for frame in insetFrames where frame.intersects(box) {
            total += (Swift.min(frame.maxX, box.maxX) - Swift.max(frame.minX, box.minX))
                * (Swift.min(frame.maxY, box.maxY) - Swift.max(frame.minY, box.minY))
        }
        let clipper = RectangleClipper(rect: box)
        for (grid, style) in layers {
            let strokeWidth = style.stroke == nil ? 0 : Swift.max(1, style.strokeWidth ?? 1)
            for p in 0..<grid.partCount {
                let xy = pixels(grid, part: p)
                guard let bounds = Self.bounds(xy), bounds.intersects(box) else { continue }
                switch grid.partKind[p] {
                case .exterior where !style.fillNone:
                    total += Self.area(clipper.clipRing(xy[...]))
                case .hole where !style.fillNone:
                    total -= Self.area(clipper.clipRing(xy[...]))
                case .exterior, .hole, .line:
                    let closed = grid.partKind[p] != .line && xy.count >= 4 ? xy + xy[0..<2] : xy
                    total += clipper.clipLine(closed[...]).reduce(0) { $0 + Self.length($1) } * strokeWidth
                case .point:
                    total += Self.symbolArea(style.pointSymbol)
                }
            }
        }
        return total
    }

    /// Part `p` of `grid` in pixels, interleaved.
    private func pixels(_ grid: PartGeometry<Int64>, part p: Int) -> [Double] {
        let r = grid.vertexRange(p)
        var xy = [Double]()
        xy.reserveCapacity(2 * r.count)
        for i in (2 * r.lowerBound)..<(2 * r.upperBound) { xy.append(Double(grid.coordinates[i]) / unitsPerPixel) }
        return xy
    }

    private static func bounds(_ xy: [Double]) -> BoundingBox? {
        guard xy.count >= 2 else { return nil }
        var b = BoundingBox(minX: xy[0], minY: xy[1], maxX: xy[0], maxY: xy[1])
        var i = 2
        while i + 1 < xy.count {
            b.expand(toInclude: Coordinate(xy[i], xy[i + 1]))
            i += 2
        }
        return b
    }

    /// Absolute shoelace area of an open ring.
    private static func area(_ xy: [Double]) -> Double {
        let n = xy.count / 2
        guard n >= 3 else { return 0 }
        var twice = 0.0
        for i in 0..<n {
            let j = (i + 1) % n
            twice += xy[2 * i] * xy[2 * j + 1] - xy[2 * j] * xy[2 * i + 1]
        }
        return abs(twice) / 2
    }

    private static func length(_ xy: [Double]) -> Double {
        var total = 0.0, i = 2
        while i + 1 < xy.count {
            let dx = xy[i] - xy[i - 2], dy = xy[i + 1] - xy[i - 1]
            total += (dx * dx + dy * dy).squareRoot()
            i += 2
        }
        return total
    }

    private static func symbolArea(_ symbol: PointSymbol) -> Double {
        switch symbol {
        case .circle(let r): Double.pi * r * r
        case .square(let s): s * s
        case .icon(_, let size): size * size
        }
    }
}
