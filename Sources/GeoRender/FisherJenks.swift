/// Fisher–Jenks natural breaks: the optimal partition of sorted values into `k` classes that
/// minimises the total within-class sum of squared deviations (Fisher 1958, Jenks 1977).
///
/// Dynamic programming in O(k n^2) time and O(k n) memory, in Double. Each class's sum of
/// squares is accumulated with Welford's update, so there is no cancellation of `Σx² - (Σx)²/n`
/// on large values (populations of millions). Ties between equally good partitions are broken
/// as mapclassify does (the later split point wins).
enum FisherJenks {
    /// The upper bounds of the `k` classes (the last is the maximum) for `sorted` values.
    /// Requires `1 <= k <= sorted.count`.
    static func upperBounds(sorted values: [Double], classes k: Int) -> [Double] {
        let n = values.count
        guard n > 0, k >= 1 else { return [] }
        if k == 1 { return [values[n - 1]] }
        // cost[l * (k+1) + j]: best cost of the first l values in j classes;
        // start[l * (k+1) + j]: 1-based index of the first value of the last class.
        let stride = k + 1
        var cost = [Double](repeating: .infinity, count: (n + 1) * stride)
        var start = [Int](repeating: 0, count: (n + 1) * stride)
        for j in 1...k {
            start[1 * stride + j] = 1
            cost[1 * stride + j] = 0
        }
        if n >= 2 {
            for l in 2...n {
                var mean = 0.0, m2 = 0.0, w = 0.0
                var variance = 0.0
                for m in 1...l {
                    let first = l - m + 1
                    let x = values[first - 1]
                    w += 1
                    let delta = x - mean
                    mean += delta / w
                    m2 += delta * (x - mean)
                    variance = m2
                    let before = first - 1
                    if before != 0 {
                        for j in 2...k {
                            let candidate = variance + cost[before * stride + j - 1]
                            if cost[l * stride + j] >= candidate {
                                start[l * stride + j] = first
                                cost[l * stride + j] = candidate
                            }
                        }
                    }
                }
                start[l * stride + 1] = 1
                cost[l * stride + 1] = variance
            }
        }
        var bounds = [Double](repeating: 0, count: k)
        bounds[k - 1] = values[n - 1]
        var l = n
        var j = k
        while j > 1 {
            let first = start[l * stride + j]
            let index = first - 2
            guard index >= 0, index < n else { break }
            bounds[j - 2] = values[index]
            l = first - 1
            j -= 1
        }
        return bounds
    }
}
