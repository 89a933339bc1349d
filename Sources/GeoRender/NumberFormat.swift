/// Formats numbers for legends and scale bars: thousands separators, a fixed number of
/// decimals, and a precision chosen so that neighbouring class limits never print alike.
public struct NumberFormat: Hashable, Sendable {
    /// Digits after the decimal point.
    public var decimals: Int
    /// Separator between groups of three digits ("," by default, "" for none).
    public var groupSeparator: String

    /// Creates a format.
    public init(decimals: Int, groupSeparator: String = ",") {
        self.decimals = Swift.max(0, Swift.min(6, decimals))
        self.groupSeparator = groupSeparator
    }

    /// The shortest format (0...6 decimals) that prints the distinct `values` distinctly and
    /// shows values below 100 with at least two or three significant digits; whole numbers get
    /// no decimals.
    public static func fitting(_ values: [Double], groupSeparator: String = ",") -> NumberFormat {
        let finite = values.filter(\.isFinite)
        guard let maxAbs = finite.map({ abs($0) }).max() else { return NumberFormat(decimals: 0, groupSeparator: groupSeparator) }
        let allWhole = finite.allSatisfy { $0 == $0.rounded() }
        var d: Int
        if allWhole || maxAbs >= 100 { d = 0 } else if maxAbs >= 10 { d = 1 } else if maxAbs >= 1 { d = 2 } else { d = 3 }
        let distinct = Set(finite)
        while d < 6 {
            let f = NumberFormat(decimals: d, groupSeparator: groupSeparator)
            if Set(distinct.map(f.string)).count == distinct.count { break }
            d += 1
        }
        return NumberFormat(decimals: d, groupSeparator: groupSeparator)
    }

    /// The text of `value`, e.g. 1234567.8 with 1 decimal is "1,234,567.8". Non-finite values
    /// print as "–". Negative zero prints as "0".
    public func string(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        var f = 1.0
        for _ in 0..<decimals { f *= 10 }
        let scaled = (abs(value) * f).rounded()
        guard scaled < 9e15 else { return value < 0 ? "-\(abs(value))" : "\(value)" }
        let units = Int64(scaled)
        let p = Int64(f)
        let whole = String(units / p)
        var grouped = ""
        for (i, ch) in whole.enumerated() {
            if i > 0, (whole.count - i) % 3 == 0 { grouped += groupSeparator }
            grouped.append(ch)
        }
        var s = (value < 0 && units != 0 ? "-" : "") + grouped
        if decimals > 0 {
            var frac = String(units % p)
            while frac.count < decimals { frac = "0" + frac }
            s += "." + frac
        }
        return s
    }

    /// The legend label of a right-closed class `(lower, upper]`: "lower – upper", or a single
    /// value when both print alike.
    public func rangeLabel(lower: Double, upper: Double) -> String {
        let a = string(lower), b = string(upper)
        return a == b ? b : "\(a) – \(b)"
    }
}
