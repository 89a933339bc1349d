import GeoBenchSupport
import Foundation
import GeoCore
import Testing
@testable import GeoIO

@Suite struct FlatGeobufTests {
    /// Coordinates, Korean attributes, nulls, CRS and feature numbers as GDAL reads them, with and
    /// without an index, a Z layer and a layer of mixed types.
    @Test(arguments: ["grid_indexed.fgb", "grid_noindex.fgb", "roads_z.fgb", "mixed.fgb"])
    func readsWhatGDALWrote(_ name: String) throws {
        let source = try GeoDataSource(path: Fixture.url("shp_fgb/" + name).path)
        #expect(source.format == .flatGeobuf)
        let layer = try source.readLayer()
        let expected = try GDALExpectation.file(name)
        #expect(layer.crs == (expected["epsg"] as? Int).map { CRS(epsg: $0) })
        try expectMatchesGDAL(layer.features, try GDALExpectation.features(name))
    }

    @Test func header() throws {
        let indexed = try FlatGeobufReader(path: Fixture.url("shp_fgb/grid_indexed.fgb").path)
        #expect(indexed.featureCount == 400)
        #expect(indexed.indexNodeSize == 16)
        #expect(indexed.geometryTypeName == "POLYGON")
        #expect(indexed.columns.map(\.name) == ["name", "code", "area"])
        #expect(try FlatGeobufReader(path: Fixture.url("shp_fgb/grid_noindex.fgb").path).indexNodeSize == 0)
        #expect(try FlatGeobufReader(path: Fixture.url("shp_fgb/mixed.fgb").path).geometryTypeName == "GEOMETRY")
        #expect(try FlatGeobufReader(path: Fixture.url("shp_fgb/roads_z.fgb").path).geometryTypeName == "LINESTRING Z")
    }

