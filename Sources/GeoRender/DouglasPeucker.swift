import GeoCore

/// Douglas–Peucker simplification on the integer output grid (GeoCore's algorithm over the
/// renderer's interleaved grid buffers).
extension GeoCore.DouglasPeucker {
    /// Marks in `keep` the vertices of `xy[first...last]` (vertex indices into the interleaved
    /// `xy`) that Douglas–Peucker keeps at `tolerance` grid units; `first` and `last` are always
    /// kept. Ties on the largest distance go to the lowest index, so the result only depends on
    /// the sequence of vertices.
    static func mark(_ xy: [Int64], first: Int, last: Int, tolerance: Double, keep: inout [Bool]) {
        xy.withUnsafeBufferPointer { g in
            mark(first: first, last: last, tolerance: tolerance, keep: &keep) { i in
                (Double(g[2 * i]), Double(g[2 * i + 1]))
            }
        }
    }
}
