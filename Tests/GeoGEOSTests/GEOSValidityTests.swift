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

    /// Every invalid fixture is explained in words (never GEOS's bare text alone), with its place
    /// and GEOS's reason kept at the end; a valid one has no explanation.
    @Test func invalidGeometriesAreExplainedInWords() throws {
        var explained = 0
        for single in fixtures.singles {
            let report = try engine.validity(try fixtures.geometry(single.name, engine: engine))
            guard let text = report.explanation else {
                #expect(single.isValid, "\(single.name)")
                continue
            }
            explained += 1
            let reason = try #require(report.reason)
            #expect(text.hasSuffix("(GEOS: \(reason))"), "\(single.name): \(text)")
            #expect(!text.hasPrefix("the geometry is not valid"), "\(single.name): GEOS reason '\(reason)' has no words")
            if let at = report.location { #expect(text.contains(" at "), "\(single.name): \(text) lacks \(at)") }
        }
        #expect(explained > 0)
        let crossing = ValidityReport(isValid: false, reason: "Self-intersection", location: Coordinate(1, 1.5))
        #expect(crossing.explanation == "two edges of the geometry cross at 1 1.5 (GEOS: Self-intersection)")
        #expect(ValidityReport(isValid: true).explanation == nil)
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
