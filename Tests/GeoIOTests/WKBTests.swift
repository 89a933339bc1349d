import GeoBenchSupport
import GeoCore
@testable import GeoIO
import Testing

/// One geometry of every type, in 2D, Z, M and ZM.
enum SampleGeometries {
    static func coordinate(_ x: Double, _ y: Double, z: Bool, m: Bool) -> Position {
        Position(x: x, y: y, z: z ? y - 1 : nil, m: m ? x / 2 : nil)
    }

    static func all(z: Bool, m: Bool) -> [Geometry] {
        func c(_ x: Double, _ y: Double) -> Position { coordinate(x, y, z: z, m: m) }
        let ring = [c(0, 0), c(10, 0), c(10, 10), c(0, 10), c(0, 0)]
        let hole = [c(2, 2), c(2, 4), c(4, 4), c(4, 2), c(2, 2)]
        let polygon = Polygon(positionRings: [ring, hole])
        let line = LineString(positions: [c(127.0276, 37.4979), c(-0.1, 1e-300), c(1.7976931348623157e308, .leastNonzeroMagnitude)])
        return [
            .point(Point(position: c(127.0276, 37.4979))),
            .lineString(line),
            .polygon(polygon),
            .multiPoint(MultiPoint([Point(position: c(1, 2)), Point(position: c(3, 4))])),
            .multiLineString(MultiLineString([line, LineString(positions: [c(0, 0), c(1, 1)])])),
            .multiPolygon(MultiPolygon([polygon, Polygon(positionRings: [[c(20, 20), c(21, 20), c(21, 21), c(20, 20)]])])),
            .geometryCollection(GeometryCollection([
                .point(Point(position: c(1, 2))), .lineString(line),
                .geometryCollection(GeometryCollection([.polygon(polygon)])),
            ])),
        ]
    }

    static let empties: [Geometry] = [
        .point(.empty), .lineString(LineString([])), .polygon(.empty), .multiPoint(MultiPoint([])),
        .multiLineString(MultiLineString([])), .multiPolygon(MultiPolygon([])),
        .geometryCollection(GeometryCollection([])),
    ]
}

@Suite("WKB")
struct WKBTests {
    @Test("round trip of every type, both byte orders, both flavors, 2D/Z/M/ZM",
          arguments: [(false, false), (true, false), (false, true), (true, true)])
    func roundTrip(z: Bool, m: Bool) throws {
        for g in SampleGeometries.all(z: z, m: m) {
            for order in [WKB.ByteOrder.littleEndian, .bigEndian] {
                for flavor in [WKB.Flavor.iso, .extended(srid: nil), .extended(srid: 5179)] {
                    let bytes = WKB.encode(g, byteOrder: order, flavor: flavor)
                    #expect(bytes.first == order.rawValue)
                    let (decoded, srid) = try WKB.decodeWithSRID(bytes)
                    #expect(decoded == g)
                    #expect(srid == (flavor == .extended(srid: 5179) ? 5179 : nil))
                }
            }
        }
    }

    @Test func emptyGeometriesRoundTrip() throws {
        for g in SampleGeometries.empties {
            for order in [WKB.ByteOrder.littleEndian, .bigEndian] {
                #expect(try WKB.decode(WKB.encode(g, byteOrder: order)) == g)
            }
        }
        #expect(WKB.encode(.point(.empty)) == hexBytes("0101000000000000000000F87F000000000000F87F"))
    }

    @Test("GEOS fixtures: same geometry as the WKT, same bytes on re-encoding")
    func geosFixtures() throws {
        let rows = try Fixture.tsv("wkb_wkt.tsv")
        #expect(rows.count > 80)
        for row in rows {
            let (name, order, flavor, srid, hex, wkt) = (row[0], row[1], row[2], row[3], row[4], row[5])
            let (g, decodedSRID) = try WKB.decodeWithSRID(hexBytes(hex))
            #expect(g == (try WKT.decode(wkt)), "\(name)")
            #expect(decodedSRID == Int32(srid), "\(name)")
            let byteOrder: WKB.ByteOrder = order == "0" ? .bigEndian : .littleEndian
            let f: WKB.Flavor = flavor == "iso" ? .iso : .extended(srid: Int32(srid))
            #expect(hexString(WKB.encode(g, byteOrder: byteOrder, flavor: f)) == hex, "\(name)")
        }
    }

