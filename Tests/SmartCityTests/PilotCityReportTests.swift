import SmartCity
import Testing

@Suite struct PilotCityReportTests {
    @Test func report() throws {
        let r = try busanTwin.analyse()
        #expect(r.residents == 8_500 && r.households == 3_380)
        #expect(r.layers.count == TwinLayerKind.allCases.count)
        #expect(r.hubs.distances.count == r.hubs.buildings)
    }
}
