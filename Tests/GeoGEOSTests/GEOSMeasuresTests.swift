import GeoCore
import Testing
@testable import GeoGEOS

@Suite struct GEOSMeasuresTests {
    let engine: GeometryEngine
    let fixtures: GEOSFixtures
    init() throws {
        engine = try GeometryEngine()
        fixtures = try GEOSFixtures.load()
    }

    @Test func areasAndLengthsMatchShapely() throws {
        for single in fixtures.singles {
            let g = try fixtures.geometry(single.name, engine: engine)
            #expect(close(try engine.area(g), single.area), "\(single.name)")
            #expect(close(try engine.length(g), single.length), "\(single.name)")
        }
    }

    @Test func distancesAndDistanceWithinMatchShapely() throws {
        var handles: [String: GEOSGeometryHandle] = [:]
        for name in fixtures.geometries.keys { handles[name] = try engine.handle(fixtures.geometry(name, engine: engine)) }
        for row in fixtures.predicates {
            guard let a = handles[row.a], let b = handles[row.b] else { continue }
            #expect(close(try engine.distance(a, b), row.distance), "\(row.a) / \(row.b)")
            #expect(try engine.isWithinDistance(a, b, distance: row.distance + 1e-9), "\(row.a) / \(row.b)")
            if row.distance > 0 {
                #expect(try !engine.isWithinDistance(a, b, distance: row.distance * 0.999), "\(row.a) / \(row.b)")
            }
        }
    }

    @Test func distanceToAnEmptyGeometryIsAnError() throws {
        #expect(throws: GEOSError.self) {
            _ = try engine.distance(Geometry.point(.empty), Geometry.point(Point(x: 0, y: 0)))
        }
    }
}
