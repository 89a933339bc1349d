import GeoCore
import Testing
@testable import GeoGEOS

@Suite struct GEOSConstructiveTests {
    let engine: GeometryEngine
    let fixtures: GEOSFixtures
    init() throws {
        engine = try GeometryEngine()
        fixtures = try GEOSFixtures.load()
    }

    @Test func simplifyMatchesShapely() throws {
        #expect(fixtures.simplify.count == 8)
        for row in fixtures.simplify {
            let input = try engine.geometry(wkt: row.wkt)
            let result = row.preserveTopology
                ? try engine.topologyPreservingSimplify(input, tolerance: row.tolerance)
                : try engine.simplify(input, tolerance: row.tolerance)
            let label = "\(row.name) tolerance \(row.tolerance) preserve \(row.preserveTopology)"
            let got = try result.geometry()
            #expect(close(try engine.area(result), row.area), "\(label) got \(got)")
            #expect(close(try engine.length(result), row.length), "\(label)")
            #expect(try engine.equals(result, engine.geometry(wkt: row.result)), "\(label)")
        }
    }

    @Test func convexHullsMatchShapely() throws {
        for single in fixtures.singles {
            let hull = try engine.convexHull(fixtures.geometry(single.name, engine: engine))
            #expect(try engine.equals(hull, engine.geometry(wkt: single.convexHull)), "\(single.name)")
        }
    }

    @Test func centroidsAndInteriorPointsMatchShapely() throws {
        for single in fixtures.singles where single.isValid {
            guard let centroid = single.centroid, let inside = single.pointOnSurface else {
                Issue.record("\(single.name): fixture lacks centroid")
                continue
            }
            let g = try engine.handle(fixtures.geometry(single.name, engine: engine))
            guard case .point(let c) = try engine.centroid(g).geometry(), let cc = c.coordinate,
                  case .point(let p) = try engine.pointOnSurface(g).geometry(), let pc = p.coordinate
            else { Issue.record("\(single.name): not a point"); continue }
            #expect(close(cc.x, centroid[0]) && close(cc.y, centroid[1]), "\(single.name) centroid \(cc)")
            #expect(close(pc.x, inside[0]) && close(pc.y, inside[1]), "\(single.name) pointOnSurface \(pc)")
            #expect(try engine.intersects(g, engine.pointOnSurface(g)), "\(single.name)")
        }
    }
}
