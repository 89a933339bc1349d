/// Exact Euclidean distance transform (Felzenszwalb & Huttenlocher's lower envelope of
/// parabolas, one pass down the columns and one along the rows), in world units, for grids whose
/// cell axes are orthogonal (north-up, or rotated without shear). O(width × height).
public enum DistanceTransform {
    /// The result: distance from each cell centre to the nearest source cell centre, and the id
    /// of that source.
    public struct Result: Sendable {
        /// Distance in CRS units (metres for EPSG:5179); cells farther than the cut-off hold -1,
        /// which is the raster's nodata.
        public var distance: Raster<Double>
        /// The id of the nearest source; -1 (nodata) where the distance is cut off or no source exists.
        public var allocation: Raster<Int32>
    }

    /// Distances to the cells of `sources` that hold a value other than its nodata (or, without
    /// nodata, other than 0), with the nearest source's value as allocation.
    /// `maximumDistance` cuts the result off (cells farther than it become nodata).
    public static func compute(sources: Raster<Int32>, maximumDistance: Double = .infinity) throws(RasterError) -> Result {
        let t = sources.transform
        let dot = t.pixelWidth * t.rowRotation + t.colRotation * t.pixelHeight
        let sx = (t.pixelWidth * t.pixelWidth + t.colRotation * t.colRotation).squareRoot()
        let sy = (t.rowRotation * t.rowRotation + t.pixelHeight * t.pixelHeight).squareRoot()
        guard abs(dot) <= 1e-12 * sx * sy else {
            throw .invalidParameter("distance transform needs orthogonal cell axes (the geotransform has shear)")
        }
        guard !(maximumDistance < 0) else { throw .invalidParameter("maximum distance \(maximumDistance) is negative") }
        let w = sources.width, h = sources.height
        let empty: Int32 = sources.nodata ?? 0
        var g = [Double](repeating: .infinity, count: w * h)
        var owner = [Int32](repeating: -1, count: w * h)
        var f = [Double](repeating: 0, count: max(w, h))
        var d = [Double](repeating: 0, count: max(w, h))
        var arg = [Int](repeating: 0, count: max(w, h))
        var envelope = LowerEnvelope(capacity: max(w, h))
        // Columns.
        for c in 0..<w {
            for r in 0..<h { f[r] = sources.cells[r * w + c] != empty ? 0 : .infinity }
            envelope.transform(f, count: h, spacing: sy, into: &d, argmin: &arg)
            for r in 0..<h where d[r].isFinite {
                g[r * w + c] = d[r]
                owner[r * w + c] = sources.cells[arg[r] * w + c]
            }
        }
        // Rows.
        var distance = Raster<Double>(grid: sources.grid, fill: -1, crs: sources.crs, nodata: -1)
        var allocation = Raster<Int32>(grid: sources.grid, fill: -1, crs: sources.crs, nodata: -1)
        let cutoff2 = maximumDistance * maximumDistance
        for r in 0..<h {
            for c in 0..<w { f[c] = g[r * w + c] }
            envelope.transform(f, count: w, spacing: sx, into: &d, argmin: &arg)
            for c in 0..<w where d[c].isFinite && d[c] <= cutoff2 {
                distance.cells[r * w + c] = d[c].squareRoot()
                allocation.cells[r * w + c] = owner[r * w + arg[c]]
            }
        }
        return Result(distance: distance, allocation: allocation)
    }
}

/// The 1-D squared distance transform of a sampled function (parabola lower envelope).
struct LowerEnvelope {
    private var v: [Int]
    private var z: [Double]

    init(capacity: Int) {
        v = [Int](repeating: 0, count: capacity)
        z = [Double](repeating: 0, count: capacity + 1)
    }

    /// `out[q] = min_p (f[p] + (spacing·(q − p))²)` and `argmin[q]` the minimising p; infinity
    /// where every `f[p]` is infinite.
    mutating func transform(_ f: [Double], count n: Int, spacing s: Double, into out: inout [Double], argmin: inout [Int]) {
        var k = -1
        for q in 0..<n where f[q].isFinite {
            let pq = Double(q) * s
            while k >= 0 {
                let p = v[k]
                let pp = Double(p) * s
                let x = ((f[q] + pq * pq) - (f[p] + pp * pp)) / (2 * (pq - pp))
                if x <= z[k] { k -= 1 } else {
                    k += 1
                    v[k] = q
                    z[k] = x
                    z[k + 1] = .infinity
                    break
                }
            }
            if k < 0 {
                k = 0
                v[0] = q
                z[0] = -.infinity
                z[1] = .infinity
            }
        }
        if k < 0 {
            for q in 0..<n { out[q] = .infinity; argmin[q] = -1 }
            return
        }
        var j = 0
        for q in 0..<n {
            let x = Double(q) * s
            while z[j + 1] < x { j += 1 }
            let p = v[j]
            let dx = x - Double(p) * s
            out[q] = f[p] + dx * dx
            argmin[q] = p
        }
    }
}
