import GeoCore
import SmartCity
import Testing

@Suite struct PilotCityTests {
    @Test func replaceWithUserLayer() throws {
        var twin = sejongTwin
        let cams = FeatureCollection([Feature(geometry: .point(Point(Coordinate(127.334, 36.524))), properties: [:])])
        try twin.replace(.cctv, withWGS84: cams)
        #expect(twin.layer(.cctv).origin == .user)
        #expect(twin.layer(.cctv).features.features.count == 1)
        #expect(twin.layer(.buildings).origin == .modelled)
        let wrong = FeatureCollection([Feature(geometry: .lineString(LineString([Coordinate(127.3, 36.5), Coordinate(127.4, 36.5)])), properties: [:])])
        #expect(throws: PilotCityError.invalidLayer(layer: "cctv", reason: "feature 0: expected point geometry")) {
            try twin.replace(.cctv, withWGS84: wrong)
        }
        #expect(throws: PilotCityError.invalidLayer(layer: "roads", reason: "no features")) {
            try twin.replace(.roads, withWGS84: FeatureCollection([]))
        }
    }

    @Test func missingLayerIsRejected() {
        #expect(throws: PilotCityError.self) {
            try PilotCity(plan: sejongTwin.plan, site: sejongTwin.site, layers: [:])
        }
    }
}
