/// How numeric values are divided into classes. Classes are right-closed intervals: class `i`
/// holds `breaks[i-1] < v <= breaks[i]`, and the first class also holds the minimum (the
/// convention of mapclassify and geopandas).
public enum ClassificationScheme: Hashable, Sendable {
    /// `k` classes of (about) equal count; breaks are the k-quantiles with linear interpolation
    /// (numpy's default), duplicates removed, so fewer classes may result.
    case quantiles(Int)
    /// `k` classes of equal width between the minimum and the maximum.
    case equalInterval(Int)
    /// `k` classes minimising the within-class variance (Fisher–Jenks natural breaks, exact).
    case fisherJenks(Int)
    /// Explicit upper bounds, ascending; the maximum is appended when it exceeds the last bound.
    case userBreaks([Double])
}

/// The result of classifying numeric values: the class upper bounds, the class of every value
/// and the class counts, with values that are missing or not finite counted as no-data.
public struct Classification: Hashable, Sendable {
    /// Upper bound of every class, ascending (the last is the maximum of the data, or the last
    /// user break when larger).
    public let breaks: [Double]
    /// Smallest classified value.
    public let minimum: Double
    /// Class index of each input value, `nil` for no-data.
    public let classOf: [Int?]
    /// Number of values in each class.
    public let counts: [Int]
    /// Number of no-data values (nil, NaN or infinite).
    public let noDataCount: Int

    /// The number of classes.
    public var classCount: Int { breaks.count }

    /// The largest number of classes any scheme accepts.
    public static let maximumClasses = 256
    /// The largest number of values Fisher–Jenks classifies (its cost grows as k n^2).
    public static let maximumFisherJenksValues = 4000

    /// Classifies `values` (one per feature; `nil`, NaN and infinities are no-data).
    /// - Throws: ``RenderError/classification(_:)`` when a scheme asks for fewer than one class
    ///   or more than ``maximumClasses``, Fisher–Jenks gets more than ``maximumFisherJenksValues``
    ///   values or asks for more classes than there are distinct values, or user breaks are not
    ///   ascending and finite. All values being no-data is not an error: the result has no
    ///   class and every feature is no-data.
    public init(values: [Double?], scheme: ClassificationScheme) throws(RenderError) {
        let valid = values.compactMap { v -> Double? in
            guard let v, v.isFinite else { return nil }
            return v
        }.sorted()
        noDataCount = values.count - valid.count
        guard let lo = valid.first, let hi = valid.last else {
            breaks = []
            minimum = .nan
            classOf = values.map { _ in nil }
            counts = []
            return
        }
        minimum = lo
        var b: [Double]
        let asked: Int
        switch scheme {
        case .quantiles(let k), .equalInterval(let k), .fisherJenks(let k): asked = k
        case .userBreaks(let given): asked = given.count
        }
        guard asked <= Self.maximumClasses else {
            throw .classification("\(asked) classes asked; at most \(Self.maximumClasses)")
        }
        switch scheme {
        case .quantiles(let k):
            guard k >= 1 else { throw .classification("quantiles need at least 1 class, got \(k)") }
            b = Self.uniqueSorted((1...k).map { Self.percentile(valid, Double($0) / Double(k)) })
        case .equalInterval(let k):
            guard k >= 1 else { throw .classification("equal interval needs at least 1 class, got \(k)") }
            if hi == lo {
                b = [hi]
            } else {
                let width = (hi - lo) / Double(k)
                b = (1...k).map { lo + width * Double($0) }
                b[k - 1] = hi
            }
        case .fisherJenks(let k):
            guard k >= 1 else { throw .classification("Fisher-Jenks needs at least 1 class, got \(k)") }
            guard valid.count <= Self.maximumFisherJenksValues else {
                throw .classification("Fisher-Jenks is O(k n^2): \(valid.count) values is over \(Self.maximumFisherJenksValues); use quantiles")
            }
            let distinct = Self.uniqueSorted(valid).count
            guard k <= distinct else {
                throw .classification("Fisher-Jenks: \(k) classes asked but only \(distinct) distinct values")
            }
            b = FisherJenks.upperBounds(sorted: valid, classes: k)
        case .userBreaks(let given):
            guard !given.isEmpty, given.allSatisfy(\.isFinite) else {
                throw .classification("user breaks must be finite and non-empty")
            }
            for i in 1..<given.count where !(given[i] > given[i - 1]) {
                throw .classification("user breaks must be strictly ascending (break \(i): \(given[i]))")
            }
            b = given
            if hi > given[given.count - 1] { b.append(hi) }
        }
        breaks = b
        var c = [Int](repeating: 0, count: b.count)
        classOf = values.map { v -> Int? in
            guard let v, v.isFinite else { return nil }
            let i = Self.classIndex(v, b)
            c[i] += 1
            return i
        }
        counts = c
    }

    /// The index of the first break `>= v` (right-closed classes); values above the last break
    /// go to the last class.
    static func classIndex(_ v: Double, _ breaks: [Double]) -> Int {
        var lo = 0, hi = breaks.count - 1
        if v > breaks[hi] { return hi }
        while lo < hi {
            let mid = (lo + hi) / 2
            if breaks[mid] >= v { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// Linear-interpolation percentile of sorted values, `p` in 0...1.
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        let pos = p * Double(sorted.count - 1)
        let i = Swift.min(sorted.count - 1, Int(pos.rounded(.down)))
        let frac = pos - Double(i)
        guard frac > 0, i + 1 < sorted.count else { return sorted[i] }
        return sorted[i] + (sorted[i + 1] - sorted[i]) * frac
    }

    private static func uniqueSorted(_ v: [Double]) -> [Double] {
        var out: [Double] = []
        for x in v.sorted() where out.last != x { out.append(x) }
        return out
    }
}

/// Categories of a string (or integer) attribute, in a stable order.
public struct Categories: Hashable, Sendable {
    /// The distinct category names in legend order.
    public let names: [String]
    /// Category index of each input value, `nil` for no-data.
    public let classOf: [Int?]
    /// Number of features per category.
    public let counts: [Int]
    /// Number of features without a value.
    public let noDataCount: Int

    /// Groups `values`; with `order` the categories come in that order (values not listed are
    /// appended sorted), otherwise sorted by their text. `nil` and empty strings are no-data.
    public init(values: [String?], order: [String] = []) {
        var seen = Set<String>()
        var names: [String] = []
        for n in order where !n.isEmpty && seen.insert(n).inserted { names.append(n) }
        let rest = Set(values.compactMap { $0 }.filter { !$0.isEmpty && !seen.contains($0) }).sorted()
        names += rest
        var index: [String: Int] = [:]
        for (i, n) in names.enumerated() { index[n] = i }
        var c = [Int](repeating: 0, count: names.count)
        var missing = 0
        classOf = values.map { v -> Int? in
            guard let v, let i = index[v] else {
                missing += 1
                return nil
            }
            c[i] += 1
            return i
        }
        self.names = names
        counts = c
        noDataCount = missing
    }
}
