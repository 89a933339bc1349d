import SmartCity
import Testing

@Suite struct PilotCityPlanTests {
    @Test func planFigures() {
        let sejong = PilotCityPlan.of(.sejong51), busan = PilotCityPlan.of(.busanEDC)
        #expect(sejong.areaKm2 == 2.741 && sejong.households == 11_400 && sejong.residents == 29_300)
        #expect(busan.areaKm2 == 2.773 && busan.households == 3_380 && busan.residents == 8_500)
        #expect(PilotCityID(rawValue: "sejong-5-1") == .sejong51 && PilotCityID(rawValue: "busan-edc") == .busanEDC)
    }
}
