import GeoCore

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

    private struct GridPoint: Equatable {
        var x: Int64
        var y: Int64
        static func < (a: GridPoint, b: GridPoint) -> Bool { a.x != b.x ? a.x < b.x : a.y < b.y }
    }

    /// Runs the stage.
    public func run(_ input: PartGeometry<Int64>) -> PartGeometry<Int64> {
        guard tolerance > 0 || minimumRingArea > 0 else { return input }
        let junction = findJunctions(input)
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
                let ring = simplifyRing(xy, junction: junction[range])
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

    /// Per vertex of `input`: true when the vertex is a junction. One open-addressing hash
    /// table over the grid points (flat arrays, linear probing) holds the first unordered pair of
    /// neighbours seen at each point and whether a different pair was seen since.
    private func findJunctions(_ input: PartGeometry<Int64>) -> [Bool] {
        let c = input.coordinates
        let vertexCount = c.count / 2
        var capacity = 16
        while capacity < 2 * vertexCount { capacity <<= 1 }
        let mask = capacity - 1
        var keyX = [Int64](repeating: 0, count: capacity), keyY = [Int64](repeating: 0, count: capacity)
        var used = [Bool](repeating: false, count: capacity)
        var pair = [GridPoint](repeating: GridPoint(x: 0, y: 0), count: 2 * capacity)
        var isJunction = [Bool](repeating: false, count: capacity)
        var slotOf = [Int](repeating: -1, count: vertexCount)
        func slot(_ x: Int64, _ y: Int64) -> (Int, Bool) {
            var h = UInt64(bitPattern: x) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(bitPattern: y) &* 0xC2B2_AE3D_27D4_EB4F
            h ^= h >> 29
            var i = Int(truncatingIfNeeded: h) & mask
            while used[i] {
                if keyX[i] == x, keyY[i] == y { return (i, true) }
                i = (i + 1) & mask
            }
            return (i, false)
        }
        for p in 0..<input.partCount where input.partKind[p] == .exterior || input.partKind[p] == .hole {
            let range = input.vertexRange(p)
            let n = range.count
            for k in 0..<n {
                let v = range.lowerBound + k
                let prev = range.lowerBound + (k + n - 1) % n, next = range.lowerBound + (k + 1) % n
                var a = GridPoint(x: c[2 * prev], y: c[2 * prev + 1])
                var b = GridPoint(x: c[2 * next], y: c[2 * next + 1])
                if b < a { swap(&a, &b) }
                let (i, found) = slot(c[2 * v], c[2 * v + 1])
                if found {
                    if !isJunction[i], pair[2 * i] != a || pair[2 * i + 1] != b { isJunction[i] = true }
                } else {
                    used[i] = true
                    keyX[i] = c[2 * v]
                    keyY[i] = c[2 * v + 1]
                    pair[2 * i] = a
                    pair[2 * i + 1] = b
                }
                slotOf[v] = i
            }
        }
        return slotOf.map { $0 >= 0 && isJunction[$0] }
    }

    private func simplifyRing(_ xy: [Int64], junction: ArraySlice<Bool>) -> [Int64] {
        let n = xy.count / 2
        guard n >= 3, tolerance > 0 else { return xy }
        func point(_ i: Int) -> GridPoint { GridPoint(x: xy[2 * i], y: xy[2 * i + 1]) }
        var cuts: [Int] = []
        for i in 0..<n where junction[junction.startIndex + i] { cuts.append(i) }
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
