import Foundation
import GeoCore
import Testing
@testable import GeoIO

/// Layers written to a GeoPackage feature by feature give the very bytes of the same layers
/// written whole, with the same warnings, whether the first ``GeoDataSink/streamLookahead``
/// features decide the tables for good or a later feature makes the writer start over.
@Suite struct GeoPackageStreamTests {
    static let n = GeoDataSink.streamLookahead + 300
    static let late = GeoDataSink.streamLookahead + 100

    /// A layer of `n` features with one kind of late change.
    static func features(_ change: String, seed: Int = 0) -> [Feature] {
        (0..<n).map { i in
            var props: [String: PropertyValue] = ["v": .int(Int64(i)), "name": .string("p\(i % 13)"), "note": .null,
                                                  "ratio": .double(Double(i) / 4)]
            var id: FeatureID? = .int(Int64(i) * 2 + 1 + Int64(seed))
            var g: Geometry? = .point(Point(Coordinate(126 + Double(i % 100) / 100, 35 + Double(i / 100) / 100)))
            switch change {
            case "double" where i == late: props["v"] = .double(0.5)
            case "newProperty" where i == late: props["late"] = .bool(true)
            case "geometryType" where i == late: g = .multiPoint(MultiPoint([Point(Coordinate(127, 36)), Point(Coordinate(127.1, 36.1))]))
            case "idOrder" where i == late: id = .int(0)
            case "idMissing" where i == late: id = nil
            case "textIDs": id = .string("id-\(i)")
            case "nullThenText" where i == late: props["note"] = .string("later")
            case "inexact" where i == late: props["ratio"] = .int(9_007_199_254_740_993)
            case "mixedText" where i == late: props["v"] = .string("seven")
            case "json" where i == late: props["tags"] = .array([.string("a")])
            case "nullGeometry" where i == late: g = nil
            default: break
            }
            return Feature(id: id, geometry: g, properties: props)
        }
    }

    static let changes = ["none", "double", "newProperty", "geometryType", "idOrder", "idMissing", "textIDs", "nullThenText",
                          "inexact", "mixedText", "json", "nullGeometry"]

