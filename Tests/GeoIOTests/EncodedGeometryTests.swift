import Foundation
import GeoBenchSupport
import GeoCore
import Testing
@testable import GeoIO

/// ``EncodedGeometry`` keeps exactly the plain WKB it promises, with the decoded geometry's kind,
/// bounding box and position count; the writers that copy its coordinates write the bytes they
/// write for the decoded geometry.
@Suite struct EncodedGeometryTests {
    static func encoded(_ bytes: [UInt8]) -> EncodedGeometry? {
        bytes.withUnsafeBytes { EncodedGeometry($0) }
    }

    /// Whether WKB of `g` is of the plain shape: a line or polygon kind, every part present.
    static func isPlain(_ g: Geometry) -> Bool {
        func line(_ l: LineString) -> Bool { l.coordinates.count >= 2 }
        func polygon(_ p: Polygon) -> Bool { !p.exterior.isEmpty }
        switch g {
        case .lineString(let l): return line(l)
        case .polygon(let p): return polygon(p)
        case .multiLineString(let ml): return !ml.lineStrings.isEmpty && ml.lineStrings.allSatisfy(line)
        case .multiPolygon(let mp): return !mp.polygons.isEmpty && mp.polygons.allSatisfy(polygon)
        default: return false
        }
    }

    /// Every geometry of the FlatGeobuf corpus (each kind, empty parts, holes, 1 to 301 points),
    /// and national-layer-like shapes with negative and signed-zero coordinates.
    static func corpus() -> [Geometry] {
        var out = FlatGeobufFeatureBytesTests.geometries().map(\.0)
        let square: [Coordinate] = [Coordinate(-0.0, 0), Coordinate(1, 0), Coordinate(1, 1), Coordinate(0.0, 1), Coordinate(-0.0, 0)]
        out.append(.polygon(Polygon(exterior: square)))
        out.append(.multiPolygon(MultiPolygon([Polygon(exterior: square), Polygon(exterior: square.map { Coordinate($0.x - 3, -$0.y) })])))
        out.append(.multiLineString(MultiLineString([LineString([Coordinate(-180, -90), Coordinate(180, 90)])])))
        return out
    }

    @Test func keepsPlainWKBWithItsKindBoxAndCount() throws {
        var kept = 0
        for g in Self.corpus() {
            let bytes = WKB.encode(g)
            let e = Self.encoded(bytes)
            #expect((e != nil) == Self.isPlain(g), "\(g.kind) \(g.coordinateCount) positions")
            guard let e else { continue }
            kept += 1
            #expect(e.wkb == bytes)
            #expect(e.kind == g.kind)
            #expect(e.boundingBox == g.boundingBox)
            #expect(e.positionCount == g.coordinateCount)
            #expect(e.geometry == g)
        }
        #expect(kept >= 30)
    }

