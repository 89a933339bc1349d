import GeoCore

/// One row of a class legend.
public struct LegendEntry: Hashable, Sendable {
    /// Swatch colour.
    public var color: Color
    /// The label ("1,000 – 5,000", a category name, or "No data").
    public var label: String
    /// Number of features on the map in this class.
    public var count: Int
}

/// What a layer's legend shows, derived from its thematic treatment and data.
public enum LegendContent: Hashable, Sendable {
    /// Swatches with labels and counts; `note` explains the interval convention.
    case classes(title: String, entries: [LegendEntry], note: String)
    /// A colour ramp from `minimum` to `maximum` (with the no-data entry, if any).
    case gradient(title: String, palette: Palette, reversed: Bool, minimum: String, maximum: String, noData: LegendEntry?)
    /// Nested circles for proportional symbols.
    case circles(title: String, values: [String], radii: [Double], style: Style)
    /// One row for a plain layer: a swatch in the layer's `style` for geometry of `kind`
    /// (``PartKind/exterior`` for polygons, ``PartKind/line``, ``PartKind/point``) and `label`.
    case layer(label: String, style: Style, kind: PartKind)
}

/// The thematic result for one layer: a fill per feature and the legend.
struct ResolvedTheme {
    /// CSS class name suffix per feature (e.g. "c2", "nodata"), `nil` when the feature has no
    /// class (not thematic, or no geometry).
    var classOf: [String?]
    /// Fill per class name.
    var classFill: [(String, Color)]
    /// Fill of each feature for a gradient legend (inline), `nil` otherwise.
    var featureFill: [Color?]
    /// Circle radius in pixels per feature for proportional symbols.
    var radius: [Double?]
    /// The legend.
    var legend: LegendContent?

    static func none(_ n: Int) -> ResolvedTheme {
        ResolvedTheme(classOf: Array(repeating: nil, count: n), classFill: [],
                      featureFill: Array(repeating: nil, count: n), radius: Array(repeating: nil, count: n), legend: nil)
    }

    /// Resolves the theme of `layer`; `drawable[i]` says whether feature `i` has geometry on
    /// the map (features without geometry are neither classified nor counted).
    static func resolve(_ layer: Layer, drawable: [Bool]) throws(RenderError) -> ResolvedTheme {
        let n = layer.features.features.count
        guard let thematic = layer.thematic else { return .none(n) }
        var theme = ResolvedTheme.none(n)
        let indices = (0..<n).filter { drawable[$0] }
        switch thematic {
        case .choropleth(let c):
            switch c.classes {
            case .numeric(let scheme):
                let all = try numbers(c.values, layer)
                let values = indices.map { all[$0] }
                let cls = try Classification(values: values, scheme: scheme)
                var colors = cls.classCount > 0 ? try c.palette.colors(count: cls.classCount) : []
                if c.reversed { colors.reverse() }
                let noData = LegendEntry(color: c.noDataColor, label: "No data", count: cls.noDataCount)
                if c.legend == .gradient, cls.classCount > 0, let hi = cls.breaks.last {
                    let lo = cls.minimum
                    for (k, i) in indices.enumerated() {
                        if let v = values[k], v.isFinite {
                            let t = hi > lo ? (v - lo) / (hi - lo) : 0.5
                            theme.featureFill[i] = c.palette.color(at: c.reversed ? 1 - t : t)
                        } else {
                            theme.classOf[i] = "nodata"
                        }
                    }
                    theme.classFill = [("nodata", c.noDataColor)]
                    let f = NumberFormat.fitting([lo, hi])
                    theme.legend = .gradient(title: c.legendTitle, palette: c.palette, reversed: c.reversed,
                                             minimum: f.string(lo), maximum: f.string(hi),
                                             noData: cls.noDataCount > 0 ? noData : nil)
                    return theme
                }
                for (k, i) in indices.enumerated() {
                    theme.classOf[i] = cls.classOf[k].map { "c\($0)" } ?? "nodata"
                }
                theme.classFill = colors.enumerated().map { ("c\($0.offset)", $0.element) } + [("nodata", c.noDataColor)]
                let format = NumberFormat.fitting([cls.minimum] + cls.breaks)
                var entries: [LegendEntry] = []
                for (i, upper) in cls.breaks.enumerated() {
                    let lower = i == 0 ? cls.minimum : cls.breaks[i - 1]
                    entries.append(LegendEntry(color: colors[i], label: format.rangeLabel(lower: lower, upper: upper),
                                               count: cls.counts[i]))
                }
                if cls.noDataCount > 0 { entries.append(noData) }
                theme.legend = .classes(title: c.legendTitle, entries: entries,
                                        note: cls.classCount > 1 ? "Each class includes its upper limit." : "")
            case .categorical(let order):
                let all = categories(c.values, layer)
                let values = indices.map { all[$0] }
                let cats = Categories(values: values, order: order)
                var colors = cats.names.isEmpty ? [] : try c.palette.colors(count: cats.names.count)
                if c.reversed { colors.reverse() }
                for (k, i) in indices.enumerated() {
                    theme.classOf[i] = cats.classOf[k].map { "c\($0)" } ?? "nodata"
                }
                theme.classFill = colors.enumerated().map { ("c\($0.offset)", $0.element) } + [("nodata", c.noDataColor)]
                var entries = cats.names.enumerated().map {
                    LegendEntry(color: colors[$0.offset], label: $0.element, count: cats.counts[$0.offset])
                }
                if cats.noDataCount > 0 {
                    entries.append(LegendEntry(color: c.noDataColor, label: "No data", count: cats.noDataCount))
                }
                theme.legend = .classes(title: c.legendTitle, entries: entries, note: "")
            }
        case .proportionalSymbols(let p):
            let all = try numbers(p.values, layer)
            let maxValue = indices.compactMap { all[$0] }.filter { $0.isFinite && $0 > 0 }.max() ?? 0
            guard maxValue > 0, p.maximumRadius.isFinite, p.maximumRadius > 0 else { return theme }
            for i in indices {
                if let v = all[i], v.isFinite, v > 0 {
                    theme.radius[i] = p.maximumRadius * (v / maxValue).squareRoot()
                }
            }
            let legendValues = roundLegendValues(maxValue)
            let f = NumberFormat.fitting(legendValues)
            theme.legend = .circles(title: p.legendTitle, values: legendValues.map(f.string),
                                    radii: legendValues.map { p.maximumRadius * ($0 / maxValue).squareRoot() }, style: p.style)
        }
        return theme
    }

