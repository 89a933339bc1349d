import GeoCore
import SmartCity
import Testing

/// The two twins, built once for the suite.
let sejongTwin = try! PilotCity.build(.sejong51, geodata: atlas.geodata)
let busanTwin = try! PilotCity.build(.busanEDC, geodata: atlas.geodata)

@Suite struct PilotCityGeneratorTests {
    @Test(arguments: PilotCityID.allCases) func sizedToThePlan(_ id: PilotCityID) {
        let twin = id == .sejong51 ? sejongTwin : busanTwin
        let buildings = twin.layer(.buildings).features.features
        #expect(buildings.reduce(0) { $0 + Int($1.properties["households"]?.intValue ?? 0) } == twin.plan.households)
        #expect(buildings.reduce(0) { $0 + Int($1.properties["residents"]?.intValue ?? 0) } == twin.plan.residents)
        for b in buildings where b.properties["use"]?.stringValue == "residential" {
            let f = Int(b.properties["floors"]?.intValue ?? 0)
            #expect(twin.plan.floors.contains(f))
        }
        #expect(twin.layer(.parcels).features.features.count == 4 * twin.layer(.blocks).features.features.count)
        for kind in TwinLayerKind.allCases {
            #expect(twin.layer(kind).origin == .modelled)
            #expect(!twin.layer(kind).features.features.isEmpty)
        }
    }

    @Test func deterministic() throws {
        let again = try PilotCity.build(.sejong51, geodata: atlas.geodata)
        for kind in TwinLayerKind.allCases {
            #expect(again.layer(kind).features == sejongTwin.layer(kind).features)
        }
        #expect(sejongTwin.layer(.buildings).features != busanTwin.layer(.buildings).features)
    }
}
