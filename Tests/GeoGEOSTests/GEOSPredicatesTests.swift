import GeoCore
import Testing
@testable import GeoGEOS

@Suite struct GEOSPredicatesTests {
    let engine: GeometryEngine
    let fixtures: GEOSFixtures
    init() throws {
        engine = try GeometryEngine()
        fixtures = try GEOSFixtures.load()
    }

    @Test func truthTableMatchesShapely() throws {
        var handles: [String: GEOSGeometryHandle] = [:]
        for name in fixtures.geometries.keys { handles[name] = try engine.handle(fixtures.geometry(name, engine: engine)) }
        #expect(fixtures.predicates.count == 256)
        for row in fixtures.predicates {
            guard let a = handles[row.a], let b = handles[row.b] else { Issue.record("unknown \(row.a) or \(row.b)"); continue }
            let pair = "\(row.a) / \(row.b)"
            #expect(try engine.intersects(a, b) == row.intersects, "intersects \(pair)")
            #expect(try engine.disjoint(a, b) == row.disjoint, "disjoint \(pair)")
            #expect(try engine.contains(a, b) == row.contains, "contains \(pair)")
            #expect(try engine.within(a, b) == row.within, "within \(pair)")
            #expect(try engine.covers(a, b) == row.covers, "covers \(pair)")
            #expect(try engine.coveredBy(a, b) == row.coveredBy, "coveredBy \(pair)")
            #expect(try engine.touches(a, b) == row.touches, "touches \(pair)")
            #expect(try engine.crosses(a, b) == row.crosses, "crosses \(pair)")
            #expect(try engine.overlaps(a, b) == row.overlaps, "overlaps \(pair)")
            #expect(try engine.equals(a, b) == row.equals, "equals \(pair)")
            #expect(try engine.relate(a, b) == row.relate, "relate \(pair)")
            #expect(try engine.relate(a, b, matches: row.relate), "relate pattern \(pair)")
        }
    }

    @Test func relatePatternsWithWildcards() throws {
        let a = try fixtures.geometry("square", engine: engine)
        let b = try fixtures.geometry("overlappingSquare", engine: engine)
        #expect(try engine.relate(a, b, matches: "T*T***T**"))
        #expect(try !engine.relate(a, b, matches: "FF*FF****"))
        #expect(throws: GEOSError.self) { _ = try engine.relate(a, b, matches: "T*T") }
        #expect(throws: GEOSError.self) { _ = try engine.relate(a, b, matches: "T*T***T*X") }
    }

    @Test func exactEqualityDependsOnVertexOrderAndTolerance() throws {
        let a = try engine.geometry(wkt: "LINESTRING (0 0, 10 0)")
        let reversed = try engine.geometry(wkt: "LINESTRING (10 0, 0 0)")
        let nudged = try engine.geometry(wkt: "LINESTRING (0 0, 10 0.001)")
        #expect(try engine.equals(a, reversed))
        #expect(try !engine.equalsExact(a, reversed))
        #expect(try !engine.equalsExact(a, nudged))
        #expect(try engine.equalsExact(a, nudged, tolerance: 0.01))
    }
}
