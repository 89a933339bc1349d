import GeoCore

/// The pole of inaccessibility of a polygon: the interior point farthest from its boundary,
/// found by a best-first quadtree search over cells (after Garcia-Castellanos & Lombardo 2007
/// and mapbox/polylabel). The best place for a label inside an irregular polygon.
public enum PolyLabel {
    /// The result: the anchor and its distance to the nearest edge (negative when the polygon
    /// is degenerate and the anchor is a fallback outside or on the boundary).
    public struct Anchor: Hashable, Sendable {
        /// Anchor x.
        public var x: Double
        /// Anchor y.
        public var y: Double
        /// Distance from the anchor to the nearest ring edge (units of the input).
        public var distance: Double
    }

    /// Finds the pole of inaccessibility of the polygon whose rings (exterior first, then
    /// holes, each as interleaved `x, y` without or with closing vertex) are given.
    ///
    /// - Parameters:
    ///   - rings: the polygon's rings as interleaved `x, y` arrays, exterior first.
    ///   - precision: the search stops when no cell can improve the best distance by more than
    ///     this (units of the input, e.g. 0.5 px); values <= 0 or non-finite are replaced by
    ///     1/1000 of the polygon's smaller side.
    ///   - maximumProbes: a guard for slivers and huge rings: the search stops after this many
    ///     cell evaluations and returns the best so far.
    /// - Returns: `nil` for an exterior ring with fewer than three vertices or non-finite
    ///   coordinates. A zero-area polygon (all vertices on a line) returns the middle of its
    ///   bounding box with distance 0.
    public static func anchor(rings: [[Double]], precision: Double, maximumProbes: Int = 20_000) -> Anchor? {
        guard let outer = rings.first, outer.count >= 6 else { return nil }
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        var i = 0
        while i + 1 < outer.count {
            guard outer[i].isFinite, outer[i + 1].isFinite else { return nil }
            minX = Swift.min(minX, outer[i]); maxX = Swift.max(maxX, outer[i])
            minY = Swift.min(minY, outer[i + 1]); maxY = Swift.max(maxY, outer[i + 1])
            i += 2
        }
        let width = maxX - minX, height = maxY - minY
        if Swift.min(width, height) <= 0 || ringArea(outer) == 0 {
            return Anchor(x: minX + width / 2, y: minY + height / 2, distance: 0)
        }
        // Square cells of the smaller side cover the box; for slivers, larger cells keep the
        // initial grid within a quarter of the probe budget.
        let initialCells = Double(Swift.max(1, maximumProbes / 4))
        let cellSize = Swift.max(Swift.min(width, height), Swift.max(width, height) / initialCells)
        let eps = precision.isFinite && precision > 0 ? precision : cellSize / 1000
        var heap = CellHeap()
        var best = centroidCell(rings, fallbackX: minX + width / 2, fallbackY: minY + height / 2)
        let boxCell = Cell(x: minX + width / 2, y: minY + height / 2, h: 0, rings: rings)
        if boxCell.d > best.d { best = boxCell }
        let h = cellSize / 2
        var probes = 0
        var x = minX
        while x < maxX {
            var y = minY
            while y < maxY {
                heap.push(Cell(x: x + h, y: y + h, h: h, rings: rings))
                probes += 1
                y += cellSize
            }
            x += cellSize
        }
        while let cell = heap.pop() {
            if cell.d > best.d { best = cell }
            if cell.max - best.d <= eps || probes >= maximumProbes { continue }
            let q = cell.h / 2
            for (dx, dy) in [(-q, -q), (q, -q), (-q, q), (q, q)] {
                heap.push(Cell(x: cell.x + dx, y: cell.y + dy, h: q, rings: rings))
            }
            probes += 4
        }
        return Anchor(x: best.x, y: best.y, distance: best.d)
    }

    struct Cell {
        var x: Double
        var y: Double
        var h: Double
        var d: Double
        var max: Double

        init(x: Double, y: Double, h: Double, rings: [[Double]]) {
            self.x = x
            self.y = y
            self.h = h
            d = PolyLabel.signedDistance(x, y, rings)
            max = d + h * 2.0.squareRoot()
        }
    }

    /// A binary max-heap of cells by their potential `max`.
    struct CellHeap {
        private var items: [Cell] = []

        mutating func push(_ c: Cell) {
            items.append(c)
            var i = items.count - 1
            while i > 0 {
                let parent = (i - 1) / 2
                guard items[parent].max < items[i].max else { break }
                items.swapAt(parent, i)
                i = parent
            }
        }

        mutating func pop() -> Cell? {
            guard !items.isEmpty else { return nil }
            let top = items[0]
            let last = items.removeLast()
            if !items.isEmpty {
                items[0] = last
                var i = 0
                while true {
                    let l = 2 * i + 1, r = l + 1
                    var m = i
                    if l < items.count, items[l].max > items[m].max { m = l }
                    if r < items.count, items[r].max > items[m].max { m = r }
                    if m == i { break }
                    items.swapAt(i, m)
                    i = m
                }
            }
            return top
        }
    }

    /// Distance from (x, y) to the nearest edge, positive inside the polygon (even-odd rule).
    static func signedDistance(_ x: Double, _ y: Double, _ rings: [[Double]]) -> Double {
        var inside = false
        var minSq = Double.infinity
        for ring in rings {
            let n = ring.count / 2
            guard n >= 2 else { continue }
            var j = n - 1
            for i in 0..<n {
                let ax = ring[2 * i], ay = ring[2 * i + 1], bx = ring[2 * j], by = ring[2 * j + 1]
                if (ay > y) != (by > y), x < (bx - ax) * (y - ay) / (by - ay) + ax { inside.toggle() }
                minSq = Swift.min(minSq, Segment.distanceSquared(Coordinate(x, y), Coordinate(ax, ay), Coordinate(bx, by)))
                j = i
            }
        }
        return (inside ? 1 : -1) * minSq.squareRoot()
    }

    static func ringArea(_ ring: [Double]) -> Double {
        let n = ring.count / 2
        var s = 0.0
        var j = n - 1
        for i in 0..<n {
            s += ring[2 * j] * ring[2 * i + 1] - ring[2 * i] * ring[2 * j + 1]
            j = i
        }
        return s / 2
    }

    private static func centroidCell(_ rings: [[Double]], fallbackX: Double, fallbackY: Double) -> Cell {
        let ring = rings[0]
        let n = ring.count / 2
        var area = 0.0, cx = 0.0, cy = 0.0
        var j = n - 1
        for i in 0..<n {
            let f = ring[2 * i] * ring[2 * j + 1] - ring[2 * j] * ring[2 * i + 1]
            cx += (ring[2 * i] + ring[2 * j]) * f
            cy += (ring[2 * i + 1] + ring[2 * j + 1]) * f
            area += f * 3
            j = i
        }
        if area == 0 || !(cx / area).isFinite || !(cy / area).isFinite {
            return Cell(x: fallbackX, y: fallbackY, h: 0, rings: rings)
        }
        return Cell(x: cx / area, y: cy / area, h: 0, rings: rings)
    }
}
