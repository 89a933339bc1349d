#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import GeoCore
import GeoProj

/// The scale bar: a round length (1, 2 or 5 x 10^n metres) measured geodesically across the
/// centre of the frame, drawn as four alternating segments.
public struct ScaleBar: Hashable, Sendable {
    /// The length shown, in metres.
    public var metres: Double
    /// Its length on the page, in pixels.
    public var pixels: Double

    /// The scale bar for a frame, or `nil` when the scale cannot be measured (a planar
    /// projection without units) or is degenerate.
    ///
    /// Metres per pixel come from the geodesic (WGS84, GeoProj's `Geodesic`) distance between two points 50 px either
    /// side of the frame centre when the projection has a geographic reference, otherwise from
    /// `metresPerUnit` and the screen scale. The length is the largest round value that fits in
    /// `maximumPixels`.
    public static func measure(frame: BoundingBox, transform: ScreenTransform, projection: any MapProjection,
                               maximumPixels: Double) -> ScaleBar? {
        let c = frame.center
        var metresPerPixel: Double?
        let a = transform.invert(x: c.x - 50, y: c.y), b = transform.invert(x: c.x + 50, y: c.y)
        if let ga = projection.geographic(x: a.x, y: a.y), let gb = projection.geographic(x: b.x, y: b.y) {
            metresPerPixel = (try? Geodesic().distance(from: Coordinate(ga.longitude, ga.latitude),
                                                       to: Coordinate(gb.longitude, gb.latitude))).map { $0 / 100 }
        } else if let unit = projection.metresPerUnit {
            metresPerPixel = unit / transform.scale
        }
        guard let mpp = metresPerPixel, mpp.isFinite, mpp > 0, maximumPixels > 0 else { return nil }
        let metres = ResolvedTheme.roundDown(maximumPixels * mpp)
        guard metres > 0 else { return nil }
        return ScaleBar(metres: metres, pixels: metres / mpp)
    }

    /// A length as text with its unit: "500 m", "2 km", "12.5 km".
    public static func label(_ metres: Double) -> String {
        let (value, unit) = metres >= 1000 ? (metres / 1000, " km") : (metres, " m")
        var decimals = 0, scaled = value
        while decimals < 3, abs(scaled - scaled.rounded()) > 1e-9 {
            decimals += 1
            scaled *= 10
        }
        return NumberFormat(decimals: decimals).string(value) + unit
    }

    /// Draws the bar with its left end at (x, y) (the baseline of the bar); returns the box used.
    func write(to w: SVGWriter, x: Double, y: Double) -> BoundingBox {
        w.raw("<g id=\"scale-bar\" font-size=\"11\">\n")
        let segment = pixels / 4
        for i in 0..<4 {
            w.raw("<rect")
            w.attribute("x", x + Double(i) * segment, decimals: 2)
            w.attribute("y", y - 6, decimals: 2)
            w.attribute("width", segment, decimals: 2)
            w.raw(" height=\"6\"")
            w.attribute("fill", i % 2 == 0 ? "#333333" : "#ffffff")
            w.raw(" stroke=\"#333333\" stroke-width=\"0.75\"/>\n")
        }
        for (t, text) in [(0.0, "0"), (0.5, Self.label(metres / 2)), (1.0, Self.label(metres))] {
            w.raw("<text")
            w.attribute("x", x + t * pixels, decimals: 2)
            w.attribute("y", y - 10, decimals: 2)
            w.raw(" text-anchor=\"middle\">")
            w.escaped(text)
            w.raw("</text>\n")
        }
        w.raw("</g>\n")
        return BoundingBox(minX: x - 12, minY: y - 24, maxX: x + pixels + 30, maxY: y + 2)
    }
}

/// The north arrow: points to true north at the frame centre when the projection has a
/// geographic reference (grid north otherwise).
public struct NorthArrow: Hashable, Sendable {
    /// Clockwise rotation from the page's up direction, in degrees.
    public var rotation: Double

    /// The arrow for a frame: the direction from the centre to a point 0.01° further north,
    /// in pixels.
    public static func measure(frame: BoundingBox, transform: ScreenTransform, projection: any MapProjection) -> NorthArrow {
        let c = frame.center
        let m = transform.invert(x: c.x, y: c.y)
        guard let g = projection.geographic(x: m.x, y: m.y),
              let n = projection.projectGeographic(longitude: g.longitude, latitude: Swift.min(90, g.latitude + 0.01))
        else { return NorthArrow(rotation: 0) }
        let p = transform.apply(x: n.x, y: n.y)
        let dx = p.x - c.x, dy = p.y - c.y
        guard dx * dx + dy * dy > 0, dx.isFinite, dy.isFinite else { return NorthArrow(rotation: 0) }
        return NorthArrow(rotation: atan2(dx, -dy) * 180 / .pi)
    }

    /// Draws the arrow centred at (x, y); returns the box used.
    func write(to w: SVGWriter, x: Double, y: Double) -> BoundingBox {
        w.raw("<g id=\"north-arrow\"")
        w.attribute("transform", "translate(\(Style.format(x, 2)),\(Style.format(y, 2))) rotate(\(Style.format(rotation, 2)))")
        w.raw(">\n<path d=\"M0 -16L7 10L0 5L-7 10Z\" fill=\"#333333\" stroke=\"#ffffff\" stroke-width=\"1\"/>\n")
        w.raw("<text x=\"0\" y=\"-20\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"bold\">N</text>\n</g>\n")
        return BoundingBox(minX: x - 18, minY: y - 36, maxX: x + 18, maxY: y + 18)
    }
}
