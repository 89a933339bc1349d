import Foundation
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

    /// Derives the footprint of `id` from `korea.gpkg` in the Geodata folder `geodata`:
    /// - Sejong 5-1: the 합강리 polygon (ri layer, 3.07 km²; the zone lies inside it) eroded by a
    ///   uniform inward buffer whose distance is found by bisection so the area is the plan's
    ///   2.741 km².
    /// - Busan EDC: a circle around the plan centre estimate (35.165 N, 128.92 E) clipped to the
    ///   강동동 polygon (emd layer, 18.45 km²), its radius found by bisection so the clipped area is
    ///   the plan's 2.773 km² (the estimate lies just outside 강동동, so the site is the part of
    ///   강동동 nearest to it).
    /// Areas are planar in EPSG:5179; bisection stops within 1 m².
    public static func derive(_ id: PilotCityID, geodata: URL) throws(PilotCityError) -> PilotSite {
        let path = geodata.appendingPathComponent(GeodataLocation.fileName).path
        let plan = PilotCityPlan.of(id)
        let target = plan.areaKm2 * 1_000_000
        do {
            let engine = try GeometryEngine()
            let toMetric = try Transformer(from: CRS(epsg: 4326), to: CRS(epsg: epsg))
            switch id {
            case .sejong51:
                let ri = try polygon(path, layer: "ri", field: "name_ko", value: "합강리")
                let source = try toMetric.transform(ri)
                let handle = try engine.handle(source)
                var lo = -500.0, hi = 0.0
                for _ in 0..<60 where hi - lo > 1e-4 {
                    let mid = (lo + hi) / 2
                    if try engine.area(try engine.buffer(handle, distance: mid)) > target { hi = mid } else { lo = mid }
                }
                let footprint = try engine.buffer(handle, distance: hi).geometry()
                let area = try engine.area(footprint)
                return PilotSite(id: id, footprint: footprint, source: source, sourceName: "합강리 (ri 3611032028)",
                                 areaKm2: area / 1e6,
                                 derivation: "합강리 polygon eroded inward by \(String(format: "%.1f", -hi)) m to the plan area of 2.741 km²")
            case .busanEDC:
                let emd = try polygon(path, layer: "emd", field: "code", value: "26440103")
                let source = try toMetric.transform(emd)
                let centre = try toMetric.transform(Coordinate(plan.centreLongitude, plan.centreLatitude))
                let point = try engine.handle(.point(Point(centre)))
                let dong = try engine.handle(source)
                let style = BufferStyle(quadrantSegments: 32)
                func clipped(_ r: Double) throws -> GEOSGeometryHandle {
                    try engine.intersection(try engine.buffer(point, distance: r, style: style), dong)
                }
                var lo = (target / Double.pi).squareRoot(), hi = 6_000.0
                for _ in 0..<60 where hi - lo > 1e-4 {
                    let mid = (lo + hi) / 2
                    if try engine.area(try clipped(mid)) > target { hi = mid } else { lo = mid }
                }
                let footprint = try clipped(hi).geometry()
                return PilotSite(id: id, footprint: footprint, source: source, sourceName: "강동동 (emd 26440103)",
                                 areaKm2: try engine.area(footprint) / 1e6,
                                 derivation: "circle of radius \(String(format: "%.0f", hi)) m around 35.165 N 128.92 E clipped to 강동동, sized to the plan area of 2.773 km²")
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

    static func polygon(_ path: String, layer: String, field: String, value: String) throws(PilotCityError) -> Geometry {
        let features: FeatureCollection
        do {
            features = try GeoPackageReader(path: path).readLayer(layer, where: (field, .text(value))).featureCollection
        } catch {
            throw .geodata("\(error)")
        }
        guard let g = features.features.first(where: { $0.properties[field]?.stringValue == value })?.geometry else {
            throw .missingBoundary(layer: layer, name: value)
        }
        return g
    }
}
