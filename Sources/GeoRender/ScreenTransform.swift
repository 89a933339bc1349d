import GeoCore

/// The affine map from projected map coordinates to SVG pixels: `px = x * scale + translateX`,
/// `py = translateY - y * scale` (SVG's y axis points down). Built by fitting a box into a
/// rectangle of the page, like d3-geo's `fitExtent`.
public struct ScreenTransform: Hashable, Sendable {
    /// Pixels per map unit.
    public var scale: Double
    /// Pixel x of map x = 0.
    public var translateX: Double
    /// Pixel y of map y = 0.
    public var translateY: Double

    /// Creates a transform from its three parameters.
    public init(scale: Double, translateX: Double, translateY: Double) {
        self.scale = scale
        self.translateX = translateX
        self.translateY = translateY
    }

    /// The transform that fits `bounds` (projected map units) into `viewport` (pixels), keeping
    /// the aspect ratio and centring the slack. Returns `nil` for an empty or non-finite box; a
    /// box of zero width and height (a single point) is centred at a scale of 1 px per unit.
    public static func fitting(_ bounds: BoundingBox, into viewport: BoundingBox) -> ScreenTransform? {
        guard !bounds.isEmpty, !viewport.isEmpty,
              bounds.minX.isFinite, bounds.maxX.isFinite, bounds.minY.isFinite, bounds.maxY.isFinite
        else { return nil }
        let sx = bounds.width > 0 ? viewport.width / bounds.width : .infinity
        let sy = bounds.height > 0 ? viewport.height / bounds.height : .infinity
        var k = Swift.min(sx, sy)
        if !k.isFinite || k <= 0 { k = 1 }
        let c = bounds.center, v = viewport.center
        return ScreenTransform(scale: k, translateX: v.x - c.x * k, translateY: v.y + c.y * k)
    }

    /// The pixel position of a map coordinate.
    @inlinable
    public func apply(x: Double, y: Double) -> (x: Double, y: Double) {
        (x * scale + translateX, translateY - y * scale)
    }

    /// The map coordinate of a pixel position.
    @inlinable
    public func invert(x: Double, y: Double) -> (x: Double, y: Double) {
        ((x - translateX) / scale, (translateY - y) / scale)
    }
}