    @Test func leavesEveryOtherEncodingToTheDecoder() throws {
        let ring = [Coordinate(0, 0), Coordinate(1, 0), Coordinate(1, 1), Coordinate(0, 0)]
        let polygon = Geometry.polygon(Polygon(exterior: ring))
        let plain = WKB.encode(polygon)
        #expect(Self.encoded(plain) != nil)
        // Big-endian, EWKB with an SRID, heights, a point, a collection, bytes after the end.
        #expect(Self.encoded(WKB.encode(polygon, byteOrder: .bigEndian)) == nil)
        #expect(Self.encoded(WKB.encode(polygon, flavor: .extended(srid: 4326))) == nil)
        #expect(Self.encoded(WKB.encode(.lineString(LineString(ring, z: [1, 2, 3, 4])))) == nil)
        #expect(Self.encoded(WKB.encode(.point(Point(Coordinate(1, 2))))) == nil)
        #expect(Self.encoded(WKB.encode(.geometryCollection(GeometryCollection([polygon])))) == nil)
        #expect(Self.encoded(plain + [0]) == nil)
        // An open ring, a ring of three positions, a NaN, an infinity: the decoder's errors.
        var open = plain
        open.replaceSubrange((open.count - 16)..<(open.count - 8), with: withUnsafeBytes(of: 0.5.bitPattern.littleEndian, Array.init))
        #expect(Self.encoded(open) == nil)
        #expect(throws: GeoIOError.self) { try WKB.decode(open) }
        // A polygon whose ring has three positions, first and last equal.
        let threeRing: [UInt8] = [1, 3, 0, 0, 0, 1, 0, 0, 0, 3, 0, 0, 0] + [0.0, 0, 1, 0, 0, 0].flatMap {
            withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init)
        }
        #expect(Self.encoded(threeRing) == nil)
        #expect(throws: GeoIOError.self) { try WKB.decode(threeRing) }
        for bad in [Double.nan, .infinity] {
            var b = plain
            b.replaceSubrange(13..<21, with: withUnsafeBytes(of: bad.bitPattern.littleEndian, Array.init))
            #expect(Self.encoded(b) == nil)
        }
        // A multi polygon whose member is a line string; counts larger than the bytes.
        var wrongMember = WKB.encode(.multiPolygon(MultiPolygon([Polygon(exterior: ring)])))
        wrongMember[10] = 2
        #expect(Self.encoded(wrongMember) == nil)
        var huge = plain
        huge.replaceSubrange(5..<9, with: [0xFF, 0xFF, 0xFF, 0x7F])
        #expect(Self.encoded(huge) == nil)
        // Every truncation of every plain geometry of the corpus.
        for g in Self.corpus() where Self.isPlain(g) {
            let bytes = WKB.encode(g)
            for n in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97)) {
                #expect(Self.encoded(Array(bytes.prefix(n))) == nil)
            }
        }
    }

    /// A Shapefile record from the WKB has the bytes of the record of the decoded geometry
    /// (rings turned as the format asks, the box, the part starts), and adds to the file's box
    /// as that does; in a shape type with heights it goes the general way, to the same bytes.
    @Test func shapefileRecordFromWKBHasTheGeometrysBytes() throws {
        var compared = 0
        for g in Self.corpus() {
            guard let e = Self.encoded(WKB.encode(g)) else { continue }
            let flat: ShapeType = e.kind == .polygon || e.kind == .multiPolygon ? .polygon : .polyLine
            for type in [flat, ShapeType(rawValue: flat.rawValue + 10)!] {
                let encoder = ShapeRecordEncoder(type: type)
                var boxA = BoundingBox(minX: 0.5, minY: 0.5, maxX: 0.5, maxY: 0.5), boxB = boxA
                var zA = (Double.infinity, -Double.infinity), mA = zA, zB = zA, mB = zA
                var fromGeometry: [UInt8] = [9], fromWKB: [UInt8] = [9]
                encoder.encode(g, into: &fromGeometry, box: &boxA, z: &zA, m: &mA)
                encoder.encode(e, into: &fromWKB, box: &boxB, z: &zB, m: &mB)
                #expect(fromWKB == fromGeometry, "\(g.kind) as \(type)")
                #expect(boxB == boxA)
                #expect(zB == zA && mB == mA)
                compared += 1
            }
        }
        #expect(compared >= 60)
        // A clockwise exterior stays, a counter-clockwise one is turned: both seen above.
        let ccw = [Coordinate(0, 0), Coordinate(1, 0), Coordinate(1, 1), Coordinate(0, 0)]
        let e = try #require(Self.encoded(WKB.encode(.polygon(Polygon(exterior: ccw)))))
        #expect(e.withParts { parts in
            var area = 0.0
            parts.forEachRun(ofPartAt: 5) { area = ShapeRecordEncoder.signedArea2($0) }
            return area
        } == ShapeRing.signedArea2(ccw))
    }

    /// A GeoPackage row's geometry from the WKB is the blob, box and flags made from the decoded
    /// geometry: the header before the WKB as it is.
    @Test func geoPackageBlobFromWKBIsTheGeometrys() throws {
        var compared = 0
        for g in Self.corpus() {
            guard let e = Self.encoded(WKB.encode(g)) else { continue }
            for srs: Int32 in [4326, -1, 5179] {
                let fromGeometry = GeoPackageWriter.PreparedGeometry(g, srsID: srs)
                let fromWKB = GeoPackageWriter.PreparedGeometry(e, srsID: srs)
                #expect(fromWKB.blob == fromGeometry.blob, "\(g.kind)")
                #expect(fromWKB.box == fromGeometry.box)
                #expect(fromWKB.hasZ == fromGeometry.hasZ && fromWKB.hasM == fromGeometry.hasM)
                #expect(try GeoPackageBinary.decode(fromWKB.blob).geometry == g)
                compared += 1
            }
            // Kept in its GeoPackage blob: the blob as it is when its header is the one to
            // write; else a header made anew (another reference system, a lying envelope, a
            // big-endian header, an envelope with heights).
            let blob = GeoPackageBinary.encode(g, srsID: 4326)
            let kept = try #require(blob.withUnsafeBytes { EncodedGeometry($0, wkbOffset: 40) })
            #expect(kept == e)
            #expect(GeoPackageWriter.PreparedGeometry(kept, srsID: 4326).blob == blob)
            #expect(GeoPackageWriter.PreparedGeometry(kept, srsID: 5179).blob == GeoPackageBinary.encode(g, srsID: 5179))
            var lying = blob
            lying[8] ^= 1
            var bigEndianHeader = GeoPackageBinary.encode(g, srsID: 4326, byteOrder: .bigEndian)
            bigEndianHeader.replaceSubrange(40..., with: WKB.encode(g))
            for other in [lying, bigEndianHeader] {
                let e = try #require(other.withUnsafeBytes { EncodedGeometry($0, wkbOffset: 40) })
                #expect(GeoPackageWriter.PreparedGeometry(e, srsID: 4326).blob == blob)
            }
            let withHeights = GeoPackageBinary.encode(g, srsID: 4326, envelope: .xyz)
            let e56 = try #require(withHeights.withUnsafeBytes { EncodedGeometry($0, wkbOffset: 56) })
            #expect(GeoPackageWriter.PreparedGeometry(e56, srsID: 4326).blob == blob)
        }
        #expect(compared >= 90)
    }

    /// A FlatGeobuf feature laid out from the WKB has the bytes of the one laid out from the
    /// decoded geometry, promoted as the writer promotes it, at every alignment of its start.
    @Test func flatGeobufFeatureFromWKBHasTheGeometrysBytes() throws {
        var compared = 0
        for g in Self.corpus() {
            guard let e = Self.encoded(WKB.encode(g)) else { continue }
            let multi: FlatGeobufGeometryType = e.kind == .polygon || e.kind == .multiPolygon ? .multiPolygon : .multiLineString
            for headerType in Set([FlatGeobufGeometryType(g.kind), multi]) {
                for properties in [[], [0, 0, 7, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7]] as [[UInt8]] {
                    for pad in 0..<8 {
                        let prefix = [UInt8](repeating: 0xAB, count: pad)
                        var fromGeometry = prefix
                        let promoted = FlatGeobufWriter.promoted(g, to: headerType)
                        #expect(FlatGeobufWriter.appendFeature(promoted, properties: properties, headerType: headerType,
                                                               hasZ: false, hasM: false, to: &fromGeometry))
                        var fromWKB = prefix
                        #expect(FlatGeobufWriter.appendFeature(e, properties: properties, headerType: headerType,
                                                               hasZ: false, hasM: false, to: &fromWKB))
                        #expect(fromWKB == fromGeometry, "\(g.kind) under \(headerType), pad \(pad)")
                        compared += 1
                    }
                }
            }
        }
        #expect(compared >= 600)
        // What the direct layout leaves to the builder, the WKB's layout leaves too.
        let e = try #require(Self.encoded(WKB.encode(.polygon(Polygon(exterior: [Coordinate(0, 0), Coordinate(1, 0), Coordinate(0, 1), Coordinate(0, 0)])))))
        var out: [UInt8] = []
        #expect(!FlatGeobufWriter.appendFeature(e, properties: [], headerType: .unknown, hasZ: false, hasM: false, to: &out))
        #expect(!FlatGeobufWriter.appendFeature(e, properties: [], headerType: .polygon, hasZ: true, hasM: false, to: &out))
        #expect(out.isEmpty)
    }
}

