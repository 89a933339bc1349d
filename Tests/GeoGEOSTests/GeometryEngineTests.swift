import GeoCore
import Testing
@testable import GeoGEOS

@Suite struct GeometryEngineTests {
    @Test func aHandleIsReusedAcrossOperations() throws {
        let engine = try GeometryEngine()
        let square = try engine.handle(try engine.geometry(wkt: "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"))
        let point = try engine.handle(.point(Point(x: 1, y: 1)))
        #expect(try engine.contains(square, point))
        #expect(try engine.area(square) == 100)
        #expect(try engine.area(engine.buffer(point, distance: 1)) > 3)
        #expect(try engine.intersection(square, point).geometry() == .point(Point(x: 1, y: 1)))
    }

    @Test func aHandleOfAnotherEngineIsRefused() throws {
        let first = try GeometryEngine()
        let second = try GeometryEngine()
        let point = try first.handle(.point(Point(x: 1, y: 1)))
        #expect(throws: GEOSError.self) { _ = try second.area(point) }
    }

    @Test func wktReaderErrorsCarryGEOSMessage() throws {
        let engine = try GeometryEngine()
        #expect {
            _ = try engine.geometry(wkt: "POLYGON ((0 0, 1 0")
        } throws: { error in
            guard let error = error as? GEOSError else { return false }
            return error.operation == "read WKT" && error.message.contains("ParseException")
        }
    }

    @Test func handlesReportEmptiness() throws {
        let engine = try GeometryEngine()
        #expect(try engine.handle(.point(.empty)).isEmpty())
        #expect(try !engine.handle(.point(Point(x: 0, y: 0))).isEmpty())
    }
}
