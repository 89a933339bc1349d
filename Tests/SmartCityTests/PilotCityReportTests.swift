import Foundation
import SmartCity
import Testing

@Suite struct PilotCityReportTests {
    @Test(arguments: PilotCityID.allCases) func report(_ id: PilotCityID) throws {
        let twin = id == .sejong51 ? sejongTwin : busanTwin
        let r = try twin.analyse()
        let plan = PilotCityPlan.of(id)
        #expect(r.city == id && r.nameKorean == plan.nameKorean && r.plan == plan)
        #expect(r.residents == plan.residents && r.households == plan.households)
        // The footprint the report gives is the site's, within 0.1 % of the plan.
        #expect(r.footprintKm2 == twin.site.areaKm2 && r.footprintDerivation == twin.site.derivation)
        #expect(abs(r.footprintKm2 / plan.areaKm2 - 1) < 1e-3)
        #expect(r.layers.map(\.layer) == TwinLayerKind.allCases.map(\.rawValue))
        for l in r.layers {
            #expect(l.origin == .modelled)
            #expect(l.features == twin.layer(TwinLayerKind(rawValue: l.layer)!).features.features.count && l.features > 0)
        }
        // 119 response: one row per dispatch time; a faster dispatch never reaches fewer.
        #expect(r.response.map(\.dispatchSeconds) == PilotCityAnalysis.dispatchTimes)
        #expect(r.response.map(\.dispatchLabel) == ["7:26", "5:58"])
        let buildings = twin.layer(.buildings).features.features.count
        for x in r.response {
            #expect(x.buildings == buildings && x.residents == plan.residents)
            #expect(x.buildingsWithin <= x.buildings && x.residentsWithin <= x.residents)
            #expect(abs(x.buildingShare - Double(x.buildingsWithin) / Double(x.buildings)) < 1e-12)
            #expect(abs(x.residentShare - Double(x.residentsWithin) / Double(x.residents)) < 1e-12)
        }
        #expect(r.response[1].buildingsWithin >= r.response[0].buildingsWithin)
        #expect(r.response[1].residentsWithin >= r.response[0].residentsWithin)
        // Hub access agrees with its own distances.
        let d = r.hubs.distances
        #expect(d.count == r.hubs.buildings && r.hubs.buildings == buildings)
        #expect(r.hubs.hubs == twin.layer(.mobilityHubs).features.features.count)
        #expect(abs(r.hubs.meanMetres - d.reduce(0, +) / Double(d.count)) < 1e-9)
        #expect(r.hubs.maxMetres == d.max())
        let within = Double(d.filter { $0 <= PilotCityAnalysis.hubThreshold }.count) / Double(d.count)
        #expect(abs(r.hubs.buildingShareWithin300 - within) < 1e-12)
        #expect(r.hubs.maxMetres < 3_000)
        // CCTV and density.
        #expect(r.cctv.cameras == twin.layer(.cctv).features.features.count)
        #expect((0...1).contains(r.cctv.streetShare) && (0...1).contains(r.cctv.blockShare) && r.cctv.streetShare > 0)
        #expect(r.densityMaxPerHectare >= r.densityMeanPerHectare && r.densityMeanPerHectare > 0)
        // Mean density over the site: residents per hectare of footprint, within the cells' rounding.
        let perHectare = Double(plan.residents) / (r.footprintKm2 * 100)
        #expect(abs(r.densityMeanPerHectare / perHectare - 1) < 0.25, "mean \(r.densityMeanPerHectare), site \(perHectare)")
        // The JSON carries the figures.
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(r)) as? [String: Any]
        #expect(json?["residents"] as? Int == plan.residents)
    }
}
