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
public import GeoCore
import GeoGEOS
import GeoIO
import GeoProj

/// The site footprint of a pilot city, derived from the shipped boundary polygons (no official
/// site polygon is public, so every footprint is a documented approximation).
public struct PilotSite: Sendable {
    /// The metric CRS the twins work in: EPSG:5179, Korea 2000 / Unified CS (metres; valid for both
    /// sites, whereas the Central Belt EPSG:5186 does not reach Busan).
    public static let epsg = 5179
    /// Segments per quarter circle of the Busan EDC site circle (128 around).
    static let circleQuadrantSegments = 32
    /// Which pilot.
    public var id: PilotCityID
    /// The footprint polygon, EPSG:5179 metres.
    public var footprint: Geometry
    /// The source polygon it was derived from (합강리 or 강동동), EPSG:5179 metres.
    public var source: Geometry
    /// Name of the source polygon (`합강리 (ri 3611032028)`, `강동동 (emd 26440103)`).
    public var sourceName: String
    /// Area of the footprint, km².
    public var areaKm2: Double
    /// How the footprint was derived, one sentence.
    public var derivation: String

    /// Derives the footprint of `id` from `korea.gpkg` in the Geodata folder `geodata` (opens the
    /// file for this one read; see ``derive(_:from:)`` to share an opened one).
    public static func derive(_ id: PilotCityID, geodata: URL) throws(PilotCityError) -> PilotSite {
        try derive(id, from: Geodata(folder: geodata))
    }

    /// Derives the footprint of `id` from the opened `geodata`, in EPSG:5179 throughout (the source
    /// polygon is read in WGS84 and projected once):
    /// - Sejong 5-1: the 합강리 polygon (ri layer, 3.07 km²; the zone lies inside it) eroded by a
    ///   uniform inward buffer whose distance is found by Newton's method on the area (its
    ///   derivative is the eroded perimeter), so the area is the plan's 2.741 km² within 0.01 m²;
    ///   a handful of buffers.
    /// - Busan EDC: a circle (128-gon) around the plan centre estimate (35.153 N, 128.913 E, inside 강동동) clipped
    ///   to the 강동동 polygon (emd layer, 18.45 km²), its radius found by bisection on the clipped
    ///   area computed in place (the circle is convex), then clipped once with GEOS, so the area
    ///   is the plan's 2.773 km² (the estimate lies just outside 강동동, so the site is the part
    ///   of 강동동 nearest to it).
    /// Areas are planar in EPSG:5179.
    public static func derive(_ id: PilotCityID, from geodata: Geodata) throws(PilotCityError) -> PilotSite {
        let plan = PilotCityPlan.of(id)
        let target = plan.areaKm2 * 1_000_000
        do {
            let engine = try GeometryEngine()
            let toMetric = try Transformer(from: CRS(epsg: 4326), to: CRS(epsg: epsg))
            switch id {
            case .sejong51:
                let source = try toMetric.transform(try polygon(geodata, layer: "ri", field: "name_ko", value: "합강리"))
                let handle = try engine.handle(source)
                // Newton on A(d) - target with A'(d) = perimeter of the eroded polygon.
                var distance = -(try engine.area(handle) - target) / (try engine.length(handle))
                var eroded = try engine.buffer(handle, distance: distance)
                var area = try engine.area(eroded)
                for _ in 0..<12 where abs(area - target) > 0.01 {
                    let perimeter = try engine.length(eroded)
                    guard perimeter > 0 else { break }
                    distance -= (area - target) / perimeter
                    eroded = try engine.buffer(handle, distance: distance)
                    area = try engine.area(eroded)
                }
                let footprint = try eroded.geometry()
                return PilotSite(id: id, footprint: footprint, source: source, sourceName: "합강리 (ri 3611032028)",
                                 areaKm2: try engine.area(footprint) / 1e6,
                                 derivation: "합강리 polygon eroded inward by \(String(cFormat: "%.1f", -distance)) m to the plan area of 2.741 km²")
            case .busanEDC:
                let source = try toMetric.transform(try polygon(geodata, layer: "emd", field: "code", value: "26440103"))
                let centre = try toMetric.transform(Coordinate(plan.centreLongitude, plan.centreLatitude))
                let rings = SiteCircle.rings(of: source)
                var lo = (target / Double.pi).squareRoot(), hi = 6_000.0
                for _ in 0..<60 where hi - lo > 1e-4 {
                    let mid = (lo + hi) / 2
                    if SiteCircle.clippedArea(rings, circle: SiteCircle.ring(centre: centre, radius: mid)) > target { hi = mid } else { lo = mid }
                }
                let circle = Geometry.polygon(Polygon(exterior: SiteCircle.ring(centre: centre, radius: hi)))
                let footprint = try engine.intersection(try engine.handle(circle), try engine.handle(source)).geometry()
                return PilotSite(id: id, footprint: footprint, source: source, sourceName: "강동동 (emd 26440103)",
                                 areaKm2: try engine.area(footprint) / 1e6,
                                 derivation: "circle of radius \(String(cFormat: "%.0f", hi)) m around \(String(cFormat: "%.3f N %.3f E", plan.centreLatitude, plan.centreLongitude)) clipped to 강동동, sized to the plan area of 2.773 km²")
            }
        } catch let e as PilotCityError {
            throw e
        } catch {
            throw .geometry("\(plan.nameEnglish) footprint: \(error)")
        }
    }