    /// Three round values (1, 2, 5 x 10^n) at about the maximum, a third and a tenth of it.
    static func roundLegendValues(_ maxValue: Double) -> [Double] {
        var out: [Double] = []
        for fraction in [1.0, 0.3, 0.1] {
            let v = roundDown(maxValue * fraction)
            if v > 0, !out.contains(v) { out.append(v) }
        }
        return out
    }

    /// The largest 1, 2 or 5 x 10^n not above `v` (v > 0).
    static func roundDown(_ v: Double) -> Double {
        guard v.isFinite, v > 0 else { return 0 }
        var p = 1.0
        while p * 10 <= v { p *= 10 }
        while p > v { p /= 10 }
        for m in [5.0, 2.0, 1.0] where m * p <= v { return m * p }
        return p
    }

    private static func numbers(_ source: ThematicValues, _ layer: Layer) throws(RenderError) -> [Double?] {
        let features = layer.features.features
        switch source {
        case .field(let name):
            return features.map { f -> Double? in
                switch f.properties[name] {
                case .some(.string(let s)): Double(s)
                case .some(let v): v.doubleValue
                case .none: nil
                }
            }
        case .numbers(let v):
            guard v.count == features.count else {
                throw .invalidOption("layer '\(layer.id)': \(v.count) values for \(features.count) features")
            }
            return v
        case .categories:
            throw .invalidOption("layer '\(layer.id)': a numeric scheme needs numbers, not categories")
        }
    }

    private static func categories(_ source: ThematicValues, _ layer: Layer) -> [String?] {
        let features = layer.features.features
        switch source {
        case .field(let name):
            return features.map { f -> String? in
                switch f.properties[name] {
                case .some(.string(let s)): s
                case .some(.int(let i)): String(i)
                case .some(.bool(let b)): b ? "true" : "false"
                case .some(.double(let d)) where d.isFinite: NumberFormat.fitting([d]).string(d)
                default: nil
                }
            }
        case .numbers(let v):
            return features.indices.map { i -> String? in
                guard i < v.count, let d = v[i], d.isFinite else { return nil }
                return NumberFormat.fitting([d]).string(d)
            }
        case .categories(let c):
            return features.indices.map { $0 < c.count ? c[$0] : nil }
        }
    }
}
