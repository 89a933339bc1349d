import GeoCore
import Testing
@testable import GeoGEOS

@Suite struct GEOSWritersTests {
    let engine: GeometryEngine
    init() throws { engine = try GeometryEngine() }

    @Test func wktReadsBackToTheSameGeometry() throws {
        let fixtures = try GEOSFixtures.load()
        for name in fixtures.geometries.keys.sorted() {
            let g = try fixtures.geometry(name, engine: engine)
            let text = try engine.handle(g).wkt()
            #expect(try engine.geometry(wkt: text) == g, "\(name): \(text)")
        }
    }

    @Test func wktTextIsTrimmedAndCarriesZ() throws {
        #expect(try engine.handle(engine.geometry(wkt: "POLYGON ((0 0, 10 0, 10 10, 0 0))")).wkt() == "POLYGON ((0 0, 10 0, 10 10, 0 0))")
        #expect(try engine.handle(engine.geometry(wkt: "LINESTRING Z (0 0 1, 10 0 2)")).wkt() == "LINESTRING Z (0 0 1, 10 0 2)")
        #expect(try engine.handle(.point(Point(x: 0.1, y: 1.0 / 3))).wkt() == "POINT (0.1 0.3333333333333333)")
        #expect(try engine.handle(.point(Point(x: 1.23456, y: 2))).wkt(decimals: 2) == "POINT (1.23 2)")
        #expect(throws: GEOSError.self) { _ = try engine.handle(.point(Point(x: 0, y: 0))).wkt(decimals: -2) }
    }

    @Test func wkbIsISOInTheChosenByteOrder() throws {
        let point = try engine.handle(.point(Point(x: 1, y: 2)))
        #expect(try point.wkb() == [0x01, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0, 0, 0, 0, 0, 0, 0, 0x40])
        #expect(try point.wkb(byteOrder: .bigEndian) == [0x00, 0, 0, 0, 0x01, 0x3F, 0xF0, 0, 0, 0, 0, 0, 0, 0x40, 0, 0, 0, 0, 0, 0, 0])
        let pointZ = try engine.handle(.point(Point(position: Position(x: 1, y: 2, z: 3, m: 4))))
        let bytes = try pointZ.wkb()
        #expect(bytes.count == 1 + 4 + 24, "X, Y and Z; M is not written")
        #expect(Array(bytes[1..<5]) == [0xE9, 0x03, 0, 0], "ISO type 1001, Point Z")
    }
}
