/// The third pipeline stage: simplifies a layer on the output grid with a tolerance in pixels
/// while keeping borders shared by neighbouring polygons identical on both sides.
///
/// Method (after TopoJSON's arc extraction): a vertex is a *junction* when it occurs with
/// different pairs of neighbours in the layer (where three polygons meet, or where a shared
/// border ends). Rings are cut at junctions into arcs; each arc is simplified with its ends
/// fixed by Douglas–Peucker in a canonical direction (the arc read from its smaller end), so an
/// arc shared by two polygons simplifies to the same vertices in both. A ring without junctions
/// (an island, or an enclave and the hole it fills) starts at its smallest vertex and runs
/// towards its smaller neighbour, so both copies again simplify alike. Lines keep their end
/// points and are simplified as one arc.
///
/// After simplification, rings with fewer than three vertices or an area under
/// `minimumRingArea` are dropped: an enclave and its hole have the same area, so both go or both stay.
public struct SharedBorderSimplifier: Sendable {
    /// Tolerance in grid units (pixels times 10^decimals); 0 keeps every vertex.
    public let tolerance: Double
    /// Smallest ring area kept, in square grid units.
    public let minimumRingArea: Double

    /// Creates the stage.
    public init(tolerance: Double, minimumRingArea: Double) {
        self.tolerance = tolerance
        self.minimumRingArea = minimumRingArea
    }

    private struct GridPoint: Hashable {
        var x: Int64
        var y: Int64
        static func < (a: GridPoint, b: GridPoint) -> Bool { a.x != b.x ? a.x < b.x : a.y < b.y }
    }

    /// Neighbour state of a vertex: the first unordered pair of neighbours seen, and whether a
    /// different pair was seen since.
    private struct Neighbours {
        var a: GridPoint
        var b: GridPoint
        var junction: Bool
    }

    /// Runs the stage.
    public func run(_ input: PartGeometry<Int64>) -> PartGeometry<Int64> {
        guard tolerance > 0 || minimumRingArea > 0 else { return input }
        let junctions = findJunctions(input)
        var out = PartGeometry<Int64>()
        out.coordinates.reserveCapacity(input.coordinates.count / 2)
        var droppedExterior = false
        for p in 0..<input.partCount {
            let kind = input.partKind[p]
            let range = input.vertexRange(p)
            let xy = Array(input.coordinates[(2 * range.lowerBound)..<(2 * range.upperBound)])
            switch kind {
            case .point:
                out.append(xy, kind: kind, feature: input.partFeature[p])
            case .line:
                var keep = [Bool](repeating: false, count: xy.count / 2)
                simplifyArc(xy, Array(0..<(xy.count / 2)), keep: &keep)
                out.append(select(xy, keep), kind: kind, feature: input.partFeature[p])
            case .exterior, .hole:
                if kind == .hole, droppedExterior { continue }
                let ring = simplifyRing(xy, junctions: junctions)
                let keepRing = ring.count >= 6 && abs(Self.area2(ring)) / 2 >= minimumRingArea
                if kind == .exterior { droppedExterior = !keepRing }
                if keepRing { out.append(ring, kind: kind, feature: input.partFeature[p]) }
            }
        }
        return out
    }

    /// Twice the signed area of an open ring (grid units squared).
    static func area2(_ xy: [Int64]) -> Double {
        let n = xy.count / 2
        guard n >= 3 else { return 0 }
        var s = 0.0
        let x0 = Double(xy[0]), y0 = Double(xy[1])
        for i in 1..<(n - 1) {
            let ax = Double(xy[2 * i]) - x0, ay = Double(xy[2 * i + 1]) - y0
            let bx = Double(xy[2 * i + 2]) - x0, by = Double(xy[2 * i + 3]) - y0
            s += ax * by - bx * ay
        }
        return s
    }

