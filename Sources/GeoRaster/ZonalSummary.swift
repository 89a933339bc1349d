/// Running sums of one zone's covered cells, from which every ``ZonalStatistic`` is read.
public struct ZonalSummary: Sendable {
    /// Σc: covered cells with data, counted fractionally.
    public private(set) var sumC = 0.0
    /// Σx·c.
    public private(set) var sumXC = 0.0
    /// Σc·w (equals Σc without a weight raster).
    public private(set) var sumCW = 0.0
    /// Σx·c·w.
    public private(set) var sumXCW = 0.0
    /// Smallest value seen (`+infinity` when none).
    public private(set) var minimum = Double.infinity
    /// Largest value seen (`-infinity` when none).
    public private(set) var maximum = -Double.infinity
    private var varianceWeight = 0.0
    private var varianceMean = 0.0
    private var varianceT = 0.0
    private let keepsHistogram: Bool
    private var keepsVariance = true
    /// Σc per distinct value (only when created with `histogram: true`).
    public private(set) var histogram: [Double: Double] = [:]

    /// An empty summary; `histogram` keeps per-value sums for majority, quantiles and the like.
    public init(histogram: Bool) { keepsHistogram = histogram }

    /// An empty summary that keeps the variance's running terms only when `variance` is true
    /// (``value(_:)`` of `.variance` and `.stdev` is then defined); every other statistic is the same.
    init(histogram: Bool, variance: Bool) {
        keepsHistogram = histogram
        keepsVariance = variance
    }

    /// Adds one cell with value `x`, coverage `c` and weight `w` (1 without a weight raster).
    @inlinable
    public mutating func add(_ x: Double, coverage c: Double, weight w: Double = 1) {
        addCell(x, c, w)
    }

    @usableFromInline
    mutating func addCell(_ x: Double, _ c: Double, _ w: Double) {
        sumC += c
        sumXC += x * c
        let cw = c * w
        sumCW += cw
        sumXCW += x * cw
        if x < minimum { minimum = x }
        if x > maximum { maximum = x }
        // West's weighted incremental variance.
        guard keepsVariance else {
            if keepsHistogram { histogram[x, default: 0] += c }
            return
        }
        varianceWeight += c
        let oldMean = varianceMean
        varianceMean += (c / varianceWeight) * (x - oldMean)
        varianceT += c * (x - oldMean) * (x - varianceMean)
        if keepsHistogram { histogram[x, default: 0] += c }
    }

    /// The value of a statistic; `nil` when it is undefined (no covered cell, or no such value
    /// for ``ZonalStatistic/frac(_:)``). `count` and `sum` are 0 for an empty zone.
    public func value(_ s: ZonalStatistic) -> Double? {
        switch s {
        case .count: return sumC
        case .sum: return sumXC
        case .weightedSum: return sumXCW
        default: break
        }
        guard sumC > 0 else { return s == .variety ? 0 : nil }
        switch s {
        case .count, .sum, .weightedSum: return nil
        case .mean: return sumXC / sumC
        case .weightedMean: return sumXCW / sumCW
        case .min: return minimum
        case .max: return maximum
        case .variance: return varianceT / varianceWeight
        case .stdev: return (varianceT / varianceWeight).squareRoot()
        case .variety: return Double(histogram.count)
        case .majority:
            return histogram.max { a, b in a.value < b.value || (a.value == b.value && a.key < b.key) }?.key
        case .minority:
            return histogram.min { a, b in a.value < b.value || (a.value == b.value && a.key < b.key) }?.key
        case .median: return quantile(0.5)
        case .quantile(let q): return quantile(q)
        case .frac(let v): return histogram[v].map { $0 / sumC }
        }
    }

    /// exactextract's weighted quantile: with values sorted ascending, weights `w_i` and
    /// cumulative weights `S_i`, element i sits at `s_i = i·w_i + (n−1)·S_{i−1}`; the quantile is
    /// interpolated linearly in `s` at `q·(n−1)·Σw`.
    private func quantile(_ q: Double) -> Double? {
        guard q >= 0, q <= 1, !histogram.isEmpty else { return nil }
        let sorted = histogram.sorted { $0.key < $1.key }
        let n = Double(sorted.count)
        var s = [Double](repeating: 0, count: sorted.count)
        var cum = 0.0, total = 0.0
        for (i, e) in sorted.enumerated() {
            total += e.value
            if i > 0 { s[i] = Double(i) * e.value + (n - 1) * cum }
            cum += e.value
        }
        let target = q * total * (n - 1)
        var right = 0
        while right < s.count && s[right] <= target { right += 1 }
        if right == 0 { return sorted[0].key }
        if right == s.count { return sorted[right - 1].key }
        let left = right - 1
        return sorted[left].key + (target - s[left]) * (sorted[right].key - sorted[left].key) / (s[right] - s[left])
    }
}