    @Test func absurdCountFailsBeforeAllocating() {
        // LineString claiming 2^31 points with 16 bytes of data.
        let bytes = hexBytes("0102000000" + "00000080" + "000000000000F03F000000000000F03F")
        #expect(throws: GeoIOError.countExceedsInput(count: 1 << 31, at: .byteOffset(5))) {
            try WKB.decode(bytes)
        }
        let multi = hexBytes("0107000000FFFFFFFF")
        #expect(throws: GeoIOError.countExceedsInput(count: 0xFFFF_FFFF, at: .byteOffset(5))) {
            try WKB.decode(multi)
        }
    }

    @Test func deepNestingIsRejected() {
        var bytes: [UInt8] = []
        for _ in 0...(WKB.maxNestingDepth + 1) { bytes += hexBytes("010700000001000000") }
        bytes += hexBytes("010700000000000000")
        #expect(throws: GeoIOError.nestingTooDeep(limit: WKB.maxNestingDepth, at: .byteOffset(9 * 33))) {
            try WKB.decode(bytes)
        }
    }

    @Test func errorsNameTheByteOffset() {
        #expect(throws: GeoIOError.invalidByteOrder(7, at: .byteOffset(0))) { try WKB.decode([7, 1, 0, 0, 0]) }
        #expect(throws: GeoIOError.unknownGeometryType("WKB code 8", at: .byteOffset(1))) {
            try WKB.decode(hexBytes("0108000000"))
        }
        #expect(throws: GeoIOError.unexpectedEnd(expected: "point coordinates", at: .byteOffset(5))) {
            try WKB.decode(hexBytes("0101000000000000000000F03F"))
        }
        #expect(throws: GeoIOError.nonFiniteCoordinate(at: .byteOffset(9))) {
            try WKB.decode(hexBytes("010200000002000000" + "000000000000F87F000000000000F03F" + "00000000000000000000000000000000"))
        }
        // A later position: its own offset (positions are copied in one piece, then checked).
        #expect(throws: GeoIOError.nonFiniteCoordinate(at: .byteOffset(25))) {
            try WKB.decode(hexBytes("010200000002000000" + "000000000000F03F000000000000F03F" + "0000000000000000000000000000F07F"))
        }
        #expect(throws: GeoIOError.nonFiniteCoordinate(at: .byteOffset(25))) {
            try WKB.decode(hexBytes("000000000200000002" + "3FF00000000000003FF0000000000000" + "7FF00000000000000000000000000000"))
        }
        #expect(throws: GeoIOError.trailingData(at: .byteOffset(21))) {
            try WKB.decode(hexBytes("0101000000000000000000F03F000000000000F03F00"))
        }
        #expect(throws: GeoIOError.unexpectedGeometryType(expected: "Point", found: "LineString", at: .byteOffset(9))) {
            try WKB.decode(hexBytes("010400000001000000" + "010200000000000000"))
        }
    }

    @Test func ringsMustBeClosedAndLongEnough() {
        let open = "0103000000010000000400000000000000000000000000000000000000000000000000F03F0000000000000000000000000000F03F000000000000F03F000000000000F03F000000000000F03F"
        #expect(throws: GeoIOError.ringNotClosed(at: .byteOffset(9))) { try WKB.decode(hexBytes(open)) }
        let short = "01030000000100000003000000" + String(repeating: "00", count: 48)
        #expect(throws: GeoIOError.tooFewPositions(count: 3, minimum: 4, at: .byteOffset(9))) {
            try WKB.decode(hexBytes(short))
        }
    }

    @Test("random byte flips never trap")
    func fuzz() {
        var rng = SplitMix64(seed: 20_260_911)
        let seeds = SampleGeometries.all(z: true, m: false).flatMap {
            [WKB.encode($0), WKB.encode($0, byteOrder: .bigEndian, flavor: .extended(srid: 4326))]
        }
        var failures = 0
        for i in 0..<4000 {
            let input = mutated(seeds[i % seeds.count], flips: 1 + i % 4, using: &rng)
            do { _ = try WKB.decode(input) } catch { failures += 1 }
        }
        #expect(failures > 1000)
    }
}
