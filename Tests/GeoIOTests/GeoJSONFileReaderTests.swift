import GeoBenchSupport
import Foundation
import GeoCore
import Testing
@testable import GeoIO

private func scratchFile(_ name: String, _ bytes: [UInt8]) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-stream-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent(name).path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
}

private func streamed(_ path: String, bufferSize: Int) throws(GeoDataError) -> [Feature] {
    var out: [Feature] = []
    try GeoJSONFileReader.forEachFeature(path: path, bufferSize: bufferSize) { out.append($0) }
    return out
}

@Suite struct GeoJSONFileReaderTests {
    /// Every fixture, through buffers from 16 bytes (every feature crosses a refill and grows
    /// the buffer) to 1 MiB, gives what the whole-file reader gives.
    @Test(arguments: ["naju_polygon_with_holes.geojson", "ulleung_multipolygon.geojson", "antimeridian.geojson", "mixed_properties.geojson"],
          [16, 97, 4096, 1 << 20])
    func sameFeaturesAsAWholeFileRead(file: String, bufferSize: Int) throws {
        let path = Fixture.url("geojson/" + file).path
        let whole = try GeoJSON.decode(try Fixture.bytes("geojson/" + file)).features
        #expect(try streamed(path, bufferSize: bufferSize) == whole)
    }

    @Test func errorsAreTheWholeFileReadersWithTheFileName() throws {
        let cases = [
            #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{}},{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]},"properties":{}}]}"#,
            #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{"a":[1,tru]}}]}"#,
            #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null}] } x"#,
            #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null}"#,
            #"{"type":"FeatureCollection","features":[1]}"#,
            #"{"type":"FeatureCollection","bbox":[0,0,1,1],"crs":{"x":[}}"#,
            #"{"features":[]}"#,
            #"{"type":"FeatureCollection"}"#,
            #"{"type":"Feature","geometry":{"type":"Point","coordinates":[1]}}"#,
        ]
        for text in cases {
            let path = try scratchFile("bad.geojson", Array(text.utf8))
            var wholeError: GeoIOError?
            do { _ = try GeoJSON.decode(text) } catch { wholeError = error }
            for size in [16, 4096] {
                do {
                    _ = try streamed(path, bufferSize: size)
                    Issue.record("no error for \(text)")
                } catch {
                    guard case .malformed(let p, let e) = error else {
                        Issue.record("\(error)")
                        continue
                    }
                    #expect(p == path)
                    // Offsets are in the file; paths are the whole-file reader's.
                    #expect(e.location == wholeError?.location, "\(text) (buffer \(size))")
                    #expect(e.caseName == wholeError?.caseName, "\(text) (buffer \(size))")
                }
            }
        }
    }

    @Test("random byte flips: the stream accepts what the whole-file reader accepts, with the same features")
    func fuzzAgainstTheWholeFileReader() throws {
        var rng = SplitMix64(seed: 8142)
        let seed = try Fixture.bytes("geojson/mixed_properties.geojson")
        var agreed = 0
        for i in 0..<300 {
            let input = mutated(seed, flips: 1 + i % 2, using: &rng)
            let path = try scratchFile("f.geojson", input)
            let whole = try? GeoJSON.decode(input).features
            let stream = try? streamed(path, bufferSize: 64)
            if let whole {
                #expect(stream == whole, "input \(i)")
                agreed += 1
            }
        }
        #expect(agreed > 10)
    }

    @Test func bodyErrorsPassThroughAndStopTheRead() throws {
        let fc = FeatureCollection((0..<50).map { Feature(id: .int(Int64($0)), geometry: .point(Point(x: Double($0), y: 1))) }, crs: .wgs84)
        let path = try scratchFile("many.geojson", Array(try GeoJSON.encode(fc).utf8))
        var seen = 0
        #expect(throws: GeoDataError.writeFailed(path: "out", reason: "enough")) {
            try GeoJSONFileReader.forEachFeature(path: path, bufferSize: 32) { (_) throws(GeoDataError) in
                seen += 1
                if seen == 7 { throw .writeFailed(path: "out", reason: "enough") }
            }
        }
        #expect(seen == 7)
        #expect(try streamed(path, bufferSize: 32) == fc.features)
        // GeoDataSource streams .geojson the same way, with its box filter.
        let source = try GeoDataSource(path: path)
        var ids: [FeatureID?] = []
        try source.forEachFeature(bbox: BoundingBox(minX: 10, minY: 0, maxX: 12, maxY: 2)) { ids.append($0.id) }
        #expect(ids == [.int(10), .int(11), .int(12)])
    }
}