    /// The footprint in WGS84 longitude/latitude.
    public func footprintWGS84() throws(PilotCityError) -> Geometry {
        do {
            return try Transformer(from: CRS(epsg: Self.epsg), to: CRS(epsg: 4326)).transform(footprint)
        } catch { throw .geometry("footprint to WGS84: \(error)") }
    }

    static func polygon(_ geodata: Geodata, layer: String, field: String, value: String) throws(PilotCityError) -> Geometry {
        let features: FeatureCollection
        do {
            features = try geodata.features(layer, where: (field, .text(value)))
        } catch {
            throw .geodata("\(error)")
        }
        guard let g = features.features.first(where: { $0.properties[field]?.stringValue == value })?.geometry else {
            throw .missingBoundary(layer: layer, name: value)
        }
        return g
    }
}

/// The Busan EDC site circle: a regular polygon laid out as GEOS buffers a point (first vertex
/// due east, clockwise), and the area of a polygon clipped to it.
enum SiteCircle {
    /// The closed ring of the circle of `radius` around `centre`, 4 × ``PilotSite/circleQuadrantSegments``
    /// vertices, clockwise from due east.
    static func ring(centre: Coordinate, radius: Double) -> [Coordinate] {
        let n = 4 * PilotSite.circleQuadrantSegments
        let step = 2 * Double.pi / Double(n)
        var ring: [Coordinate] = []
        ring.reserveCapacity(n + 1)
        for i in 0..<n {
            let angle = -Double(i) * step
            ring.append(Coordinate(centre.x + radius * cos(angle), centre.y + radius * sin(angle)))
        }
        ring.append(ring[0])
        return ring
    }

    /// The rings of a polygonal geometry with the sign their area takes: +1 for exteriors, -1 for holes.
    static func rings(of geometry: Geometry) -> [(ring: [Coordinate], sign: Double)] {
        switch geometry {
        case .polygon(let p): [(p.exterior, 1)] + p.holes.map { ($0, -1) }
        case .multiPolygon(let mp): mp.polygons.flatMap { rings(of: .polygon($0)) }
        case .geometryCollection(let gc): gc.geometries.flatMap { rings(of: $0) }
        default: []
        }
    }

    /// Area of the polygon made of `rings` inside the convex `circle` (closed ring, either
    /// orientation): every ring is clipped to the circle (Sutherland–Hodgman, exact for a convex
    /// clip region) and the absolute areas summed with the rings' signs.
    static func clippedArea(_ rings: [(ring: [Coordinate], sign: Double)], circle: [Coordinate]) -> Double {
        let clip = signedArea(circle) < 0 ? Array(circle.reversed()) : circle   // counter-clockwise
        var total = 0.0
        for (ring, sign) in rings {
            var poly = ring.count > 1 && ring[0].equals2D(ring[ring.count - 1]) ? Array(ring.dropLast()) : ring
            for e in 0..<(clip.count - 1) where !poly.isEmpty {
                let a = clip[e], b = clip[e + 1]
                func inside(_ p: Coordinate) -> Bool { (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x) >= 0 }
                func cross(_ p: Coordinate, _ q: Coordinate) -> Coordinate {
                    let dx = q.x - p.x, dy = q.y - p.y
                    let den = (b.x - a.x) * dy - (b.y - a.y) * dx
                    let t = ((b.y - a.y) * (p.x - a.x) - (b.x - a.x) * (p.y - a.y)) / den
                    return Coordinate(p.x + t * dx, p.y + t * dy)
                }
                var out: [Coordinate] = []
                out.reserveCapacity(poly.count + 4)
                var prev = poly[poly.count - 1]
                var prevIn = inside(prev)
                for cur in poly {
                    let curIn = inside(cur)
                    if curIn {
                        if !prevIn { out.append(cross(prev, cur)) }
                        out.append(cur)
                    } else if prevIn {
                        out.append(cross(prev, cur))
                    }
                    prev = cur
                    prevIn = curIn
                }
                poly = out
            }
            if poly.count >= 3 { total += sign * abs(signedArea(poly + [poly[0]])) }
        }
        return total
    }

    /// Shoelace area of a closed ring, positive counter-clockwise.
    static func signedArea(_ ring: [Coordinate]) -> Double {
        guard ring.count > 3 else { return 0 }
        var s = 0.0
        for i in 0..<(ring.count - 1) { s += ring[i].x * ring[i + 1].y - ring[i + 1].x * ring[i].y }
        return s / 2
    }
}