    /// Each change with the layers handed over as they are (geometries encoded on the writer's
    /// thread) and read ahead (encoded on the reading thread).
    @Test(arguments: changes, [false, true])
    func streamedGeoPackageIsTheWholeLayerFile(change: String, readAhead: Bool) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-gpkgstream-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Two layers: the change in the second, so a start over also rewrites the first.
        let layers = [GeoDataLayer(name: "first", collection: FeatureCollection(Self.features("none", seed: 1), crs: .wgs84)),
                      GeoDataLayer(name: "second", collection: FeatureCollection(Self.features(change), crs: .korea2000Unified))]
        var passes = [0, 0]
        let streams = layers.enumerated().map { k, layer in
            let stream = GeoDataLayerStream(name: layer.name, crs: layer.crs) { body throws(GeoDataError) in
                passes[k] += 1
                for f in layer.features { try body(f) }
            }
            return readAhead ? stream.readingAhead(batchSize: 16, batches: 2) : stream
        }
        let whole = dir + "/whole.gpkg", streamed = dir + "/streamed.gpkg"
        let wholeWarnings = try GeoDataSink.write(layers, to: whole)
        var streamedWarnings: [GeoDataWarning] = []
        #expect(try GeoDataSink.write(streams: streams, to: streamed, warn: { streamedWarnings.append($0) }) == 2 * Self.n)
        #expect(try Data(contentsOf: URL(fileURLWithPath: streamed)) == Data(contentsOf: URL(fileURLWithPath: whole)))
        #expect(streamedWarnings.map(\.description) == wholeWarnings.map { $0.description.replacingOccurrences(of: whole, with: streamed) })
        // Text ids from the first feature on go to an `id` column, whatever comes later.
        let restarts = !["none", "nullThenText", "nullGeometry", "textIDs"].contains(change)
        #expect(passes == (restarts ? [2, 2] : [1, 1]), "\(change)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["streamed.gpkg", "whole.gpkg"])
    }

    /// The page size in a SQLite file's header (bytes 16-17, big-endian; 1 stands for 65,536).
    static func pageSize(_ path: String) throws -> Int {
        let header = try Data(contentsOf: URL(fileURLWithPath: path)).prefix(18)
        let value = Int(header[16]) << 8 | Int(header[17])
        return value == 1 ? 65_536 : value
    }

    /// Small files keep SQLite's 4 KiB pages, large ones get 32 KiB, decided from the first
    /// layer's first rows alike in streamed and whole-layer writes: at the row-count boundary,
    /// at the size boundary (a few large polygons), and with a small first layer before a large
    /// one (the first layer decides).
    @Test(arguments: [(GeoDataSink.streamLookahead - 1, 0, 4096), (GeoDataSink.streamLookahead, 0, 32768),
                      (3, 90_000, 32768), (3, 80_000, 4096), (1, 0, 4096)])
    func pageSizeFollowsTheFirstRows(rows: Int, vertices: Int, expected: Int) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-gpkgpage-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func ring(_ k: Int) -> Geometry {
            let n = max(vertices, 3)
            var coords = (0..<n).map { j -> Coordinate in
                let a = Double(j) / Double(n) * 2 * Double.pi
                return Coordinate(127 + Double(k) + cos(a) * 0.1, 36 + sin(a) * 0.1)
            }
            coords.append(coords[0])
            return .polygon(Polygon(exterior: coords))
        }
        let first = (0..<rows).map { Feature(id: .int(Int64($0) + 1), geometry: vertices > 0 ? ring($0) : .point(Point(Coordinate(127, 36))), properties: [:]) }
        let second = (0..<GeoDataSink.streamLookahead + 10).map { Feature(id: .int(Int64($0) + 1), geometry: .point(Point(Coordinate(128, 36))), properties: [:]) }
        let layers = [GeoDataLayer(name: "first", collection: FeatureCollection(first, crs: .wgs84)),
                      GeoDataLayer(name: "second", collection: FeatureCollection(second, crs: .wgs84))]
        let whole = dir + "/whole.gpkg", streamed = dir + "/streamed.gpkg"
        _ = try GeoDataSink.write(layers, to: whole)
        _ = try GeoDataSink.write(streams: layers.map { GeoDataLayerStream($0) }, to: streamed)
        #expect(try Self.pageSize(whole) == expected)
        #expect(try Data(contentsOf: URL(fileURLWithPath: streamed)) == Data(contentsOf: URL(fileURLWithPath: whole)))
        let back = try GeoDataSource(path: streamed).readAll()
        #expect(back.map(\.features.count) == [rows, second.count])
        #expect(back.first?.features.first?.geometry == first.first?.geometry)
    }

    /// A layer of `count` multipolygons whose columns all have values, with one change at row
    /// `at` (after ``GeoDataSink/geoPackageEarlyStart``, before ``GeoDataSink/streamLookahead``).
    static func multipolygons(_ count: Int, change: String = "none", at: Int = 300) -> [Feature] {
        (0..<count).map { i in
            let x = 126 + Double(i % 100) / 100, y = 35 + Double(i / 100) / 100
            let square = Polygon(exterior: [Coordinate(x, y), Coordinate(x + 0.005, y), Coordinate(x + 0.005, y + 0.005), Coordinate(x, y)])
            var g: Geometry? = .multiPolygon(MultiPolygon([square]))
            var props: [String: PropertyValue] = ["v": .int(Int64(i)), "name": .string("p\(i % 13)"), "ratio": .double(Double(i) / 4)]
            switch change {
            case "double" where i == at: props["v"] = .double(0.5)
            case "newProperty" where i == at: props["late"] = .bool(true)
            case "geometryType" where i == at: g = .polygon(square)
            case "nullValue" where i == at: props["name"] = .null
            case "nullGeometry" where i == at: g = nil
            case "json": props["tags"] = .array([.string("t\(i % 7)"), .int(Int64(i))])
            default: break
            }
            return Feature(id: .int(Int64(i) + 1), geometry: g, properties: props)
        }
    }

    /// Which first rows settle a streamed GeoPackage table before the lookahead is in.
    @Test func earlyStartNeedsTypesKindsAndPageSize() {
        var survey = GeoPackageTablePlan.Survey()
        var pages = GeoPackageWriter.PageSizeSurvey()
        for f in Self.multipolygons(GeoDataSink.geoPackageEarlyStart) {
            survey.observe(f)
            pages.observe(f.geometry)
        }
        let rows = GeoDataSink.geoPackageEarlyStart, lots = GeoDataSink.streamLookahead
        func settled(rows: Int = rows, first: Bool = true, stated: Int? = lots, survey: GeoPackageTablePlan.Survey = survey,
                     kinds: Set<Geometry.Kind> = [.multiPolygon]) -> Bool {
            GeoDataSink.geoPackageSettled(rows: rows, firstLayer: first, pages: pages, statedCount: stated, survey: survey, kinds: kinds)
        }
        #expect(settled())
        #expect(!settled(rows: rows - 1))
        // The first layer's page size: stated or decided by its rows (these are small).
        #expect(!settled(stated: nil))
        #expect(!settled(stated: lots - 1))
        #expect(settled(first: false, stated: nil))
        // A single-part kind could widen; several kinds cannot.
        #expect(!settled(kinds: [.polygon]))
        #expect(!settled(kinds: [.point]))
        #expect(settled(kinds: [.polygon, .multiPolygon]))
        #expect(settled(kinds: [.geometryCollection]))
        // A column null in every row so far is not typed yet.
        var untyped = survey
        untyped.observe(Feature(id: nil, geometry: nil, properties: ["note": .null]))
        #expect(!settled(survey: untyped))
    }

    /// Tables started early give the whole-layer file: rows that fit are written as they come,
    /// one that does not (or a stated count the rows belie) starts the write over.
    @Test(arguments: ["none", "double", "newProperty", "geometryType", "nullValue", "nullGeometry", "shortLayer"])
    func earlyStartedGeoPackageIsTheWholeLayerFile(change: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-gpkgearly-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // "shortLayer": 300 small features under a stated count of 5,000, so the early start
        // takes 32 KiB pages that 300 rows do not give.
        let count = change == "shortLayer" ? 300 : GeoDataSink.streamLookahead + 300
        let features = Self.multipolygons(count, change: change)
        let layer = GeoDataLayer(name: "emd", collection: FeatureCollection(features, crs: .wgs84))
        var passes = 0
        let stream = GeoDataLayerStream(name: "emd", crs: .wgs84, statedCount: change == "shortLayer" ? 5_000 : count) { body throws(GeoDataError) in
            passes += 1
            for f in features { try body(f) }
        }
        let whole = dir + "/whole.gpkg", streamed = dir + "/streamed.gpkg"
        _ = try GeoDataSink.write([layer], to: whole)
        #expect(try GeoDataSink.write(streams: [stream], to: streamed) == count)
        #expect(try Data(contentsOf: URL(fileURLWithPath: streamed)) == Data(contentsOf: URL(fileURLWithPath: whole)), "\(change)")
        let restarts = ["double", "newProperty", "geometryType", "shortLayer"].contains(change)
        #expect(passes == (restarts ? 2 : 1), "\(change)")
        #expect(try Self.pageSize(streamed) == (change == "shortLayer" ? 4096 : 32768))
    }

    /// A first layer whose source states enough features for the page size has its file begun
    /// while the first rows are read (on the writing thread, once the reading thread has started,
    /// when the stream reads ahead): the same statements in the same order, so the whole-layer
    /// file byte for byte, with JSON columns (whose tables come after the file is begun) or
    /// without, with an R-tree (whose extension table comes first) or without.
    @Test(arguments: ["none", "json"], [false, true])
    func aFileBegunWhileReadingIsTheWholeLayerFile(change: String, readingAhead: Bool) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-gpkgbegun-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let count = GeoDataSink.streamLookahead + 300
        let features = Self.multipolygons(count, change: change)
        let layer = GeoDataLayer(name: "emd", collection: FeatureCollection(features, crs: .wgs84))
        for spatialIndex in [true, false] {
            let options = GeoDataWriteOptions(spatialIndex: spatialIndex)
            var stream = GeoDataLayerStream(name: "emd", crs: .wgs84, statedCount: count) { body throws(GeoDataError) in
                for f in features { try body(f) }
            }
            if readingAhead { stream = stream.readingAhead() }
            let whole = dir + "/whole-\(spatialIndex).gpkg", streamed = dir + "/streamed-\(spatialIndex).gpkg"
            _ = try GeoDataSink.write([layer], to: whole, options: options)
            #expect(try GeoDataSink.write(streams: [stream], to: streamed, options: options) == count)
            #expect(try Data(contentsOf: URL(fileURLWithPath: streamed)) == Data(contentsOf: URL(fileURLWithPath: whole)),
                    "\(change), R-tree \(spatialIndex)")
            #expect(try Self.pageSize(streamed) == 32768)
            let db = try GeoPackageConnection(path: streamed, create: false)
            #expect(try db.tableExists("gpkg_data_columns") == (change == "json"))
            #expect(try db.tableExists("gpkg_extensions") == (spatialIndex || change == "json"))
        }
    }

    /// The work a stream is given to do meanwhile runs before the first feature comes, on the
    /// calling thread, once whether or not the stream reads ahead; its error stops the stream.
    @Test(arguments: [false, true])
    func meanwhileRunsBeforeTheFirstFeature(readingAhead: Bool) throws {
        let features = Self.multipolygons(1_000)
        var stream = GeoDataLayerStream(name: "l", crs: .wgs84) { body throws(GeoDataError) in
            for f in features { try body(f) }
        }
        if readingAhead { stream = stream.readingAhead() }
        var events: [String] = []
        let caller = Thread.current
        try stream.forEachFeatureKeepingWKB(preparing: { _, _ in 0 }, meanwhile: {
            #expect(Thread.current == caller)
            events.append("meanwhile")
        }) { f, _, _ in
            if events.count < 2 { events.append(f.id == .int(1) ? "first feature" : "another feature") }
        }
        #expect(events == ["meanwhile", "first feature"])
        let failure = GeoDataError.unsupported(path: "out.gpkg", reason: "disk full")
        var seen = 0
        #expect(throws: failure) {
            try stream.forEachFeatureKeepingWKB(preparing: { _, _ in 0 }, meanwhile: { () throws(GeoDataError) in throw failure }) { _, _, _ in
                seen += 1
            }
        }
        #expect(seen == 0)
    }

    /// A stream that fails part-way leaves no file, and an existing one as it was.
    @Test func aFailingStreamLeavesTheOldFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-gpkgstream-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/out.gpkg"
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        let features = Self.features("none")
        let stream = GeoDataLayerStream(name: "l", crs: .wgs84) { body throws(GeoDataError) in
            for (i, f) in features.enumerated() {
                if i == Self.late { throw GeoDataError.unreadable(path: "in.geojson", reason: "cut short") }
                try body(f)
            }
        }
        #expect(throws: GeoDataError.unreadable(path: "in.geojson", reason: "cut short")) {
            try GeoDataSink.write(streams: [stream], to: path)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.gpkg"])
    }
}