/// A GeoPackage layer streamed with its geometries kept in WKB (``GeoDataLayerStream/wkbSource``)
/// gives the file the whole layer, read decoded, gives: polygons and multi polygons (one header
/// type, the polygons promoted), lines, and late features that make the writer start over or
/// fall back to decoding.
@Suite struct KeptWKBStreamTests {
    static let count = 700

    static func features(_ change: String) -> [Feature] {
        var random = SplitMix64(seed: 11)
        return (0..<count).map { i in
            let ring = FlatGeobufFeatureBytesTests.ring(&random, points: 4 + i % 9)
            var g: Geometry? = i % 3 == 0
                ? .multiPolygon(MultiPolygon([Polygon(exterior: ring), Polygon(exterior: ring.map { Coordinate($0.x + 200, $0.y) })]))
                : .polygon(Polygon(exterior: ring, holes: i % 4 == 1 ? [Array(ring.reversed())] : []))
            if change == "lines" { g = i % 2 == 0 ? .lineString(LineString(ring)) : .multiLineString(MultiLineString([LineString(ring)])) }
            let late = i == GeoDataSink.flatGeobufLookahead + 100
            switch change {
            case "latePoint" where late: g = .point(Point(Coordinate(127, 36)))
            case "lateZ" where late: g = .polygon(Polygon(rings: [ring], z: [ring.map { _ in 5 }]))
            case "nullGeometry" where late: g = nil
            case "emptyPolygon" where late: g = .polygon(Polygon(exterior: []))
            default: break
            }
            return Feature(id: .int(Int64(i + 1)), geometry: g, properties: ["n": .int(Int64(i)), "name": .string("면\(i % 7)")])
        }
    }

