import GeoCore

/// Options of a ready-made one-layer thematic map (see ``ThematicMap``).
public struct ThematicMapOptions: Sendable {
    /// Title, subtitle, description and attribution of the page.
    public var title: String
    /// Subtitle under the title.
    public var subtitle: String
    /// The SVG `<desc>`.
    public var description: String
    /// Source line.
    public var attribution: String
    /// From the features' CRS to map coordinates.
    public var projection: any MapProjection
    /// Page width in pixels.
    public var width: Double
    /// The `<g>` id of the layer.
    public var layerID: String
    /// Property used for feature element ids.
    public var idField: String?
    /// Properties written as `data-*` attributes.
    public var dataFields: [String]
    /// Label text property, if labels are wanted.
    public var labelField: String?
    /// Label priority property (larger wins).
    public var labelPriorityField: String?
    /// The legend heading.
    public var legendTitle: String
    /// Colour scheme.
    public var palette: Palette
    /// Polygon outline colour.
    public var stroke: Color
    /// Outline width in pixels.
    public var strokeWidth: Double
    /// Inset maps.
    public var insets: [Inset]

    /// Creates options with cartographic defaults (white 0.3 px borders, YlOrRd, 1200 px).
    public init(title: String = "", subtitle: String = "", description: String = "", attribution: String = "",
                projection: any MapProjection = PlanarProjection(), width: Double = 1200, layerID: String = "areas",
                idField: String? = nil, dataFields: [String] = [], labelField: String? = nil,
                labelPriorityField: String? = nil, legendTitle: String = "", palette: Palette = .colorBrewer("YlOrRd"),
                stroke: Color = .white, strokeWidth: Double = 0.3, insets: [Inset] = []) {
        self.title = title
        self.subtitle = subtitle
        self.description = description
        self.attribution = attribution
        self.projection = projection
        self.width = width
        self.layerID = layerID
        self.idField = idField
        self.dataFields = dataFields
        self.labelField = labelField
        self.labelPriorityField = labelPriorityField
        self.legendTitle = legendTitle
        self.palette = palette
        self.stroke = stroke
        self.strokeWidth = strokeWidth
        self.insets = insets
    }
}

/// Ready-made thematic maps of one polygon layer from a value per feature: the hook for
/// application maps such as the platform rollout coverage map.
public enum ThematicMap {
    /// A choropleth of `values` (one per feature, in order; `nil` or NaN for no-data).
    public static func choropleth(_ features: FeatureCollection, values: [Double?],
                                  scheme: ClassificationScheme = .fisherJenks(5),
                                  options: ThematicMapOptions) -> Map {
        map(features, thematic: Choropleth(values: .numbers(values), classes: .numeric(scheme), palette: options.palette,
                                           legendTitle: options.legendTitle), options: options)
    }

    /// A categorical map of `categories` (one per feature; `nil` for no-data), legend in `order`.
    public static func categorical(_ features: FeatureCollection, categories: [String?], order: [String] = [],
                                   options: ThematicMapOptions) -> Map {
        map(features, thematic: Choropleth(values: .categories(categories), classes: .categorical(order: order),
                                           palette: options.palette, legendTitle: options.legendTitle), options: options)
    }

    private static func map(_ features: FeatureCollection, thematic: Choropleth, options: ThematicMapOptions) -> Map {
        let layer = Layer(id: options.layerID, features: features,
                          style: Style(stroke: options.stroke, strokeWidth: options.strokeWidth),
                          thematic: .choropleth(thematic),
                          labels: options.labelField.map { LabelOptions(field: $0, priorityField: options.labelPriorityField) },
                          idField: options.idField, dataFields: options.dataFields)
        return Map(width: options.width, title: options.title, subtitle: options.subtitle, description: options.description,
                   attribution: options.attribution, projection: options.projection, layers: [layer], insets: options.insets)
    }
}
