import GeoCore
import Testing
@testable import GeoGEOS

@Suite struct GEOSOverlayTests {
    let engine: GeometryEngine
    let fixtures: GEOSFixtures
    init() throws {
        engine = try GeometryEngine()
        fixtures = try GEOSFixtures.load()
    }

    private func check(_ result: GEOSGeometryHandle, _ expected: GEOSFixtures.OverlayResult, _ label: String) throws {
        #expect(close(try engine.area(result), expected.area), "\(label) area")
        #expect(close(try engine.length(result), expected.length), "\(label) length")
        #expect(try engine.equals(result, engine.geometry(wkt: expected.wkt)), "\(label) topology")
    }

    @Test func overlaysMatchShapelyByAreaAndTopology() throws {
        #expect(fixtures.overlays.count == 7)
        for row in fixtures.overlays {
            let a = try engine.handle(fixtures.geometry(row.a, engine: engine))
            let b = try engine.handle(fixtures.geometry(row.b, engine: engine))
            let pair = "\(row.a) / \(row.b)"
            try check(engine.intersection(a, b), row.intersection, "intersection \(pair)")
            try check(engine.union(a, b), row.union, "union \(pair)")
            try check(engine.difference(a, b), row.difference, "difference \(pair)")
            try check(engine.symmetricDifference(a, b), row.symmetricDifference, "symmetricDifference \(pair)")
        }
    }

    @Test func dissolveOfValuesAndOfHandlesMatchesShapely() throws {
        let parts = try fixtures.dissolve.names.map { try fixtures.geometry($0, engine: engine) }
        let expected = try engine.geometry(wkt: fixtures.dissolve.wkt)
        let fromValues = try engine.unaryUnion(parts)
        #expect(close(try engine.area(fromValues), fixtures.dissolve.area))
        #expect(try engine.equals(fromValues, expected))
        let handles = try parts.map { try engine.handle($0) }
        let fromHandles = try engine.unaryUnion(handles)
        #expect(try engine.equals(fromHandles, expected))
        #expect(close(try engine.area(handles[0]), 100), "handles stay usable after the union")
        #expect(try engine.unaryUnion([Geometry]()).isEmpty())
    }

    @Test func overlayOfAnInvalidInputIsAnErrorOrAValidResult() throws {
        let bowTie = try fixtures.geometry("bowTie", engine: engine)
        let square = try fixtures.geometry("square", engine: engine)
        do {
            let result = try engine.intersection(bowTie, square)
            #expect(try engine.isValid(result))
        } catch {
            #expect(error.message.contains("TopologyException"))
        }
    }
}
