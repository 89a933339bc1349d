import GeoCore

/// A corner of the map frame, where furniture is placed.
public enum Corner: String, Hashable, Sendable {
    case topLeft, topRight, bottomLeft, bottomRight
}

/// An inset: a second view of some layers in a box of its own on the page (e.g. a pilot city
/// on the national map). Its extent is outlined on the main map.
public struct Inset: Hashable, Sendable {
    /// The id of the inset's `<g>`.
    public var id: String
    /// The caption drawn at the top of the inset.
    public var title: String
    /// The area shown, in projected map units.
    public var extent: BoundingBox
    /// Where the inset sits on the page, in pixels.
    public var frame: BoundingBox
    /// Ids of the layers drawn in the inset; empty draws every layer.
    public var layerIDs: [String]

    /// Creates an inset.
    public init(id: String, title: String, extent: BoundingBox, frame: BoundingBox, layerIDs: [String] = []) {
        self.id = id
        self.title = title
        self.extent = extent
        self.frame = frame
        self.layerIDs = layerIDs
    }
}

/// Whether styles go into one CSS `<style>` block (classes) or onto each element.
public enum StyleMode: Hashable, Sendable {
    /// One `<style>` block with a rule per layer and class (smaller files).
    case css
    /// Presentation attributes on every element (for tools that ignore CSS).
    case inline
}

/// A map: page size, projection, ordered layers and furniture. Render it with ``MapRenderer``.
public struct Map: Sendable {
    /// Page width in pixels.
    public var width: Double
    /// Page height in pixels; `nil` derives it from the data's aspect ratio.
    public var height: Double?
    /// The title (also the SVG `<title>`).
    public var title: String
    /// A subtitle under the title.
    public var subtitle: String
    /// The SVG `<desc>`: what the map shows, for screen readers.
    public var description: String
    /// The source and attribution line at the bottom.
    public var attribution: String
    /// From the layers' CRS to map coordinates.
    public var projection: any MapProjection
    /// The area to show, in projected map units; `nil` fits every layer.
    public var extent: BoundingBox?
    /// Space between the page edge and the map frame, in pixels.
    public var margin: Double
    /// The layers, bottom first.
    public var layers: [Layer]
    /// Decimals of every coordinate in the file (1 = 0.1 px).
    public var decimals: Int
    /// CSS classes or inline attributes.
    public var styleMode: StyleMode
    /// Page background; `nil` for transparent.
    public var background: Color?
    /// Where the legend goes; `nil` (the default) picks the corner where it hides the least of
    /// the drawn data and the insets, trying bottom right, bottom left, top right, top left.
    public var legendCorner: Corner?
    /// True to draw a scale bar (bottom left of the frame).
    public var scaleBar: Bool
    /// True to draw a north arrow (top right of the frame).
    public var northArrow: Bool
    /// Graticule spacing in degrees, `nil` for none (needs a geographic projection).
    public var graticuleStep: Double?
    /// Inset maps.
    public var insets: [Inset]
    /// Symbol definitions for ``PointSymbol/icon(id:size:)``: id -> SVG markup of a
    /// `<symbol>`'s content in a 0 0 1 1 box.
    public var symbolDefinitions: [String: String]

    /// The font stack of every text element (Korean names need a CJK font).
    public static let fontFamily = "'Noto Sans CJK KR', 'Noto Sans KR', sans-serif"

    /// Creates a map.
    public init(width: Double = 1200, height: Double? = nil, title: String = "", subtitle: String = "",
                description: String = "", attribution: String = "",
                projection: any MapProjection = PlanarProjection(), extent: BoundingBox? = nil,
                margin: Double = 16, layers: [Layer] = [], decimals: Int = 1, styleMode: StyleMode = .css,
                background: Color? = .white, legendCorner: Corner? = nil, scaleBar: Bool = true,
                northArrow: Bool = true, graticuleStep: Double? = nil, insets: [Inset] = [],
                symbolDefinitions: [String: String] = [:]) {
        self.width = width
        self.height = height
        self.title = title
        self.subtitle = subtitle
        self.description = description
        self.attribution = attribution
        self.projection = projection
        self.extent = extent
        self.margin = margin
        self.layers = layers
        self.decimals = decimals
        self.styleMode = styleMode
        self.background = background
        self.legendCorner = legendCorner
        self.scaleBar = scaleBar
        self.northArrow = northArrow
        self.graticuleStep = graticuleStep
        self.insets = insets
        self.symbolDefinitions = symbolDefinitions
    }
}
