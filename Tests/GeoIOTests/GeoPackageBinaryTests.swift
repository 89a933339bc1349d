import GeoCore
@testable import GeoIO
import Testing

@Suite struct GeoPackageBinaryTests {
    let square = Geometry.polygon(Polygon(exterior: [Coordinate(0, 0), Coordinate(2, 0), Coordinate(2, 3), Coordinate(0, 0)]))

    @Test(arguments: [WKB.ByteOrder.littleEndian, .bigEndian])
    func roundTripWithEnvelope(order: WKB.ByteOrder) throws {
        let blob = GeoPackageBinary.encode(square, srsID: 5179, byteOrder: order)
        let (g, h) = try GeoPackageBinary.decode(blob)
        #expect(g == square)
        #expect(h.srsID == 5179)
        #expect(h.byteOrder == order)
        #expect(h.envelopeKind == .xy)
        #expect(h.boundingBox == BoundingBox(minX: 0, minY: 0, maxX: 2, maxY: 3))
        #expect(h.length == 40)
        #expect(!h.isEmpty)
    }

    @Test(arguments: GeoPackageBinary.EnvelopeKind.allCases)
    func everyEnvelopeKind(kind: GeoPackageBinary.EnvelopeKind) throws {
        let z = Geometry.lineString(LineString(positions: [Position(x: 1, y: 2, z: 5, m: 7), Position(x: 3, y: 4, z: 6, m: 8)]))
        let blob = GeoPackageBinary.encode(z, srsID: 4326, envelope: kind)
        let (g, h) = try GeoPackageBinary.decode(blob)
        #expect(g == z)
        #expect(h.envelope.count == kind.valueCount)
        #expect(h.length == 8 + 8 * kind.valueCount)
        if kind == .xyzm { #expect(h.envelope == [1, 3, 2, 4, 5, 6, 7, 8]) }
    }

    @Test func pointsAndEmptyGeometriesHaveNoEnvelope() throws {
        let p = GeoPackageBinary.encode(.point(Point(x: 127, y: 37)), srsID: 4326)
        #expect(try GeoPackageBinary.decodeHeader(p).envelopeKind == .none)
        let empty = GeoPackageBinary.encode(.point(.empty), srsID: 4326)
        let (g, h) = try GeoPackageBinary.decode(empty)
        #expect(h.isEmpty)
        #expect(g == .point(.empty))
        #expect(empty[3] & 0x10 != 0)
    }

    @Test func badMagicIsTyped() {
        var blob = GeoPackageBinary.encode(square, srsID: 1)
        blob[0] = 0x58
        #expect(throws: GeoPackageBinary.DecodeError.self) { try GeoPackageBinary.decode(blob) }
    }

    @Test func everyTruncationThrows() {
        let blob = GeoPackageBinary.encode(square, srsID: 1)
        for n in 0..<blob.count {
            let cut = Array(blob[0..<n])
            #expect(throws: GeoPackageBinary.DecodeError.self) { try GeoPackageBinary.decode(cut) }
        }
    }

    @Test func reservedEnvelopeCodeThrows() {
        var blob = GeoPackageBinary.encode(square, srsID: 1)
        blob[3] = (blob[3] & 0xF1) | (5 << 1)
        #expect(throws: GeoPackageBinary.DecodeError.header("invalid envelope code 5")) { try GeoPackageBinary.decode(blob) }
    }
}

extension GeoPackageBinary {
    /// Test helper: the header of an array.
    static func decodeHeader(_ bytes: [UInt8]) throws(DecodeError) -> Header {
        let r = bytes.withUnsafeBytes { raw in Result<Header, DecodeError> { () throws(DecodeError) in try decodeHeader(raw) } }
        return try r.get()
    }
}
