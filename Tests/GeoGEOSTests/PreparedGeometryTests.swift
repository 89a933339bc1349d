import GeoCore
import Testing
@testable import GeoGEOS

@Suite struct PreparedGeometryTests {
    @Test func preparedPredicatesMatchShapely() throws {
        let engine = try GeometryEngine()
        let fixtures = try GEOSFixtures.load()
        var prepared: [String: PreparedGeometry] = [:]
        for name in fixtures.geometries.keys {
            prepared[name] = try PreparedGeometry(fixtures.geometry(name, engine: engine), engine: engine)
        }
        for row in fixtures.predicates {
            guard let p = prepared[row.a], let b = prepared[row.b]?.base else { continue }
            let pair = "\(row.a) / \(row.b)"
            #expect(try p.contains(b) == row.contains, "contains \(pair)")
            #expect(try p.containsProperly(b) == row.containsProperly, "containsProperly \(pair)")
            #expect(try p.covers(b) == row.covers, "covers \(pair)")
            #expect(try p.coveredBy(b) == row.coveredBy, "coveredBy \(pair)")
            #expect(try p.intersects(b) == row.intersects, "intersects \(pair)")
            #expect(try p.disjoint(b) == row.disjoint, "disjoint \(pair)")
            #expect(try p.within(b) == row.within, "within \(pair)")
            #expect(try p.touches(b) == row.touches, "touches \(pair)")
            #expect(try p.crosses(b) == row.crosses, "crosses \(pair)")
            #expect(try p.overlaps(b) == row.overlaps, "overlaps \(pair)")
            #expect(try p.isWithinDistance(b, distance: row.distance + 1e-9), "distance \(pair)")
        }
    }

    @Test func preparedAcceptsGeoCoreValues() throws {
        let engine = try GeometryEngine()
        let square = try engine.geometry(wkt: "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))")
        let p = try PreparedGeometry(square, engine: engine)
        #expect(try p.contains(Geometry.point(Point(x: 5, y: 5))))
        #expect(try !p.containsProperly(Geometry.point(Point(x: 10, y: 5))))
        #expect(try p.covers(Geometry.point(Point(x: 10, y: 5))))
    }
}