    /// A bbox read of GDAL's indexed file decodes only the features the index leads to, and
    /// returns the features GDAL returns; without an index every feature is decoded.
    @Test func bboxReadThroughTheIndex() throws {
        let expected = try GDALExpectation.file("grid_indexed.fgb")
        let query = try #require(expected["bbox_query"] as? [Double])
        let fids = Set(try #require(expected["bbox_fids"] as? [Int]).map(Int64.init))
        let bbox = BoundingBox(minX: query[0], minY: query[1], maxX: query[2], maxY: query[3])
        for (name, decoded) in [("grid_indexed.fgb", fids.count), ("grid_noindex.fgb", 400)] {
            let reader = try FlatGeobufReader(path: Fixture.url("shp_fgb/" + name).path)
            var ids: [Int64] = []
            try reader.forEachFeature(bbox: bbox) { f in
                if case .int(let id)? = f.id { ids.append(id) }
                return true
            }
            #expect(reader.featuresDecoded == decoded, "\(name)")
            if name == "grid_indexed.fgb" { #expect(Set(ids) == fids) }
            #expect(ids.count == fids.count, "\(name)")
        }
        #expect(fids.count == 6)
    }

    /// Written files read back the same (nulls left out, arrays as JSON text, null geometry), with
    /// an index a bbox read decodes only its matches; the layout is the one GDAL reads (checked
    /// against GDAL by Fixtures/check_shp_fgb_with_pyogrio.py).
    @Test(arguments: [true, false])
    func roundTrip(index: Bool) throws {
        let dir = try shpScratch()
        var features: [Feature] = []
        for i in 0..<100 {
            let x = Double(i % 10) * 10, y = Double(i / 10) * 10
            let ring = [Coordinate(x, y), Coordinate(x + 5, y), Coordinate(x + 5, y + 5), Coordinate(x, y + 5), Coordinate(x, y)]
            features.append(Feature(id: .int(Int64(i)), geometry: .polygon(Polygon(exterior: ring)),
                                    properties: ["이름": .string("칸 \(i)"), "n": .int(Int64(i)), "r": i % 3 == 0 ? .null : .double(Double(i) / 4),
                                                 "ok": .bool(i % 2 == 0), "tags": .array([.int(1), "a"])]))
        }
        features.append(Feature(id: .int(100), geometry: nil, properties: ["n": 1000]))
        features.append(Feature(id: .int(101), geometry: .multiPolygon(MultiPolygon([
            Polygon(exterior: [Coordinate(0, 0), Coordinate(1, 0), Coordinate(0, 1), Coordinate(0, 0)]),
            Polygon(exterior: [Coordinate(5, 5), Coordinate(6, 5), Coordinate(5, 6), Coordinate(5, 5)],
                    holes: [[Coordinate(5.1, 5.1), Coordinate(5.2, 5.1), Coordinate(5.1, 5.2), Coordinate(5.1, 5.1)]]),
        ])), properties: ["n": 1001]))
        let path = dir + "/cells.fgb"
        let layer = GeoDataLayer(name: "cells", collection: FeatureCollection(features, crs: CRS(epsg: 5179)))
        try GeoDataSink.write([layer], to: path, options: GeoDataWriteOptions(spatialIndex: index))
        let reader = try FlatGeobufReader(path: path)
        #expect(reader.indexNodeSize == (index ? 16 : 0))
        #expect(reader.crs == CRS(epsg: 5179))
        #expect(reader.name == "cells")
        #expect(reader.geometryTypeName == "MULTIPOLYGON")
        var back: [Int64: Feature] = [:]
        try reader.forEachFeature { f in
            if let n = f["n"]?.intValue { back[n] = f }
            return true
        }
        #expect(back.count == features.count)
        for f in features {
            let n = try #require(f["n"]?.intValue)
            let read = try #require(back[n])
            // Polygons beside a MultiPolygon are written as one-member MultiPolygons (one layer type).
            let promoted: Geometry? = if case .polygon(let p)? = f.geometry { .multiPolygon(MultiPolygon([p])) } else { f.geometry }
            #expect(read.geometry == promoted, "feature \(n)")
            var expected = f.properties.filter { $0.value != .null }
            if expected["tags"] != nil { expected["tags"] = #"[1,"a"]"# }
            #expect(read.properties == expected, "feature \(n)")
        }

        var hits: [PropertyValue] = []
        try reader.forEachFeature(bbox: BoundingBox(minX: 21, minY: 41, maxX: 34, maxY: 44)) { hits.append($0["n"] ?? .null); return true }
        #expect(Set(hits) == [42, 43])
        #expect(reader.featuresDecoded == (index ? 2 : 102))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["cells.fgb"])
    }

    /// Heights and measures: a layer with one ZM line gives every geometry z (0 when missing) and
    /// m (NaN when missing), as the header declares them for the whole layer.
    @Test func heightsAndMeasures() throws {
        let path = try shpScratch() + "/zm.fgb"
        let line = LineString([Coordinate(1, 2), Coordinate(3, 4)], z: [5, 6], m: [7, 8])
        let point = Point(coordinate: Coordinate(9, 9), z: 1, m: 2)
        try GeoDataSink.write([GeoDataLayer(name: "zm", collection: FeatureCollection([
            Feature(geometry: .lineString(line)), Feature(geometry: .point(point)),
        ]))], to: path)
        let reader = try FlatGeobufReader(path: path)
        #expect(reader.geometryTypeName == "GEOMETRY Z M")
        var geometries: [Geometry?] = []
        try reader.forEachFeature { geometries.append($0.geometry); return true }
        #expect(Set(geometries.compactMap { $0 }) == [.lineString(line), .point(point)])
    }

    @Test func indexLayout() {
        #expect(FlatGeobufIndex.levelBounds(itemCount: 1, nodeSize: 16) == [1..<2, 0..<1])
        #expect(FlatGeobufIndex.levelBounds(itemCount: 400, nodeSize: 16) == [28..<428, 3..<28, 1..<3, 0..<1])
        #expect(FlatGeobufIndex.size(itemCount: 400, nodeSize: 16) == (400 + 25 + 2 + 1) * 40)
        #expect(FlatGeobufIndex.hilbert(0, 0) == 0)
    }

    private func edited(_ name: String, _ edit: (inout [UInt8]) -> Void) throws -> String {
        var bytes = try Fixture.bytes("shp_fgb/" + name)
        edit(&bytes)
        let path = try shpScratch() + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func put32(_ bytes: inout [UInt8], _ at: Int, _ v: UInt32) {
        withUnsafeBytes(of: v.littleEndian) { for i in 0..<4 { bytes[at + i] = $0[i] } }
    }

    @Test func notFlatGeobuf() throws {
        let path = try edited("mixed.fgb") { $0[1] = 0x41 }
        #expect(throws: GeoDataError.invalidFile(FileFormatError(path: path, place: .byte(0), problem: "no FlatGeobuf magic bytes"))) {
            try GeoDataSource(path: path)
        }
    }

    @Test func truncatedFile() throws {
        let path = try edited("grid_indexed.fgb") { $0.removeSubrange(2000...) }
        #expect(throws: GeoDataError.invalidFile(FileFormatError(path: path, place: .byte(0x0 + 12 + headerSize("grid_indexed.fgb")),
                                                                 problem: "the index of 400 features needs 17120 bytes, the file has \(2000 - 12 - headerSize("grid_indexed.fgb")) after the header"))) {
            try GeoDataSource(path: path)
        }
        let noIndex = try edited("grid_noindex.fgb") { $0.removeLast(10) }
        let source = try GeoDataSource(path: noIndex)
        let result = Result { try source.readLayer() }
        guard case .failure(GeoDataError.invalidFile(let e)) = result else {
            Issue.record("expected an invalid file error, got \(result)")
            return
        }
        #expect(e.path == noIndex)
        #expect(e.problem.hasPrefix("feature of "))
        if case .record(let r, _) = e.place { #expect(r == 400) } else { Issue.record("expected record 400, got \(e.place)") }
    }

    /// A header declaring a trillion features is refused before anything is allocated for them.
    @Test func hugeFeatureCount() throws {
        let header = FlatBufferBuilder.build(.table([(0, .string("huge")), (2, .uint8(1)), (8, .uint64(1 << 40)), (9, .uint16(16))]))
        var bytes = flatGeobufMagic
        withUnsafeBytes(of: UInt32(header.count).littleEndian) { bytes += $0 }
        bytes += header + [UInt8](repeating: 0, count: 64)
        let path = try shpScratch() + "/huge.fgb"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(throws: GeoDataError.invalidFile(FileFormatError(path: path, place: .byte(12),
                                                                 problem: "header declares 1099511627776 features, more than the \(bytes.count)-byte file can hold"))) {
            try GeoDataSource(path: path)
        }
        // The same header with a plausible count but no room for its index.
        let small = FlatBufferBuilder.build(.table([(2, .uint8(1)), (8, .uint64(20)), (9, .uint16(16))]))
        var file = flatGeobufMagic
        withUnsafeBytes(of: UInt32(small.count).littleEndian) { file += $0 }
        file += small + [UInt8](repeating: 0, count: 100)
        let path2 = try shpScratch() + "/noindex.fgb"
        try Data(file).write(to: URL(fileURLWithPath: path2))
        #expect(throws: GeoDataError.invalidFile(FileFormatError(path: path2, place: .byte(12 + small.count),
                                                                 problem: "the index of 20 features needs 920 bytes, the file has 100 after the header"))) {
            try GeoDataSource(path: path2)
        }
    }

    @Test func lyingHeaderSize() throws {
        let path = try edited("mixed.fgb") { put32(&$0, 8, 1_000_000) }
        let size = try Fixture.bytes("shp_fgb/mixed.fgb").count
        #expect(throws: GeoDataError.invalidFile(FileFormatError(path: path, place: .byte(8), problem: "header size 1000000 exceeds the \(size - 12) bytes after it"))) {
            try GeoDataSource(path: path)
        }
    }

    @Test func lyingFeatureSize() throws {
        let featuresStart = 12 + headerSize("grid_noindex.fgb")
        let path = try edited("grid_noindex.fgb") { put32(&$0, featuresStart, 0xFFFF_FFF0) }
        let source = try GeoDataSource(path: path)
        let size = try Fixture.bytes("shp_fgb/grid_noindex.fgb").count
        #expect(throws: GeoDataError.invalidFile(FileFormatError(path: path, place: .record(1, byte: featuresStart),
                                                                 problem: "feature of 4294967280 bytes exceeds the \(size - featuresStart - 4) bytes left in the file"))) {
            try source.readLayer()
        }
    }

    /// Random corruption of every fixture throws or reads, never traps.
    @Test func fuzzedFilesNeverTrap() throws {
        var rng = SplitMix64(seed: 7)
        for name in ["mixed.fgb", "roads_z.fgb", "grid_indexed.fgb"] {
            let original = try Fixture.bytes("shp_fgb/" + name)
            let dir = try shpScratch()
            for k in 0..<60 {
                let path = "\(dir)/\(k).fgb"
                try Data(mutated(original, flips: 1 + k % 4, using: &rng)).write(to: URL(fileURLWithPath: path))
                if let source = try? GeoDataSource(path: path) {
                    _ = try? source.readLayer()
                    _ = try? source.readLayer(bbox: BoundingBox(minX: 960000, minY: 1950000, maxX: 960500, maxY: 1950500))
                }
            }
        }
    }

    private func headerSize(_ name: String) -> Int {
        let bytes = (try? Fixture.bytes("shp_fgb/" + name)) ?? []
        return bytes.count >= 12 ? Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24 : 0
    }
}
