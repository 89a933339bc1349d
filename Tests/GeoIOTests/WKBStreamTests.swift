import GeoCore
@testable import GeoIO
import Testing

@Suite("WKB stream")
struct WKBStreamTests {
    @Test func roundTripWithNullRecords() throws {
        let gs: [Geometry?] = SampleGeometries.all(z: false, m: false) + [nil] + SampleGeometries.empties
        let bytes = WKBStream.write(gs)
        #expect(try WKBStream.read(bytes) == gs)
        #expect(try WKBStream.read([]) == [])
    }

    /// Records appended one by one after other bytes are the bytes of the whole-stream write, and
    /// `WKB.encode(_:appendingTo:)` appends what `WKB.encode` returns and counts it.
    @Test func appendedRecordsAreTheWholeStreamBytes() throws {
        for (z, m) in [(false, false), (true, false), (false, true), (true, true)] {
            let gs: [Geometry?] = SampleGeometries.all(z: z, m: m) + [nil] + SampleGeometries.empties
            for (order, flavor) in [(WKB.ByteOrder.littleEndian, WKB.Flavor.iso), (.bigEndian, .extended(srid: 5179)), (.littleEndian, .extended(srid: nil))] {
                var out: [UInt8] = [9, 8, 7]
                for g in gs { WKBStream.append(g, to: &out, byteOrder: order, flavor: flavor) }
                #expect(Array(out.dropFirst(3)) == WKBStream.write(gs, byteOrder: order, flavor: flavor))
                #expect(try WKBStream.read(Array(out.dropFirst(3))) == gs)
                for case let g? in gs {
                    var bytes: [UInt8] = [1]
                    let n = WKB.encode(g, appendingTo: &bytes, byteOrder: order, flavor: flavor)
                    #expect(Array(bytes.dropFirst()) == WKB.encode(g, byteOrder: order, flavor: flavor))
                    #expect(n == bytes.count - 1)
                }
            }
        }
    }

    @Test func sridsAreReadPerRecord() throws {
        let gs: [Geometry?] = [.point(Point(x: 127, y: 37)), nil]
        let records = try WKBStream.readWithSRID(WKBStream.write(gs, byteOrder: .bigEndian, flavor: .extended(srid: 4326)))
        #expect(records.map(\.geometry) == gs)
        #expect(records.map(\.srid) == [4326, nil])
        #expect(try WKBStream.readWithSRID(WKBStream.write(gs)).map(\.srid) == [nil, nil])
    }

    @Test func layoutIsLengthPrefixedLittleEndian() {
        let bytes = WKBStream.write([.point(Point(x: 1, y: 2))], byteOrder: .bigEndian)
        #expect(Array(bytes.prefix(4)) == [21, 0, 0, 0])
        #expect(Array(bytes.dropFirst(4)) == WKB.encode(.point(Point(x: 1, y: 2)), byteOrder: .bigEndian))
    }

    @Test func errorsCountFromTheStreamStart() {
        let point = WKB.encode(.point(Point(x: 1, y: 2)))
        var bytes = WKBStream.write([.point(Point(x: 1, y: 2))])
        bytes += [21, 0, 0, 0] + point.prefix(5) + [0, 0, 0, 0, 0, 0, 0, 0] + [0, 0, 0, 0, 0, 0, 0xF8, 0x7F]
        #expect(throws: GeoIOError.nonFiniteCoordinate(at: .byteOffset(34))) { try WKBStream.read(bytes) }
        #expect(throws: GeoIOError.countExceedsInput(count: 21, at: .byteOffset(25))) {
            try WKBStream.read(Array(bytes.dropLast()))
        }
        #expect(throws: GeoIOError.unexpectedEnd(expected: "record length", at: .byteOffset(25))) {
            try WKBStream.read(Array(bytes.prefix(27)))
        }
    }
}
