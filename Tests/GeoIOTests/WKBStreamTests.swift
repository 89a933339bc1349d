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