/// The same for FlatGeobuf: a layer written feature by feature (only each feature's bytes kept)
/// is the whole layer's file, whether the first ``GeoDataSink/flatGeobufLookahead`` features
/// decide the header, a later one makes the writer start over, or a column null so far takes
/// its type late (the header is written last, so that needs no second pass).
@Suite struct FlatGeobufStreamTests {
    static let changes = ["none", "double", "newProperty", "geometryType", "nullThenText", "laterZ", "textInInteger",
                          "nullGeometry", "nullThenInteger", "nullThenDouble", "nullThenBool", "nullThenJSON"]

    @Test(arguments: changes, [GeoDataSink.flatGeobufLookahead + 100, GeoDataSink.streamLookahead + 100])
    func streamedFlatGeobufIsTheWholeLayerFile(change: String, late: Int) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-fgbstream-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var features = GeoPackageStreamTests.features("none")
        switch change {
        case "double": features[late].properties["v"] = .double(0.5)
        case "newProperty": features[late].properties["late"] = .bool(true)
        case "geometryType":
            features[late].geometry = .multiPoint(MultiPoint([Point(Coordinate(127, 36)), Point(Coordinate(127.1, 36.1))]))
        case "nullThenText": features[late].properties["note"] = .string("later")
        case "laterZ": features[late].geometry = .point(Point(position: Position(x: 127, y: 36, z: 12)))
        case "textInInteger": features[late].properties["v"] = .string("seven")
        case "nullGeometry": features[late].geometry = nil
        case "nullThenInteger": features[late].properties["note"] = .int(7)
        case "nullThenDouble": features[late].properties["note"] = .double(0.25)
        case "nullThenBool": features[late].properties["note"] = .bool(true)
        case "nullThenJSON": features[late].properties["note"] = .array([.string("a")])
        default: break
        }
        // A later value of the column, of its new type, goes through the plan already started.
        if change.hasPrefix("nullThen") { features[late + 50].properties["note"] = features[late].properties["note"] }
        let layer = GeoDataLayer(name: "points", collection: FeatureCollection(features, crs: .wgs84))
        var passes = 0
        let stream = GeoDataLayerStream(name: "points", crs: .wgs84) { body throws(GeoDataError) in
            passes += 1
            for f in features { try body(f) }
        }
        let whole = dir + "/whole.fgb", streamed = dir + "/streamed.fgb"
        try GeoDataSink.write([layer], to: whole)
        #expect(try GeoDataSink.write(streams: [stream], to: streamed) == features.count)
        #expect(try Data(contentsOf: URL(fileURLWithPath: streamed)) == Data(contentsOf: URL(fileURLWithPath: whole)))
        let onePass = change == "none" || change == "nullGeometry" || change.hasPrefix("nullThen")
        #expect(passes == (onePass ? 1 : 2), "\(change)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["streamed.fgb", "whole.fgb"])
    }
}