    @Test(arguments: ["none", "lines", "latePoint", "lateZ", "nullGeometry", "emptyPolygon"], [false, true])
    func streamedFromWKBIsTheWholeLayerFile(change: String, readAhead: Bool) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-wkbstream-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = dir + "/in.gpkg"
        try GeoDataSink.write([GeoDataLayer(name: "l", collection: FeatureCollection(Self.features(change), crs: .wgs84))], to: input)
        let source = try GeoDataSource(path: input)
        let decoded = try source.readLayer("l")
        var stream = GeoDataLayerStream(name: "l", crs: decoded.crs) { body throws(GeoDataError) in
            try source.forEachFeature(layer: "l", body)
        }
        stream.wkbSource = { body throws(GeoDataError) in try source.forEachFeatureKeepingWKB(layer: "l", body) }
        if readAhead { stream = stream.readingAhead(batchSize: 64, batches: 2) }
        // The stream does keep the plain geometries encoded.
        var kept = 0, whole = 0
        try stream.forEachFeatureKeepingWKB { f, e in
            if let e {
                kept += 1
                #expect(f.geometry == nil)
                #expect(e.geometry == decoded.features[whole + kept - 1].geometry)
            } else {
                whole += 1
            }
        }
        #expect(kept + whole == Self.count)
        #expect(kept >= Self.count - 1, "\(change)")
        for ext in ["fgb", "shp", "gpkg"] {
            let wholePath = dir + "/whole." + ext, streamedPath = dir + "/streamed." + ext
            if ext == "shp" && change == "latePoint" {
                // Points among polygons: the same refusal, and nothing written.
                #expect(throws: GeoDataError.self) { try GeoDataSink.write([decoded], to: wholePath) }
                #expect(throws: GeoDataError.self) { try GeoDataSink.write(streams: [stream], to: streamedPath) }
                #expect(try !FileManager.default.contentsOfDirectory(atPath: dir).contains { $0.hasPrefix("streamed.s") })
                continue
            }
            try GeoDataSink.write([decoded], to: wholePath)
            #expect(try GeoDataSink.write(streams: [stream], to: streamedPath) == Self.count)
            let files = try FileManager.default.contentsOfDirectory(atPath: dir)
            let shapefile = ["shp", "shx", "dbf", "prj", "cpg"]
            let parts = files.filter { name in
                name.hasPrefix("whole.") && (ext == "shp" ? shapefile.contains { name.hasSuffix("." + $0) } : name.hasSuffix("." + ext))
            }
            #expect(parts.count == (ext == "shp" ? 4 : 1))
            for part in parts {
                let name = String(part.dropFirst("whole.".count))
                #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/streamed." + name))
                        == Data(contentsOf: URL(fileURLWithPath: dir + "/" + part)), "\(name) \(change)")
            }
        }
    }
}

