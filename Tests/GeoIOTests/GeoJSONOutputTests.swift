import GeoBenchSupport
import Foundation
import GeoCore
@testable import GeoIO
import Testing

/// The GeoJSON file output: numbers as `Double.description` writes them, and the document handed
/// out in pieces equal to the whole.
@Suite struct GeoJSONOutputTests {
    @Test func numbersAreTheShortestRoundTripText() {
        var rng = SplitMix64(seed: 20_261_201)
        var values: [Double] = [0, -0.0, 1, 127, 127.5, 1e-5, 1e-4, 0.001, 1e15, 1e16, 123456789012345680, .leastNonzeroMagnitude,
                                .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNormalMagnitude]
        for _ in 0..<20_000 {
            values.append(Double(bitPattern: rng.next()))
            values.append(Double.random(in: -180...180, using: &rng))
        }
        for d in values where d.isFinite {
            var out: [UInt8] = [0x5B]
            ShortestDouble.append(d, trimZero: false, to: &out)
            #expect(String(decoding: out.dropFirst(), as: UTF8.self) == d.description)
            var trimmed: [UInt8] = []
            ShortestDouble.append(d, trimZero: true, to: &trimmed)
            let expected = d.description.hasSuffix(".0") ? String(d.description.dropLast(2)) : d.description
            #expect(String(decoding: trimmed, as: UTF8.self) == expected)
        }
    }

    @Test(arguments: [1, 7, 100, 1 << 20])
    func piecesMakeTheWholeDocument(pieceSize: Int) throws {
        let features = (0..<50).map { i in
            Feature(id: .int(Int64(i)), geometry: .lineString(LineString([Coordinate(Double(i) * 0.1, 37.5), Coordinate(127.25, Double(i))])),
                    properties: ["name": .string("점 \(i)"), "value": .double(Double(i) / 3)])
        }
        let collection = FeatureCollection(features, crs: .wgs84)
        // Two layers, the collection split between them.
        let streams = [GeoDataLayer(name: "a", collection: FeatureCollection(Array(features[..<20]), crs: .wgs84)),
                       GeoDataLayer(name: "b", collection: FeatureCollection(Array(features[20...]), crs: .wgs84))]
            .map(GeoDataLayerStream.init)
        var pieces: [[UInt8]] = []
        let (count, complete) = try GeoJSON.encode(streams: streams, path: "out.geojson", pieceSize: pieceSize) { piece in
            pieces.append(Array(piece))
            return true
        }
        #expect(complete)
        #expect(count == features.count)
        #expect(String(decoding: pieces.joined(), as: UTF8.self) == (try GeoJSON.encode(collection)) + "\n")
        if pieceSize == 1 { #expect(pieces.count == features.count + 1) }
    }

    @Test func aFailedPieceStopsTheOutput() throws {
        let collection = FeatureCollection((0..<10).map { _ in Feature(geometry: .point(Point(Coordinate(1, 2)))) })
        var calls = 0
        let (count, complete) = try GeoJSON.encode(streams: [GeoDataLayerStream(GeoDataLayer(name: "l", collection: collection))],
                                                   path: "out.geojson", pieceSize: 1) { _ in
            calls += 1
            return false
        }
        #expect(!complete)
        #expect(calls == 1)
        #expect(count == 10)
    }
}
