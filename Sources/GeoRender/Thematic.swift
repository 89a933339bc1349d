/// Where the values of a thematic layer come from.
public enum ThematicValues: Hashable, Sendable {
    /// The feature property with this name (numbers for numeric schemes, strings or integers
    /// for categories).
    case field(String)
    /// One number per feature, in feature order (`nil` or NaN for no-data).
    case numbers([Double?])
    /// One category per feature, in feature order (`nil` for no-data).
    case categories([String?])
}

/// How a choropleth divides its values.
public enum ChoroplethClasses: Hashable, Sendable {
    /// Numeric classes by a scheme.
    case numeric(ClassificationScheme)
    /// One class per distinct value; `order` fixes the legend order of the listed names.
    case categorical(order: [String])
}

/// The legend drawn for a numeric choropleth.
public enum LegendKind: Hashable, Sendable {
    /// One swatch per class with its interval and count.
    case classes
    /// A continuous colour bar from the minimum to the maximum (features are coloured by their
    /// position on the ramp instead of by class).
    case gradient
}

/// A choropleth: every polygon filled by the class of its value.
public struct Choropleth: Hashable, Sendable {
    /// The values.
    public var values: ThematicValues
    /// Numeric scheme or categories.
    public var classes: ChoroplethClasses
    /// The colour scheme.
    public var palette: Palette
    /// True to run the palette from its last colour to its first.
    public var reversed: Bool
    /// Fill of features without a value (shown as "No data" in the legend).
    public var noDataColor: Color
    /// The legend heading (e.g. "Population, 2020 (persons)").
    public var legendTitle: String
    /// Class swatches or a gradient bar (numeric only).
    public var legend: LegendKind

    /// Creates a choropleth.
    public init(values: ThematicValues, classes: ChoroplethClasses = .numeric(.quantiles(5)),
                palette: Palette = .colorBrewer("YlOrRd"), reversed: Bool = false,
                noDataColor: Color = Color(red: 0xd9, green: 0xd9, blue: 0xd9),
                legendTitle: String = "", legend: LegendKind = .classes) {
        self.values = values
        self.classes = classes
        self.palette = palette
        self.reversed = reversed
        self.noDataColor = noDataColor
        self.legendTitle = legendTitle
        self.legend = legend
    }
}

/// Proportional symbols: a circle per feature whose area is proportional to its value,
/// placed on the point (or the polygon's label anchor).
public struct ProportionalSymbols: Hashable, Sendable {
    /// The values (negative, NaN and missing values draw no symbol).
    public var values: ThematicValues
    /// Radius in pixels of the largest value's circle.
    public var maximumRadius: Double
    /// Symbol style (fill, stroke, opacity).
    public var style: Style
    /// The legend heading.
    public var legendTitle: String

    /// Creates proportional symbols.
    public init(values: ThematicValues, maximumRadius: Double = 20,
                style: Style = Style(fill: Color(red: 0xe3, green: 0x4a, blue: 0x33), stroke: .white,
                                     strokeWidth: 0.5, fillOpacity: 0.75),
                legendTitle: String = "") {
        self.values = values
        self.maximumRadius = maximumRadius
        self.style = style
        self.legendTitle = legendTitle
    }
}

/// The thematic treatment of a layer.
public enum Thematic: Hashable, Sendable {
    /// Fill polygons by class.
    case choropleth(Choropleth)
    /// Circles sized by value.
    case proportionalSymbols(ProportionalSymbols)
}
