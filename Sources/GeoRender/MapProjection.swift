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

/// A map projection: turns source coordinates (the layers' CRS) into planar map coordinates
/// (metres or any planar unit, y pointing north). The screen transform is applied afterwards.
///
/// Conforming types work on flat interleaved arrays `[x0, y0, x1, y1, ...]` so that a
/// projection library can transform a whole ring in one call.
public protocol MapProjection: Sendable {
    /// A short identifier of the target CRS written into the SVG `<metadata>` (e.g. "EPSG:5179").
    var crsIdentifier: String { get }
    /// True when straight source segments stay straight after projection (affine maps), so the
    /// resampling stage can be skipped.
    var isAffine: Bool { get }
    /// Projects `xy` (interleaved source coordinates) in place. A vertex that cannot be
    /// projected becomes NaN; the pipeline reports it as ``RenderError/unprojectable(layer:feature:x:y:)``.
    func project(_ xy: inout [Double])
    /// The geographic position (longitude, latitude in degrees, WGS84) of a projected point, or
    /// `nil` when the projection has no geographic reference (plain planar data).
    func geographic(x: Double, y: Double) -> (longitude: Double, latitude: Double)?
    /// Projects one geographic position (degrees) to map coordinates, or `nil` when the
    /// projection has no geographic reference. Used for the north arrow and the graticule.
    func projectGeographic(longitude: Double, latitude: Double) -> (x: Double, y: Double)?
    /// Metres per map unit for planar data without a geographic reference (used by the scale
    /// bar as a fallback); `nil` when unknown.
    var metresPerUnit: Double? { get }
}

extension MapProjection {
    /// Projects one coordinate; NaN components when it cannot be projected.
    public func project(x: Double, y: Double) -> (x: Double, y: Double) {
        var xy = [x, y]
        project(&xy)
        return (xy[0], xy[1])
    }
}

/// The identity projection for data that is already projected (e.g. EPSG:5179 metres).
///
/// With `crsIdentifier` and `metresPerUnit` set, the scale bar is measured in the plane (grid
/// distance) and the north arrow points to grid north; give a geographic `reference` to measure
/// geodesically instead.
public struct PlanarProjection: MapProjection {
    /// Identifier written to the metadata, e.g. "EPSG:5179".
    public let crsIdentifier: String
    /// Metres per coordinate unit (1 for metre-based CRSs).
    public let metresPerUnit: Double?
    /// Always true: the identity is affine.
    public var isAffine: Bool { true }

    /// Creates the identity projection for planar data in `crsIdentifier` with the given unit.
    public init(crsIdentifier: String = "planar", metresPerUnit: Double? = 1) {
        self.crsIdentifier = crsIdentifier
        self.metresPerUnit = metresPerUnit
    }

    /// Leaves the coordinates as they are.
    public func project(_ xy: inout [Double]) {}
    /// Always `nil`: planar data has no geographic reference here.
    public func geographic(x: Double, y: Double) -> (longitude: Double, latitude: Double)? { nil }
    /// Always `nil`: planar data has no geographic reference here.
    public func projectGeographic(longitude: Double, latitude: Double) -> (x: Double, y: Double)? { nil }
}

/// The equirectangular (plate carrée) projection of longitude/latitude in degrees, scaled so
/// that distances along the standard parallel are true in metres on a sphere of radius
/// 6,371,008.8 m. Good enough for small areas and for tests; use a GeoProj CRS for real maps.
public struct EquirectangularProjection: MapProjection {
    /// Latitude (degrees) where the east-west scale is true.
    public let standardParallel: Double
    /// Sphere radius in metres.
    public static let radius = 6_371_008.8
    /// "EPSG:4326 (equirectangular, lat_ts=...)".
    public var crsIdentifier: String { "EPSG:4326 (equirectangular, lat_ts=\(standardParallel))" }
    /// Always true: plate carrée scales each axis linearly.
    public var isAffine: Bool { true }
    /// `nil`: the scale bar measures geodesically through ``geographic(x:y:)``.
    public var metresPerUnit: Double? { nil }

    private var kx: Double { Self.radius * .pi / 180 * cos(standardParallel * .pi / 180) }
    private var ky: Double { Self.radius * .pi / 180 }

    /// Creates the projection true to scale along `standardParallel` (degrees, |lat| < 90).
    public init(standardParallel: Double = 0) {
        self.standardParallel = standardParallel.isFinite ? Swift.max(-89, Swift.min(89, standardParallel)) : 0
    }

    /// Scales longitude and latitude (degrees) to metres; latitudes beyond ±90° become NaN.
    public func project(_ xy: inout [Double]) {
        let kx = kx, ky = ky
        var i = 0
        while i + 1 < xy.count {
            let lon = xy[i], lat = xy[i + 1]
            if lat.isFinite, lon.isFinite, abs(lat) <= 90 {
                xy[i] = lon * kx
                xy[i + 1] = lat * ky
            } else {
                xy[i] = .nan
                xy[i + 1] = .nan
            }
            i += 2
        }
    }

    /// The inverse scaling, metres to degrees.
    public func geographic(x: Double, y: Double) -> (longitude: Double, latitude: Double)? {
        (x / kx, y / ky)
    }

    /// Degrees to metres, `nil` beyond ±90° latitude.
    public func projectGeographic(longitude: Double, latitude: Double) -> (x: Double, y: Double)? {
        guard abs(latitude) <= 90 else { return nil }
        return (longitude * kx, latitude * ky)
    }
}
