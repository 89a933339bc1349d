import GeoCore
import Testing
@testable import GeoGEOS

@Suite struct GEOSConversionTests {
    let engine: GeometryEngine
    init() throws { engine = try GeometryEngine() }

    @Test func everyFixtureGeometryRoundTripsExactly() throws {
        let fixtures = try GEOSFixtures.load()
        for name in fixtures.geometries.keys.sorted() {
            let g = try fixtures.geometry(name, engine: engine)
            let back = try engine.handle(g).geometry()
            #expect(back == g, "\(name)")
        }
    }

    @Test func everyKindRoundTripsIncludingEmptyMembers() throws {
        let square = Polygon(exterior: [Coordinate(0, 0), Coordinate(1, 0), Coordinate(1, 1), Coordinate(0, 0)])
        let geometries: [Geometry] = [
            .point(.empty),
            .point(Point(x: 1, y: 2)),
            .lineString(LineString([])),
            .polygon(.empty),
            .multiPoint(MultiPoint(coordinates: [Coordinate(1, 2), Coordinate(3, 4)])),
            .multiLineString(MultiLineString([LineString([Coordinate(0, 0), Coordinate(1, 1)])])),
            .multiPolygon(MultiPolygon([square, square])),
            .geometryCollection(GeometryCollection([.point(Point(x: 5, y: 6)), .polygon(square)])),
            .geometryCollection(GeometryCollection([])),
        ]
        for g in geometries {
            #expect(try engine.handle(g).geometry() == g, "\(g.kind)")
        }
    }

    @Test func zIsKeptAndMIsDropped() throws {
        let line = Geometry.lineString(LineString([Coordinate(0, 0), Coordinate(1, 0)], z: [1, 2], m: [7, 8]))
        let back = try engine.handle(line).geometry()
        #expect(back == .lineString(LineString([Coordinate(0, 0), Coordinate(1, 0)], z: [1, 2])))
    }

    @Test func aMissingZAmongZCoordinatesComesBackAsNaN() throws {
        let line = Geometry.lineString(LineString(positions: [Position(x: 0, y: 0, z: 1), Position(x: 1, y: 1)]))
        guard case .lineString(let back) = try engine.handle(line).geometry() else {
            Issue.record("not a line")
            return
        }
        #expect(back.coordinates == [Coordinate(0, 0), Coordinate(1, 1)])
        #expect(back.z?[0] == 1 && back.z?[1].isNaN == true)
    }

    @Test func anUnclosedRingIsAGEOSErrorWithGEOSMessage() throws {
        let open = Geometry.polygon(Polygon(exterior: [Coordinate(0, 0), Coordinate(1, 0), Coordinate(1, 1), Coordinate(0, 1)]))
        #expect {
            _ = try engine.handle(open)
        } throws: { error in
            guard let error = error as? GEOSError else { return false }
            return error.operation == "convert Polygon ring" && error.message.contains("closed")
        }
    }

    @Test func degenerateInputIsAnErrorOrInvalidNeverACrash() throws {
        let shortRing = Geometry.polygon(Polygon(exterior: [Coordinate(0, 0), Coordinate(1, 0), Coordinate(0, 0)]))
        let report = try engine.validity(shortRing)
        #expect(!report.isValid)
        #expect(report.reason == "Too few points in geometry component")
        let onePoint = Geometry.lineString(LineString([Coordinate(0, 0)]))
        #expect(throws: GEOSError.self) { _ = try engine.handle(onePoint) }
        let holesOnly = Geometry.polygon(Polygon(exterior: [], holes: [[Coordinate(0, 0)]]))
        #expect(throws: GEOSError.self) { _ = try engine.handle(holesOnly) }
        // The engine stays usable after errors.
        #expect(try engine.area(Geometry.polygon(Polygon(exterior: [Coordinate(0, 0), Coordinate(2, 0), Coordinate(2, 2), Coordinate(0, 0)]))) == 2)
    }
}
