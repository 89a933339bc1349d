import Foundation
import GeoCore
import GeoGEOS
import GeoProj
import SmartCity
import Testing

@Suite struct PilotCitySiteTests {
    /// The footprints computed before EPSG:5179 was used throughout (GEOS bisection), km².
    static let earlierArea: [PilotCityID: Double] = [.sejong51: 2.7410002773244497, .busanEDC: 2.7730001342697848]

    @Test(arguments: PilotCityID.allCases) func footprintHasThePlanAreaInsideItsSource(_ id: PilotCityID) throws {
        let site = try PilotSite.derive(id, geodata: atlas.geodata)
        let plan = PilotCityPlan.of(id)
        #expect(abs(site.areaKm2 - plan.areaKm2) < 1e-6)
        #expect(abs(site.areaKm2 / Self.earlierArea[id]! - 1) < 1e-3)
        let engine = try GeometryEngine()
        #expect(try engine.isValid(site.footprint))
        let inside = try engine.area(try engine.intersection(site.footprint, site.source))
        #expect(abs(inside / 1e6 - site.areaKm2) < 1e-6)
        #expect(abs(try engine.area(site.footprint) / 1e6 - site.areaKm2) < 1e-12)
        let wgs = try site.footprintWGS84().boundingBox
        #expect(abs((wgs.minY + wgs.maxY) / 2 - plan.centreLatitude) < 0.03)
        #expect(abs((wgs.minX + wgs.maxX) / 2 - plan.centreLongitude) < 0.03)
    }

    /// The footprint is metric (EPSG:5179): its planar area is the published site area within
    /// 0.1 %, and the geodesic area of the same polygon in WGS84 (GeoProj, on the ellipsoid)
    /// differs from it only by the projection's scale (EPSG:5179 is a transverse Mercator with
    /// k0 = 0.9996 on 127.5 E: the planar area is slightly smaller at both sites).
    @Test(arguments: [(PilotCityID.sejong51, 2.743), (.busanEDC, 2.773)])
    func reprojectedFootprintKeepsThePublishedArea(_ id: PilotCityID, published: Double) throws {
        let site = try PilotSite.derive(id, geodata: atlas.geodata)
        let box = site.footprint.boundingBox
        #expect(box.minX > 900_000 && box.maxX < 1_200_000 && box.minY > 1_600_000 && box.maxY < 1_900_000)
        let planar = try GeometryEngine().area(site.footprint) / 1e6
        #expect(abs(planar / published - 1) < 1e-3, "\(id): \(planar) km² against the published \(published) km²")
        let geodesic = abs(try Geodesic().area(try site.footprintWGS84())) / 1e6
        let ratio = planar / geodesic
        #expect(ratio < 1 && ratio > 0.999, "\(id): planar \(planar) km², geodesic \(geodesic) km²")
        // The source polygon goes through the same projection: its area agrees likewise.
        let sourceGeodesic = abs(try Geodesic().area(try Transformer(from: CRS(epsg: 5179), to: CRS(epsg: 4326)).transform(site.source))) / 1e6
        #expect(abs(try GeometryEngine().area(site.source) / 1e6 / sourceGeodesic - ratio) < 1e-4)
    }

    @Test func sharedGeodataOpensOnce() throws {
        let file = Geodata(folder: atlas.geodata)
        let a = try PilotSite.derive(.sejong51, from: file)
        let b = try PilotSite.derive(.busanEDC, from: file)
        #expect(file.connectionsOpened == 1 && file.reads(of: "ri") == 1 && file.reads(of: "emd") == 1)
        #expect(a.footprint == (try PilotSite.derive(.sejong51, geodata: atlas.geodata)).footprint)
        // The centre lies inside 강동동 and far enough from its edge that the whole circle fits:
        // its radius is that of a disc of 2.773 km² (939.5 m), not a clipped one.
        #expect(b.derivation.hasPrefix("circle of radius 940 m around 35.153 N 128.913 E"))
        #expect(a.derivation.hasPrefix("합강리 polygon eroded inward by 39.2 m"))
    }

    @Test func missingGeodata() {
        #expect(throws: PilotCityError.self) { try PilotSite.derive(.sejong51, geodata: URL(fileURLWithPath: "/nonexistent")) }
    }
}
