import GeoCore
import Testing
@testable import GeoGEOS

@Suite struct GEOSContextTests {
    @Test func errorsAreCapturedPerContext() throws {
        let first = try GEOSContext()
        let second = try GEOSContext()
        let engine = try GeometryEngine()
        #expect(throws: GEOSError.self) { _ = try engine.geometry(wkt: "LINESTRING (0 0") }
        #expect(first.lastError == nil)
        #expect(second.lastError == nil)
        #expect(engine.context.lastError == nil, "the message was consumed by the thrown error")
    }

    @Test func failureWithoutMessageSaysSo() throws {
        let context = try GEOSContext()
        let error = context.failure("probe")
        #expect(error.operation == "probe")
        #expect(error.message.contains("without a message"))
        #expect(error.description == "probe: \(error.message)")
    }

    @Test func noticesAreKeptPerEngine() throws {
        let engine = try GeometryEngine()
        let other = try GeometryEngine()
        #expect(engine.lastNotice == nil)
        #expect(try !engine.isValid(engine.geometry(wkt: "POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))")))
        #expect(engine.lastNotice?.contains("Self-intersection") == true)
        #expect(other.lastNotice == nil)
    }
}