/// A GeoPackage states its feature count through its R-tree without reading the layer's rows;
/// a count that falls short (features without a geometry) only plans the write, whose file is
/// still the one the whole layer gives.
@Suite struct FeatureCountHintTests {
    @Test func theRTreeStatesTheFeaturesWithAGeometry() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-hint-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Just past the lookahead, ten of them without a geometry: the index states fewer.
        let count = GeoDataSink.streamLookahead + 4
        var features = KeptWKBStreamTests.features("none")
        while features.count < count { features += KeptWKBStreamTests.features("none") }
        features = Array(features.prefix(count)).enumerated().map { i, f in
            var f = f
            f.id = .int(Int64(i + 1))
            if i % 400 == 7 { f.geometry = nil }
            return f
        }
        let input = dir + "/in.gpkg"
        let layer = GeoDataLayer(name: "l", collection: FeatureCollection(features, crs: .wgs84))
        try GeoDataSink.write([layer], to: input)
        let source = try GeoDataSource(path: input)
        let info = try source.layer(named: "l")
        let withGeometry = features.filter { $0.geometry != nil }.count
        #expect(withGeometry < GeoDataSink.streamLookahead)
        #expect(source.featureCount(info) == count)
        #expect(source.featureCountHint(info) == withGeometry)
        let reader = try GeoPackageReader(path: input)
        #expect(try reader.indexedRowCount("l") == withGeometry)
        #expect(try reader.rowCount("l") == count)
        // Planned by the short count, the streamed file is the whole layer's.
        var stream = GeoDataLayerStream(name: "l", crs: info.crs, statedCount: source.featureCountHint(info)) { body throws(GeoDataError) in
            try source.forEachFeature(layer: "l", body)
        }
        stream.wkbSource = { body throws(GeoDataError) in try source.forEachFeatureKeepingWKB(layer: "l", body) }
        let whole = dir + "/whole.gpkg", streamed = dir + "/streamed.gpkg"
        try GeoDataSink.write([try source.readLayer("l")], to: whole)
        #expect(try GeoDataSink.write(streams: [stream.readingAhead()], to: streamed) == count)
        #expect(try Data(contentsOf: URL(fileURLWithPath: streamed)) == Data(contentsOf: URL(fileURLWithPath: whole)))
        // Without an R-tree the hint is the exact count.
        let plain = dir + "/plain.gpkg"
        try GeoDataSink.write([layer], to: plain, options: GeoDataWriteOptions(spatialIndex: false))
        let unindexed = try GeoDataSource(path: plain)
        #expect(try GeoPackageReader(path: plain).indexedRowCount("l") == nil)
        #expect(unindexed.featureCountHint(try unindexed.layer(named: "l")) == count)
    }
}
