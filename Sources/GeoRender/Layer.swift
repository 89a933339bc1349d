import GeoCore

/// Labels of a layer: text from a property, placed at the pole of inaccessibility of each
/// feature's largest polygon (or on the point), dropped where they would overlap.
public struct LabelOptions: Hashable, Sendable {
    /// The property holding the label text.
    public var field: String
    /// The numeric property deciding who wins a collision (larger first, e.g. population);
    /// `nil` ranks by polygon area on the map.
    public var priorityField: String?
    /// Font size in pixels.
    public var fontSize: Double
    /// Text colour.
    public var color: Color
    /// Halo colour drawn behind the text.
    public var haloColor: Color
    /// Halo width in pixels (0 for none).
    public var haloWidth: Double
    /// Extra free space required around each label, in pixels.
    public var padding: Double

    /// Creates label options.
    public init(field: String, priorityField: String? = nil, fontSize: Double = 11,
                color: Color = Color(red: 0x22, green: 0x22, blue: 0x22), haloColor: Color = .white,
                haloWidth: Double = 2.5, padding: Double = 2) {
        self.field = field
        self.priorityField = priorityField
        self.fontSize = fontSize
        self.color = color
        self.haloColor = haloColor
        self.haloWidth = haloWidth
        self.padding = padding
    }
}

/// One layer of a map: features, a style, an optional thematic treatment and labels.
public struct Layer: Hashable, Sendable {
    /// The id of the layer's `<g>` (sanitised to an XML name) and prefix of its feature ids.
    public var id: String
    /// The features, in drawing order.
    public var features: FeatureCollection
    /// The base style of every feature.
    public var style: Style
    /// Choropleth or proportional symbols, if any.
    public var thematic: Thematic?
    /// Labels, if any.
    public var labels: LabelOptions?
    /// The property whose value becomes the feature's element id (after the layer id); `nil`
    /// uses the feature id, or the feature's index.
    public var idField: String?
    /// Properties written as `data-*` attributes on every feature element (names lower-cased
    /// and reduced to `[a-z0-9_-]`), e.g. `["code", "name", "year"]`.
    public var dataFields: [String]
    /// Screen-space simplification tolerance in pixels (0 keeps every vertex on the grid).
    public var simplification: Double
    /// Rings smaller than this many square pixels after simplification are dropped.
    public var minimumRingArea: Double
    /// True to draw every polygon feature that lies in the frame, however small: a feature whose
    /// rings all collapse on the output grid or in simplification (a dong smaller than a pixel) is
    /// drawn as a 1 px square at the centre of its bounds, with its own id, class and colour, so
    /// that no statistical unit of a choropleth silently disappears. False (the default) drops
    /// such features.
    public var keepsEveryFeature = false
    /// False for a layer drawn only in insets (it then neither counts for the fitted extent nor
    /// appears in the main frame or the legend).
    public var showInMainMap: Bool
    /// True when the features are already in map coordinates (the CRS the map's projection
    /// projects to, e.g. EPSG:5179 metres): the map's projection is not applied to them.
    public var inMapCoordinates: Bool
    /// The legend row of a plain (non-thematic) layer: a swatch drawn with the layer's style
    /// (a box for polygons, a line for lines, the point symbol for points) and this label.
    /// `nil` or empty leaves the layer out of the legend; a thematic layer's legend comes from
    /// its ``thematic`` treatment instead.
    public var legendLabel: String?

    /// Creates a layer.
    public init(id: String, features: FeatureCollection, style: Style = Style(),
                thematic: Thematic? = nil, labels: LabelOptions? = nil, idField: String? = nil,
                dataFields: [String] = [], simplification: Double = 0.5, minimumRingArea: Double = 0.5,
                showInMainMap: Bool = true, inMapCoordinates: Bool = false, legendLabel: String? = nil) {
        self.id = id
        self.features = features
        self.style = style
        self.thematic = thematic
        self.labels = labels
        self.idField = idField
        self.dataFields = dataFields
        self.simplification = simplification
        self.minimumRingArea = minimumRingArea
        self.showInMainMap = showInMainMap
        self.inMapCoordinates = inMapCoordinates
        self.legendLabel = legendLabel
    }
}
