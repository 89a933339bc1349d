/// A statistic of the raster values inside a zone, weighted by exact coverage fractions, with
/// exactextract's definitions (`c` is a cell's coverage fraction, `x` its value, `w` its weight).
public enum ZonalStatistic: Hashable, Sendable, CustomStringConvertible {
    /// Σc over cells with data (covered cells, counted fractionally).
    case count
    /// Σx·c.
    case sum
    /// Σx·c / Σc.
    case mean
    /// Smallest value of a cell with c > 0.
    case min
    /// Largest value of a cell with c > 0.
    case max
    /// The value with the largest Σc; ties go to the larger value.
    case majority
    /// The value with the smallest Σc; ties go to the smaller value.
    case minority
    /// The number of distinct values.
    case variety
    /// Population variance weighted by c.
    case variance
    /// Population standard deviation weighted by c.
    case stdev
    /// The coverage-weighted median (``quantile(_:)`` at 0.5).
    case median
    /// The coverage-weighted quantile at `q` in [0, 1], with exactextract's interpolation.
    case quantile(Double)
    /// The share of Σc held by cells whose value equals the given value.
    case frac(Double)
    /// Σx·c·w with a weight raster.
    case weightedSum
    /// Σx·c·w / Σc·w with a weight raster.
    case weightedMean

    /// Parses a name as used on the command line and in exactextract: `count`, `sum`, `mean`,
    /// `min`, `max`, `majority` (or `mode`), `minority`, `variety`, `variance`, `stdev`, `median`,
    /// `quantile(q=0.25)` or `quantile=0.25`, `frac=3`, `weighted_sum`, `weighted_mean`.
    public init?(parsing text: String) {
        let s = String(text.filter { !$0.isWhitespace }).lowercased()
        switch s {
        case "count": self = .count
        case "sum": self = .sum
        case "mean": self = .mean
        case "min": self = .min
        case "max": self = .max
        case "majority", "mode": self = .majority
        case "minority": self = .minority
        case "variety": self = .variety
        case "variance": self = .variance
        case "stdev": self = .stdev
        case "median": self = .median
        case "weighted_sum": self = .weightedSum
        case "weighted_mean": self = .weightedMean
        default:
            if let q = Self.argument(of: "quantile", in: s), let v = Double(q), v >= 0, v <= 1 {
                self = .quantile(v)
            } else if let f = Self.argument(of: "frac", in: s), let v = Double(f), v.isFinite {
                self = .frac(v)
            } else {
                return nil
            }
        }
    }

    private static func argument(of name: String, in s: String) -> String? {
        guard s.hasPrefix(name) else { return nil }
        var rest = Substring(s.dropFirst(name.count))
        if rest.hasPrefix("("), rest.hasSuffix(")") { rest = rest.dropFirst().dropLast() }
        if rest.hasPrefix("q=") { rest = rest.dropFirst(2) }
        if rest.hasPrefix("=") || rest.hasPrefix("_") { rest = rest.dropFirst() }
        return rest.isEmpty ? nil : String(rest)
    }

    /// The column name: the parsed name, `quantile_25` for `quantile(0.25)`, `frac_3` for `frac(3)`.
    public var description: String {
        switch self {
        case .count: "count"
        case .sum: "sum"
        case .mean: "mean"
        case .min: "min"
        case .max: "max"
        case .majority: "majority"
        case .minority: "minority"
        case .variety: "variety"
        case .variance: "variance"
        case .stdev: "stdev"
        case .median: "median"
        case .quantile(let q): "quantile_\(Self.compact(q * 100))"
        case .frac(let v): "frac_\(Self.compact(v))"
        case .weightedSum: "weighted_sum"
        case .weightedMean: "weighted_mean"
        }
    }

    private static func compact(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }

    /// True when the statistic needs the per-value histogram (majority, quantiles, ...).
    public var needsHistogram: Bool {
        switch self {
        case .majority, .minority, .variety, .median, .quantile, .frac: true
        default: false
        }
    }
}
