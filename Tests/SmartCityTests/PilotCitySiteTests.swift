import Foundation
import GeoCore
import GeoGEOS
import SmartCity
import Testing

@Suite struct PilotCitySiteTests {
    @Test(arguments: PilotCityID.allCases) func footprintHasThePlanAreaInsideItsSource(_ id: PilotCityID) throws {
        let site = try PilotSite.derive(id, geodata: atlas.geodata)
        let plan = PilotCityPlan.of(id)
        #expect(abs(site.areaKm2 - plan.areaKm2) < 1e-4)
        let engine = try GeometryEngine()
        let inside = try engine.area(try engine.intersection(site.footprint, site.source))
        #expect(abs(inside / 1e6 - site.areaKm2) < 1e-4)
        let wgs = try site.footprintWGS84().boundingBox
        #expect(abs((wgs.minY + wgs.maxY) / 2 - plan.centreLatitude) < 0.03)
        #expect(abs((wgs.minX + wgs.maxX) / 2 - plan.centreLongitude) < 0.03)
    }

    @Test func missingGeodata() {
        #expect(throws: PilotCityError.self) { try PilotSite.derive(.sejong51, geodata: URL(fileURLWithPath: "/nonexistent")) }
    }
}
