/// How a point feature is drawn.
public enum PointSymbol: Hashable, Sendable {
    /// A circle of the given radius in pixels.
    case circle(radius: Double)
    /// A square of the given side in pixels, centred on the point.
    case square(side: Double)
    /// A `<use>` of the symbol `#id` defined in ``Map/symbolDefinitions``, scaled to `size` px.
    case icon(id: String, size: Double)
}

/// The drawing style of a layer or a class: SVG presentation properties. `nil` leaves a
/// property to SVG's default (or to the enclosing layer).
public struct Style: Hashable, Sendable {
    /// Fill colour; `nil` with ``fillNone`` false inherits.
    public var fill: Color?
    /// True to draw no fill (`fill="none"`), e.g. for boundaries drawn as outlines.
    public var fillNone: Bool
    /// Stroke colour, `nil` for no stroke.
    public var stroke: Color?
    /// Stroke width in pixels.
    public var strokeWidth: Double?
    /// Opacity of the whole element, 0...1.
    public var opacity: Double?
    /// Fill opacity, 0...1.
    public var fillOpacity: Double?
    /// Dash pattern in pixels (`stroke-dasharray`), empty for solid lines.
    public var dash: [Double]
    /// True to keep the stroke width constant when the SVG is zoomed (`vector-effect="non-scaling-stroke"`).
    public var nonScalingStroke: Bool
    /// The symbol for point features.
    public var pointSymbol: PointSymbol

    /// Creates a style; every property is optional.
    public init(fill: Color? = nil, fillNone: Bool = false, stroke: Color? = nil, strokeWidth: Double? = nil,
                opacity: Double? = nil, fillOpacity: Double? = nil, dash: [Double] = [],
                nonScalingStroke: Bool = false, pointSymbol: PointSymbol = .circle(radius: 3)) {
        self.fill = fill
        self.fillNone = fillNone
        self.stroke = stroke
        self.strokeWidth = strokeWidth
        self.opacity = opacity
        self.fillOpacity = fillOpacity
        self.dash = dash
        self.nonScalingStroke = nonScalingStroke
        self.pointSymbol = pointSymbol
    }

    /// The presentation properties as (name, value) pairs in a fixed order, values formatted
    /// with `decimals` places. Used both for CSS rules and for inline attributes.
    public func properties(decimals: Int = 2) -> [(String, String)] {
        var out: [(String, String)] = []
        if fillNone { out.append(("fill", "none")) } else if let fill { out.append(("fill", fill.hex)) }
        if let fillOpacity { out.append(("fill-opacity", Self.format(fillOpacity, 3))) }
        if let stroke { out.append(("stroke", stroke.hex)) }
        if let strokeWidth { out.append(("stroke-width", Self.format(strokeWidth, decimals))) }
        if !dash.isEmpty { out.append(("stroke-dasharray", dash.map { Self.format($0, decimals) }.joined(separator: " "))) }
        if stroke != nil { out.append(("stroke-linejoin", "round")) }
        if let opacity { out.append(("opacity", Self.format(opacity, 3))) }
        if nonScalingStroke { out.append(("vector-effect", "non-scaling-stroke")) }
        return out
    }

    /// Formats a number with at most `decimals` places, trailing zeros removed, locale-free.
    static func format(_ value: Double, _ decimals: Int) -> String {
        let w = SVGWriter()
        w.number(value, decimals: decimals)
        try? w.finish()
        return w.text
    }
}