    private func findJunctions(_ input: PartGeometry<Int64>) -> Set<GridPoint> {
        var seen: [GridPoint: Neighbours] = [:]
        seen.reserveCapacity(input.coordinates.count / 2)
        let c = input.coordinates
        for p in 0..<input.partCount where input.partKind[p] == .exterior || input.partKind[p] == .hole {
            let range = input.vertexRange(p)
            let n = range.count
            for k in 0..<n {
                let v = range.lowerBound + k
                let prev = range.lowerBound + (k + n - 1) % n, next = range.lowerBound + (k + 1) % n
                let here = GridPoint(x: c[2 * v], y: c[2 * v + 1])
                var a = GridPoint(x: c[2 * prev], y: c[2 * prev + 1])
                var b = GridPoint(x: c[2 * next], y: c[2 * next + 1])
                if b < a { swap(&a, &b) }
                if let state = seen[here] {
                    if !state.junction, state.a != a || state.b != b {
                        seen[here] = Neighbours(a: state.a, b: state.b, junction: true)
                    }
                } else {
                    seen[here] = Neighbours(a: a, b: b, junction: false)
                }
            }
        }
        var result = Set<GridPoint>()
        for (point, state) in seen where state.junction { result.insert(point) }
        return result
    }

    private func simplifyRing(_ xy: [Int64], junctions: Set<GridPoint>) -> [Int64] {
        let n = xy.count / 2
        guard n >= 3, tolerance > 0 else { return xy }
        func point(_ i: Int) -> GridPoint { GridPoint(x: xy[2 * i], y: xy[2 * i + 1]) }
        var cuts: [Int] = []
        if !junctions.isEmpty {
            for i in 0..<n where junctions.contains(point(i)) { cuts.append(i) }
        }
        var keep = [Bool](repeating: false, count: n)
        if cuts.isEmpty {
            var start = 0
            for i in 1..<n where point(i) < point(start) { start = i }
            let forward = !(point((start + n - 1) % n) < point((start + 1) % n))
            var order = [Int]()
            order.reserveCapacity(n + 1)
            for k in 0...n {
                order.append(forward ? (start + k) % n : (start - k % n + n) % n)
            }
            simplifyArc(xy, order, keep: &keep)
        } else {
            for (j, from) in cuts.enumerated() {
                let to = cuts[(j + 1) % cuts.count]
                var order = [from]
                var i = from
                repeat {
                    i = (i + 1) % n
                    order.append(i)
                } while i != to
                simplifyArc(xy, order, keep: &keep)
            }
        }
        return select(xy, keep)
    }

    /// Simplifies the arc visiting `order` (vertex indices of `xy`) in a canonical direction and
    /// marks the kept vertices.
    private func simplifyArc(_ xy: [Int64], _ order: [Int], keep: inout [Bool]) {
        guard order.count >= 2 else {
            for i in order { keep[i] = true }
            return
        }
        func point(_ i: Int) -> GridPoint { GridPoint(x: xy[2 * i], y: xy[2 * i + 1]) }
        var path = order
        let first = point(order[0]), last = point(order[order.count - 1])
        if last < first || (first == last && order.count > 2 && point(order[order.count - 2]) < point(order[1])) {
            path.reverse()
        }
        var arc = [Int64]()
        arc.reserveCapacity(path.count * 2)
        for i in path {
            arc.append(xy[2 * i])
            arc.append(xy[2 * i + 1])
        }
        var arcKeep = [Bool](repeating: tolerance <= 0, count: path.count)
        if tolerance > 0 {
            DouglasPeucker.mark(arc, first: 0, last: path.count - 1, tolerance: tolerance, keep: &arcKeep)
        }
        for (k, i) in path.enumerated() where arcKeep[k] { keep[i] = true }
    }

    private func select(_ xy: [Int64], _ keep: [Bool]) -> [Int64] {
        var out = [Int64]()
        out.reserveCapacity(xy.count)
        for (i, k) in keep.enumerated() where k {
            out.append(xy[2 * i])
            out.append(xy[2 * i + 1])
        }
        return out
    }
}
