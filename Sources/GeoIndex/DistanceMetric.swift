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

/// A distance from a point to a box that never exceeds the distance to anything inside the box,
/// used to order nearest-neighbour searches.
///
/// A metric works in its own monotone *key* space (for example squared distance) so the inner
/// loop avoids square roots; ``distance(forKey:)`` and ``key(forDistance:)`` convert.
/// Searches take the metric as a generic parameter, so calls are specialised, not dynamic.
public protocol BoxDistanceMetric: Sendable {
    /// The key of the smallest distance from `(x, y)` to the closed box; 0 when inside.
    func key(x: Double, y: Double, minX: Double, minY: Double, maxX: Double, maxY: Double) -> Double
    /// The key of distance `distance` (same unit as ``distance(forKey:)``).
    func key(forDistance distance: Double) -> Double
    /// The distance whose key is `key`.
    func distance(forKey key: Double) -> Double
}

/// Euclidean distance in the plane, in the units of the coordinates. Keys are squared distances.
public struct PlanarMetric: BoxDistanceMetric {
    /// Creates the planar metric.
    @inlinable public init() {}

    /// Squared distance from `(x, y)` to the box.
    @inlinable
    public func key(x: Double, y: Double, minX: Double, minY: Double, maxX: Double, maxY: Double) -> Double {
        // Branch-free: per axis max(min - p, p - max, 0), which is the gap on the side the point
        // lies beyond (both differences are <= 0 inside), the same value the branches would give.
        // Written as selects, which compile to max instructions (and vectorise over a node's
        // children); SIMD `pointwiseMax`, with its NaN rules, compiled to compares and jumps.
        let ax = minX - x, bx = x - maxX, ay = minY - y, by = y - maxY
        var dx = ax > bx ? ax : bx, dy = ay > by ? ay : by
        dx = dx > 0 ? dx : 0
        dy = dy > 0 ? dy : 0
        return dx * dx + dy * dy
    }

    /// `distance` squared (negative distances give a negative key: nothing is that close).
    @inlinable
    public func key(forDistance distance: Double) -> Double { distance < 0 ? -1 : distance * distance }

    /// The square root of `key`.
    @inlinable
    public func distance(forKey key: Double) -> Double { key.squareRoot() }
}

/// Great-circle distance on a sphere for longitude/latitude boxes in degrees (x = longitude,
/// y = latitude). Keys are distances in metres (or the unit of ``radius``).
///
/// The distance to a box is exact for a box bounded by two meridians and two parallels that
/// does not cross the antimeridian; longitude differences wrap, so a point at 179.9 E is close to
/// a box at 179.9 W. It is a lower bound of the great-circle distance to anything in the box.
public struct HaversineMetric: BoxDistanceMetric {
    /// Sphere radius in metres (default: mean Earth radius, 6,371,008.8 m).
    public var radius: Double

    /// Creates the metric for a sphere of `radius` metres.
    public init(radius: Double = 6_371_008.8) { self.radius = radius }

    /// Metres from `(x, y)` (degrees) to the nearest point of the box.
    public func key(x: Double, y: Double, minX: Double, minY: Double, maxX: Double, maxY: Double) -> Double {
        let rad = Double.pi / 180
        if x >= minX && x <= maxX {
            if y >= minY && y <= maxY { return 0 }
            return radius * (y < minY ? minY - y : y - maxY) * rad
        }
        let west = longitudeGap(x, minX), east = longitudeGap(x, maxX)
        let (edge, gap) = west <= east ? (minX, west) : (maxX, east)
        // On the meridian `edge`, cos(distance) = A sin(lat') + B cos(lat') peaks at atan2(A, B);
        // over a latitude interval the best point is that peak or the nearer endpoint.
        let phi = y * rad
        let peak = atan2(sin(phi), cos(phi) * cos(gap * rad)) / rad
        let lat: Double
        if peak >= minY && peak <= maxY {
            lat = peak
        } else {
            lat = haversineAngle(y, x, minY, edge) <= haversineAngle(y, x, maxY, edge) ? minY : maxY
        }
        return radius * haversineAngle(y, x, lat, edge)
    }

    /// `distance` in metres (a key is a distance).
    public func key(forDistance distance: Double) -> Double { distance }

    /// `key` in metres.
    public func distance(forKey key: Double) -> Double { key }

    /// Metres between two longitude/latitude points in degrees.
    public func distance(_ a: Coordinate, _ b: Coordinate) -> Double {
        radius * haversineAngle(a.y, a.x, b.y, b.x)
    }
}

/// The absolute longitude difference in degrees, wrapped into `0...180`.
private func longitudeGap(_ a: Double, _ b: Double) -> Double {
    let d = abs(a - b).truncatingRemainder(dividingBy: 360)
    return d > 180 ? 360 - d : d
}

/// The central angle in radians between two latitude/longitude points given in degrees.
private func haversineAngle(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
    let rad = Double.pi / 180
    let sdLat = sin((lat2 - lat1) * rad / 2)
    let sdLon = sin((lon2 - lon1) * rad / 2)
    let h = sdLat * sdLat + cos(lat1 * rad) * cos(lat2 * rad) * sdLon * sdLon
    return 2 * asin(min(1, h.squareRoot()))
}
