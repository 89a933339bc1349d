import GeoCore

/// Where things go on the page: the header (title, subtitle), the map frame and the footer
/// (attribution), in pixels.
public struct MapLayout: Hashable, Sendable {
    /// Page width.
    public var width: Double
    /// Page height.
    public var height: Double
    /// The map frame (layers are drawn and clipped here).
    public var frame: BoundingBox
    /// Baseline of the title.
    public var titleBaseline: Double
    /// Baseline of the subtitle.
    public var subtitleBaseline: Double
    /// Baseline of the attribution line.
    public var attributionBaseline: Double

    /// Title font size in pixels.
    public static let titleSize = 22.0
    /// Subtitle font size in pixels.
    public static let subtitleSize = 14.0
    /// Attribution font size in pixels.
    public static let attributionSize = 10.0

    /// Lays out `map` for data whose projected extent is `extent` (may be empty).
    /// - Throws: ``RenderError/invalidSize(width:height:)`` when the page is not positive and
    ///   finite or leaves less than 16 px for the frame.
    public static func make(_ map: Map, extent: BoundingBox) throws(RenderError) -> MapLayout {
        let width = map.width
        guard width.isFinite, width > 0, map.margin.isFinite, map.margin >= 0,
              map.height.map({ $0.isFinite && $0 > 0 }) ?? true
        else { throw .invalidSize(width: width, height: map.height ?? .nan) }
        var top = map.margin
        var titleBaseline = top, subtitleBaseline = top
        if !map.title.isEmpty {
            titleBaseline = top + titleSize
            top = titleBaseline + 6
        }
        if !map.subtitle.isEmpty {
            subtitleBaseline = top + subtitleSize
            top = subtitleBaseline + 6
        }
        if !map.title.isEmpty || !map.subtitle.isEmpty { top += 6 }
        let footer = map.attribution.isEmpty ? 0 : attributionSize + 8
        let frameWidth = width - 2 * map.margin
        let height: Double
        if let h = map.height {
            height = h
        } else {
            var aspect = extent.isEmpty || extent.width <= 0 ? 0.75 : extent.height / extent.width
            if !aspect.isFinite || aspect <= 0 { aspect = 0.75 }
            height = (top + frameWidth * Swift.min(3, Swift.max(0.25, aspect)) + footer + map.margin).rounded(.up)
        }
        let frameHeight = height - top - footer - map.margin
        guard frameWidth >= 16, frameHeight >= 16 else { throw .invalidSize(width: width, height: height) }
        return MapLayout(width: width, height: height,
                         frame: BoundingBox(minX: map.margin, minY: top, maxX: map.margin + frameWidth, maxY: top + frameHeight),
                         titleBaseline: titleBaseline, subtitleBaseline: subtitleBaseline,
                         attributionBaseline: height - map.margin + footer - 4)
    }
}
