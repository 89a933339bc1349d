/// Douglas–Peucker simplification on the integer output grid.
enum DouglasPeucker {
    /// Marks in `keep` the vertices of `xy[first...last]` (vertex indices into the interleaved
    /// `xy`) that Douglas–Peucker keeps at `tolerance` grid units; `first` and `last` are always
    /// kept. Iterative (explicit stack), O(n log n) typical, O(n^2) worst case.
    /// Ties on the largest distance go to the lowest index, so the result only depends on the
    /// sequence of vertices.
    static func mark(_ xy: [Int64], first: Int, last: Int, tolerance: Double, keep: inout [Bool]) {
        keep[first] = true
        keep[last] = true
        let tol2 = tolerance * tolerance
        var stack: [(Int, Int)] = [(first, last)]
        while let (a, b) = stack.popLast() {
            guard b > a + 1 else { continue }
            let ax = Double(xy[2 * a]), ay = Double(xy[2 * a + 1])
            let bx = Double(xy[2 * b]), by = Double(xy[2 * b + 1])
            let dx = bx - ax, dy = by - ay
            let len2 = dx * dx + dy * dy
            var best = -1.0, bestIndex = a
            for i in (a + 1)..<b {
                let px = Double(xy[2 * i]) - ax, py = Double(xy[2 * i + 1]) - ay
                let d2: Double
                if len2 == 0 {
                    d2 = px * px + py * py
                } else {
                    let t = Swift.max(0, Swift.min(1, (px * dx + py * dy) / len2))
                    let ex = px - t * dx, ey = py - t * dy
                    d2 = ex * ex + ey * ey
                }
                if d2 > best {
                    best = d2
                    bestIndex = i
                }
            }
            if best > tol2 {
                keep[bestIndex] = true
                stack.append((bestIndex, b))
                stack.append((a, bestIndex))
            }
        }
    }
}
