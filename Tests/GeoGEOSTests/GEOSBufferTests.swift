import GeoCore
import Testing
@testable import GeoGEOS

@Suite struct GEOSBufferTests {
    @Test func buffersMatchShapelyByAreaAndTopology() throws {
        let engine = try GeometryEngine()
        let fixtures = try GEOSFixtures.load()
        #expect(fixtures.buffers.count == 12)
        for row in fixtures.buffers {
            let caps: [String: BufferStyle.CapStyle] = ["round": .round, "flat": .flat, "square": .square]
            let joins: [String: BufferStyle.JoinStyle] = ["round": .round, "mitre": .mitre, "bevel": .bevel]
            guard let cap = caps[row.capStyle], let join = joins[row.joinStyle] else {
                Issue.record("unknown style \(row.capStyle) \(row.joinStyle)")
                continue
            }
            let style = BufferStyle(quadrantSegments: row.quadrantSegments, capStyle: cap, joinStyle: join,
                                    mitreLimit: row.mitreLimit, singleSided: row.singleSided)
            let label = "\(row.name) d=\(row.distance) \(style)"
            let result = try engine.buffer(fixtures.geometry(row.name, engine: engine), distance: row.distance, style: style)
            #expect(close(try engine.area(result), row.area, tolerance: 1e-9), "\(label)")
            #expect(try engine.equalsExact(result, engine.geometry(wkt: row.wkt), tolerance: 1e-9)
                    || engine.equals(result, engine.geometry(wkt: row.wkt)), "\(label)")
        }
    }

    @Test func badParametersAreErrors() throws {
        let engine = try GeometryEngine()
        let point = Geometry.point(Point(x: 0, y: 0))
        #expect(throws: GEOSError.self) { _ = try engine.buffer(point, distance: .nan) }
        #expect(throws: GEOSError.self) { _ = try engine.buffer(point, distance: 1, style: BufferStyle(quadrantSegments: 0)) }
        #expect(throws: GEOSError.self) { _ = try engine.buffer(point, distance: 1, style: BufferStyle(quadrantSegments: Int.max)) }
        #expect(throws: GEOSError.self) { _ = try engine.buffer(point, distance: 1, style: BufferStyle(mitreLimit: -1)) }
    }
}
