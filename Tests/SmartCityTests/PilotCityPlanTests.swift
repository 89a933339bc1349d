import SmartCity
import Testing

@Suite struct PilotCityPlanTests {
    @Test func planFigures() {
        let sejong = PilotCityPlan.of(.sejong51), busan = PilotCityPlan.of(.busanEDC)
        #expect(sejong.areaKm2 == 2.741 && sejong.households == 11_400 && sejong.residents == 29_300)
        #expect(busan.areaKm2 == 2.773 && busan.households == 3_380 && busan.residents == 8_500)
        #expect(PilotCityID(rawValue: "sejong-5-1") == .sejong51 && PilotCityID(rawValue: "busan-edc") == .busanEDC)
        #expect(PilotCityID(rawValue: "sejong") == nil)
        #expect(sejong.floors == 4...25 && busan.floors == 3...20)
        #expect(sejong.hubSpacing < busan.hubSpacing)
    }

    @Test(arguments: PilotCityID.allCases) func planIsConsistent(_ id: PilotCityID) throws {
        let plan = PilotCityPlan.of(id)
        #expect(plan.id == id)
        // 2.4 to 2.6 persons per household, as Korean new towns are planned.
        let perHousehold = Double(plan.residents) / Double(plan.households)
        #expect(perHousehold > 2.4 && perHousehold < 2.6, "\(perHousehold)")
        #expect(plan.floors.lowerBound >= 1 && plan.floors.upperBound <= 50)
        // The plan centre lies in the sigungu of the site (the insets and the twin rely on it).
        let centre = try atlas.locate(latitude: plan.centreLatitude, longitude: plan.centreLongitude)
        #expect(centre?.code == id.sigunguCode, "\(id): centre in \(centre?.code ?? "nil")")
        #expect(try atlas.municipality(code: id.sigunguCode) != nil)
    }

    @Test func insetCaptions() {
        #expect(PilotCityID.allCases.map(\.insetID) == ["sejong", "busan-edc"])
        #expect(PilotCityID.allCases.map(\.sigunguCode) == ["36110", "26440"])
        #expect(PilotCityID.sejong51.insetTitle.hasPrefix("세종 5-1") && PilotCityID.busanEDC.insetTitle.hasPrefix("부산 에코델타시티"))
    }
}