/// The same for Shapefiles: records written as they are read, the `.dbf` from the properties
/// kept, give the whole layer's five files byte for byte, whether the first
/// ``GeoDataSink/shapefileLookahead`` features decide the shape type for good or a later feature
/// makes the writer start over; a layer the whole write refuses gets the same error, and no file.
@Suite struct ShapefileStreamTests {
    static let changes = ["none", "multiPoint", "laterZ", "laterM", "nullGeometry", "newProperty", "double", "mixedFamily",
                          "collection", "allNullFirst"]

    @Test(arguments: changes)
    func streamedShapefileIsTheWholeLayerFiles(change: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-shpstream-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let late = GeoDataSink.shapefileLookahead + 100
        var features = Array(GeoPackageStreamTests.features("none").prefix(late + 200))
        switch change {
        case "multiPoint": features[late].geometry = .multiPoint(MultiPoint([Point(Coordinate(127, 36)), Point(Coordinate(127.1, 36.1))]))
        case "laterZ": features[late].geometry = .point(Point(position: Position(x: 127, y: 36, z: 12)))
        case "laterM": features[late].geometry = .point(Point(position: Position(x: 127, y: 36, m: 3)))
        case "nullGeometry": features[late].geometry = nil
        case "newProperty": features[late].properties["late"] = .bool(true)
        case "double": features[late].properties["v"] = .double(0.5)
        case "mixedFamily": features[late].geometry = .lineString(LineString([Coordinate(127, 36), Coordinate(127.1, 36.1)]))
        case "collection": features[late].geometry = .geometryCollection(GeometryCollection([.point(Point(Coordinate(127, 36)))]))
        case "allNullFirst": for i in 0..<late { features[i].geometry = nil }
        default: break
        }
        let layer = GeoDataLayer(name: "points", collection: FeatureCollection(features, crs: .wgs84))
        var passes = 0
        let stream = GeoDataLayerStream(name: "points", crs: .wgs84) { body throws(GeoDataError) in
            passes += 1
            for f in features { try body(f) }
        }
        try FileManager.default.createDirectory(atPath: dir + "/whole", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/streamed", withIntermediateDirectories: true)
        let whole = dir + "/whole/l.shp", streamed = dir + "/streamed/l.shp"
        if change == "mixedFamily" || change == "collection" {
            var wholeError: GeoDataError?
            do { try GeoDataSink.write([layer], to: whole) } catch { wholeError = error }
            #expect(wholeError != nil)
            #expect(throws: GeoDataError.self) { try GeoDataSink.write(streams: [stream], to: streamed) }
            do { try GeoDataSink.write(streams: [stream], to: streamed) } catch {
                #expect(error.description.replacingOccurrences(of: streamed, with: whole) == wholeError?.description)
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/streamed").isEmpty)
            return
        }
        try GeoDataSink.write([layer], to: whole)
        #expect(try GeoDataSink.write(streams: [stream], to: streamed) == features.count)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/whole").sorted()
        #expect(files == ["l.cpg", "l.dbf", "l.shp", "l.shx"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/streamed").sorted() == files)
        for name in files {
            let a = try Data(contentsOf: URL(fileURLWithPath: dir + "/whole/" + name))
            let b = try Data(contentsOf: URL(fileURLWithPath: dir + "/streamed/" + name))
            #expect(a == b, "\(change): \(name)")
        }
        let restarts = ["multiPoint", "laterZ", "laterM", "allNullFirst"].contains(change)
        #expect(passes == (restarts ? 2 : 1), "\(change)")
    }
}

/// GeoJSON and WKB streams written feature by feature give the bytes of the whole-layer write;
/// a feature GeoJSON cannot hold gives the whole-layer write's error and leaves an existing file
/// as it was; a layer in another CRS takes the whole-layer path and its checks, a layer without a
/// CRS streams and is checked to lie in degrees, with the whole-layer write's errors.
@Suite struct GeoJSONAndWKBStreamTests {
    static func dir() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-jsonstream-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func streams(_ layers: [GeoDataLayer], passes: UnsafeMutablePointer<Int>? = nil) -> [GeoDataLayerStream] {
        layers.map { layer in
            GeoDataLayerStream(name: layer.name, crs: layer.crs) { body throws(GeoDataError) in
                passes?.pointee += 1
                for f in layer.features { try body(f) }
            }
        }
    }

    @Test(arguments: ["geojson", "wkb"])
    func streamedFileIsTheWholeLayerFile(ext: String) throws {
        let dir = try Self.dir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Enough features for several 1 MiB pieces, in two layers.
        let a = GeoPackageStreamTests.features("none", seed: 1), b = GeoPackageStreamTests.features("geometryType")
        let layers = [GeoDataLayer(name: "first", collection: FeatureCollection(a + a + a, crs: .wgs84)),
                      GeoDataLayer(name: "second", collection: FeatureCollection(b + b + b, crs: .wgs84))]
        let whole = dir + "/whole.\(ext)", streamed = dir + "/streamed.\(ext)"
        _ = try GeoDataSink.write(layers, to: whole)
        var passes = 0
        let count = try withUnsafeMutablePointer(to: &passes) { p in
            try GeoDataSink.write(streams: Self.streams(layers, passes: p), to: streamed)
        }
        #expect(count == 6 * GeoPackageStreamTests.n)
        #expect(passes == 2, "each layer read once")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: streamed))
        // GeoJSON spans several 1 MiB pieces (the WKB of these points is under one).
        if ext == "geojson" { #expect(bytes.count > 2 << 20) }
        #expect(bytes == (try Data(contentsOf: URL(fileURLWithPath: whole))))
        // Both are the document the in-memory encoders make of all the features at once.
        let all = layers.flatMap(\.features)
        let expected = ext == "geojson"
            ? Data((try GeoJSON.encode(FeatureCollection(all, crs: .wgs84)) + "\n").utf8)
            : Data(WKBStream.write(all.map(\.geometry), flavor: .extended(srid: 4326)))
        #expect(bytes == expected)
    }

    @Test func aFeatureGeoJSONCannotHoldIsTheWholeLayerError() throws {
        let dir = try Self.dir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var features = GeoPackageStreamTests.features("none")
        features[GeoPackageStreamTests.late].properties["ratio"] = .double(.nan)
        let layers = [GeoDataLayer(name: "l", collection: FeatureCollection(features, crs: .wgs84))]
        let path = dir + "/out.geojson"
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        var wholeError: GeoDataError?
        do { _ = try GeoDataSink.write(layers, to: path) } catch { wholeError = error }
        var streamedError: GeoDataError?
        do { _ = try GeoDataSink.write(streams: Self.streams(layers), to: path) } catch { streamedError = error }
        #expect(wholeError != nil)
        #expect(streamedError == wholeError)
        #expect("\(streamedError.map { "\($0)" } ?? "")".contains("$.features[\(GeoPackageStreamTests.late)]"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.geojson"])
    }

    @Test func layersOutsideWGS84TakeTheWholeLayerChecks() throws {
        let dir = try Self.dir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let features = GeoPackageStreamTests.features("none")
        // Declared in EPSG:5179: refused unless allowed, as the whole-layer write does.
        let korea = [GeoDataLayer(name: "k", collection: FeatureCollection(features, crs: .korea2000Unified))]
        #expect(throws: GeoDataError.self) { try GeoDataSink.write(streams: Self.streams(korea), to: dir + "/k.geojson") }
        let allowed = GeoDataWriteOptions(allowNonWGS84GeoJSON: true)
        _ = try GeoDataSink.write(streams: Self.streams(korea), to: dir + "/k.geojson", options: allowed)
        _ = try GeoDataSink.write(korea, to: dir + "/k-whole.geojson", options: allowed)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/k.geojson")) == Data(contentsOf: URL(fileURLWithPath: dir + "/k-whole.geojson")))
        // No CRS but coordinates in degrees: accepted, streamed in one pass; the same bytes.
        let bare = [GeoDataLayer(name: "b", collection: FeatureCollection(features, crs: nil))]
        var passes = 0
        _ = try withUnsafeMutablePointer(to: &passes) { p in
            try GeoDataSink.write(streams: Self.streams(bare, passes: p), to: dir + "/b.geojson")
        }
        #expect(passes == 1)
        _ = try GeoDataSink.write(bare, to: dir + "/b-whole.geojson")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/b.geojson")) == Data(contentsOf: URL(fileURLWithPath: dir + "/b-whole.geojson")))
    }

    /// A layer without a CRS is streamed and checked as it passes: outside degrees it gives the
    /// whole-layer write's error and leaves the old file; any other failure (a value GeoJSON
    /// cannot hold, here or in another layer) is left to the whole-layer write, whose CRS checks
    /// come first, so the error is always the one it gives.
    @Test(arguments: ["metres", "nan", "nanBeforeMetres"])
    func layerWithoutACRSGivesTheWholeLayerError(change: String) throws {
        let dir = try Self.dir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var first = GeoPackageStreamTests.features("none", seed: 1)
        var bare = GeoPackageStreamTests.features("none")
        let late = GeoPackageStreamTests.late
        switch change {
        case "metres":
            bare[late].geometry = .point(Point(Coordinate(953_000, 1_950_000)))
        case "nan":
            bare[late].properties["ratio"] = .double(.nan)
        default:  // a value GeoJSON cannot hold in the first layer, metres in the second
            first[10].properties["ratio"] = .double(.nan)
            bare[late].geometry = .point(Point(Coordinate(953_000, 1_950_000)))
        }
        let layers = [GeoDataLayer(name: "first", collection: FeatureCollection(first, crs: .wgs84)),
                      GeoDataLayer(name: "bare", collection: FeatureCollection(bare, crs: nil))]
        let path = dir + "/out.geojson"
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        var wholeError: GeoDataError?
        do { _ = try GeoDataSink.write(layers, to: path) } catch { wholeError = error }
        var passes = 0
        var streamedError: GeoDataError?
        do {
            _ = try withUnsafeMutablePointer(to: &passes) { p in
                try GeoDataSink.write(streams: Self.streams(layers, passes: p), to: path)
            }
        } catch { streamedError = error as? GeoDataError }
        #expect(wholeError != nil)
        #expect(streamedError == wholeError, "\(change)")
        if change == "metres" {
            #expect(streamedError == .notWGS84(path: path, layer: "bare", crs: nil))
            #expect(passes == 2, "each layer read once")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.geojson"])
    }
}
