import GeoBenchSupport
import GeoCore
import GeoIO
import Testing

@Suite("WKT")
struct WKTTests {
    @Test("round trip of every type, 2D/Z/M/ZM", arguments: [(false, false), (true, false), (false, true), (true, true)])
    func roundTrip(z: Bool, m: Bool) throws {
        for g in SampleGeometries.all(z: z, m: m) + SampleGeometries.empties {
            #expect(try WKT.decode(WKT.encode(g)) == g, "\(WKT.encode(g))")
        }
    }

    @Test func writesGEOSStyle() {
        #expect(WKT.encode(.point(Point(x: 127, y: 37.5))) == "POINT (127 37.5)")
        #expect(WKT.encode(.point(.empty)) == "POINT EMPTY")
        #expect(WKT.encode(.point(Point(position: Position(x: 1, y: 2, z: 3)))) == "POINT Z (1 2 3)")
        #expect(WKT.encode(.point(Point(position: Position(x: 1, y: 2, m: 4)))) == "POINT M (1 2 4)")
        #expect(WKT.encode(.multiPoint(MultiPoint(coordinates: [Coordinate(1, 2), Coordinate(3, 4)])))
            == "MULTIPOINT ((1 2), (3 4))")
        #expect(WKT.encode(.geometryCollection(GeometryCollection([.point(Point(x: 1, y: 2)), .lineString(LineString([])) ])))
            == "GEOMETRYCOLLECTION (POINT (1 2), LINESTRING EMPTY)")
        #expect(WKT.encode(.point(Point(x: 0.1, y: 1e-7))) == "POINT (0.1 1e-07)")
    }

    @Test func precisionRoundsAndTrims() {
        let g = Geometry.lineString(LineString([Coordinate(127.123456, 37.5), Coordinate(-0.0001, 2.996), Coordinate(1e20, 0.05)]))
        #expect(WKT.encode(g, precision: 2) == "LINESTRING (127.12 37.5, 0 3, 1e+20 0.05)")
        #expect(WKT.encode(g, precision: 0) == "LINESTRING (127 38, 0 3, 1e+20 0)")
        #expect(WKT.encode(.point(Point(x: -1.25, y: 0.004)), precision: 3) == "POINT (-1.25 0.004)")
    }

    @Test func readsVariants() throws {
        let p = Geometry.point(Point(x: 1, y: 2))
        #expect(try WKT.decode("point(1 2)") == p)
        #expect(try WKT.decode("  Point ( 1   2 )\n") == p)
        #expect(try WKT.decode("POINT Z (1 2 3)") == .point(Point(position: Position(x: 1, y: 2, z: 3))))
        #expect(try WKT.decode("POINTZ(1 2 3)") == .point(Point(position: Position(x: 1, y: 2, z: 3))))
        #expect(try WKT.decode("POINT (1 2 3)") == .point(Point(position: Position(x: 1, y: 2, z: 3))))
        #expect(try WKT.decode("POINTM(1 2 3)") == .point(Point(position: Position(x: 1, y: 2, m: 3))))
        #expect(try WKT.decode("POINT ZM (1 2 3 4)") == .point(Point(position: Position(x: 1, y: 2, z: 3, m: 4))))
        #expect(try WKT.decode("MULTIPOINT (1 2, 3 4)") == (try WKT.decode("MULTIPOINT ((1 2), (3 4))")))
        #expect(try WKT.decode("MULTIPOINT (EMPTY, (1 2))") == .multiPoint(MultiPoint([.empty, Point(x: 1, y: 2)])))
        #expect(try WKT.decode("POINT (+1.5 -.5)") == .point(Point(x: 1.5, y: -0.5)))
        let (g, srid) = try WKT.decodeWithSRID("SRID=5179;POINT(955000 1950000)")
        #expect(g == .point(Point(x: 955_000, y: 1_950_000)))
        #expect(srid == 5179)
        #expect(try WKT.decodeWithSRID("POINT (1 2)").srid == nil)
    }

    @Test func numbersRoundTripExactly() throws {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<2000 {
            let x = Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF)
            let y = Double.random(in: -180...180, using: &rng)
            let g = Geometry.point(Point(x: x, y: y))
            #expect(try WKT.decode(WKT.encode(g)) == g)
        }
    }

    @Test func errorsNameLineAndColumn() {
        #expect(throws: GeoIOError.unknownGeometryType("POINTY", at: .text(offset: 0, line: 1, column: 1))) {
            try WKT.decode("POINTY (1 2)")
        }
        #expect(throws: GeoIOError.syntax(expected: "',' or ')'", at: .text(offset: 23, line: 2, column: 7))) {
            try WKT.decode("LINESTRING (0 0,\n  1 1 ; 2 2)")
        }
        #expect(throws: GeoIOError.ringNotClosed(at: .text(offset: 9, line: 1, column: 10))) {
            try WKT.decode("POLYGON ((0 0, 1 0, 1 1, 0 1))")
        }
        #expect(throws: GeoIOError.tooFewPositions(count: 1, minimum: 2, at: .text(offset: 11, line: 1, column: 12))) {
            try WKT.decode("LINESTRING (0 0)")
        }
        #expect(throws: GeoIOError.syntax(expected: "a number", at: .text(offset: 9, line: 1, column: 10))) {
            try WKT.decode("POINT (1 NaN)")
        }
        #expect(throws: GeoIOError.numberOutOfRange("1e999 is beyond the range of a 64-bit float (±1.8e308)",
                                                    at: .text(offset: 9, line: 1, column: 10))) {
            try WKT.decode("POINT (1 1e999)")
        }
        #expect(throws: GeoIOError.syntax(expected: "3 numbers per position", at: .text(offset: 19, line: 1, column: 20))) {
            try WKT.decode("LINESTRING (0 0 0, 1 1)")
        }
        #expect(throws: GeoIOError.trailingData(at: .text(offset: 12, line: 1, column: 13))) {
            try WKT.decode("POINT (1 2) POINT (3 4)")
        }
        #expect(throws: GeoIOError.unexpectedEnd(expected: "')'", at: .text(offset: 10, line: 1, column: 11))) {
            try WKT.decode("POINT (1 2")
        }
    }

    @Test func deepNestingIsRejected() {
        let text = String(repeating: "GEOMETRYCOLLECTION (", count: 40) + "POINT (1 2)" + String(repeating: ")", count: 40)
        #expect(throws: GeoIOError.self) { try WKT.decode(text) }
    }

    @Test("random byte flips never trap")
    func fuzz() {
        var rng = SplitMix64(seed: 99)
        let seeds = (SampleGeometries.all(z: true, m: false) + SampleGeometries.all(z: false, m: false))
            .map { Array(WKT.encode($0).utf8) }
        for i in 0..<3000 {
            let input = mutated(seeds[i % seeds.count], flips: 1 + i % 3, using: &rng)
            _ = try? WKT.decode(String(decoding: input, as: UTF8.self))
        }
    }
}
