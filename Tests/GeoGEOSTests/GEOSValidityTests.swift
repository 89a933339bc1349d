import GeoCore
import Testing
@testable import GeoGEOS

@Suite struct GEOSValidityTests {
    let engine: GeometryEngine
    let fixtures: GEOSFixtures
    init() throws {
        engine = try GeometryEngine()
        fixtures = try GEOSFixtures.load()
    }

    @Test func validityReasonsAndLocationsMatchShapely() throws {
        for single in fixtures.singles {
            let g = try fixtures.geometry(single.name, engine: engine)
            let report = try engine.validity(g)
            #expect(report.isValid == single.isValid, "\(single.name)")
            #expect(try engine.isValid(g) == single.isValid, "\(single.name)")
            #expect(report.reason == single.reason, "\(single.name)")
            let expected = single.location.map { Coordinate($0[0], $0[1]) }
            #expect(report.location == expected, "\(single.name)")
        }
    }

    @Test func selfTouchingRingIsValidOnlyWhenAllowed() throws {
        let ring = try fixtures.geometry("selfTouchingRing", engine: engine)
        #expect(try !engine.validity(ring).isValid)
        #expect(try engine.validity(ring, allowSelfTouchingRingFormingHole: true).isValid)
        let bowTie = try fixtures.geometry("bowTie", engine: engine)
        #expect(try !engine.validity(bowTie, allowSelfTouchingRingFormingHole: true).isValid)
    }

    @Test func makeValidMatchesShapelyByAreaAndTopology() throws {
        for single in fixtures.singles where !single.isValid {
            let g = try fixtures.geometry(single.name, engine: engine)
            for (method, wkt, area) in [
                (MakeValidMethod.linework, single.makeValid, single.makeValidArea),
                (.structure(keepCollapsed: false), single.makeValidStructure, single.makeValidStructureArea),
            ] {
                guard let wkt, let area else { Issue.record("\(single.name): fixture lacks makeValid"); continue }
                let fixed = try engine.makeValid(g, method: method)
                #expect(try engine.isValid(fixed), "\(single.name) \(method)")
                #expect(close(try engine.area(fixed), area), "\(single.name) \(method)")
                #expect(try engine.equals(fixed, engine.geometry(wkt: wkt)), "\(single.name) \(method)")
            }
        }
    }

    @Test func makeValidKeepsAValidGeometry() throws {
        let square = try fixtures.geometry("squareWithHole", engine: engine)
        #expect(try engine.equals(engine.makeValid(square), square))
    }
}
