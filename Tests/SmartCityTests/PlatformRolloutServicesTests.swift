import SmartCity
import Testing

@Suite struct PlatformRolloutServicesTests {
    @Test func linkedServices() throws {
        let services = PlatformRollout.linkedServices(try rollout.selections(.recorded))
        #expect(services.count == 108)
        #expect(services.allSatisfy { $0.services.count == 5 && $0.services.allSatisfy { $0.status == .modelled } })
        #expect(services[0].services[0].year == 2016)
    }
}
