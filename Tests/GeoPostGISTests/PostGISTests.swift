import Foundation
import GeoCore
import GeoIO
@testable import GeoPostGIS
import GeoWorkflows
@testable import GeoBenchSupport
import Testing

private func c(_ x: Double, _ y: Double) -> Coordinate { Coordinate(x: x, y: y) }
private func p(_ x: Double, _ y: Double, _ z: Double) -> Position { Position(x: x, y: y, z: z) }

private func ring(_ x: Double, _ y: Double, _ size: Double) -> [Coordinate] {
    [c(x, y), c(x + size, y), c(x + size, y + size), c(x, y + size), c(x, y)]
}

private func ring(_ x: Double, _ y: Double, _ size: Double, z: Double) -> [Position] {
    [p(x, y, z), p(x + size, y, z), p(x + size, y + size, z), p(x, y + size, z), p(x, y, z)]
}

/// One geometry of every type, 2D.
private let geometries2D: [Geometry] = [
    .point(Point(c(127.0, 37.5))),
    .lineString(LineString([c(127, 37), c(127.5, 37.2), c(128, 37.1)])),
    .polygon(Polygon(exterior: ring(126, 36, 1), holes: [[c(126.2, 36.2), c(126.2, 36.4), c(126.4, 36.4), c(126.4, 36.2), c(126.2, 36.2)]])),
    .multiPoint(MultiPoint([Point(c(126.5, 35.5)), Point(c(126.6, 35.6))])),
    .multiLineString(MultiLineString([LineString([c(129, 35), c(129.1, 35.1)]), LineString([c(129.2, 35.2), c(129.3, 35.1)])])),
    .multiPolygon(MultiPolygon([Polygon(exterior: ring(128, 35, 0.5)), Polygon(exterior: ring(129, 36, 0.25))])),
    .geometryCollection(GeometryCollection([.point(Point(c(127.1, 37.1))), .lineString(LineString([c(127, 37), c(127.2, 37.2)]))])),
]

/// The same with heights.
private let geometries3D: [Geometry] = [
    .point(Point(position: p(127.0, 37.5, 12.5))),
    .lineString(LineString(positions: [p(127, 37, 1), p(127.5, 37.2, 2), p(128, 37.1, 3)])),
    .polygon(Polygon(positionRings: [ring(126, 36, 1, z: 40)])),
    .multiPoint(MultiPoint([Point(position: p(126.5, 35.5, 5)), Point(position: p(126.6, 35.6, 6))])),
    .multiLineString(MultiLineString([LineString(positions: [p(129, 35, 0), p(129.1, 35.1, 9)])])),
    .multiPolygon(MultiPolygon([Polygon(positionRings: [ring(128, 35, 0.5, z: 7)])])),
    .geometryCollection(GeometryCollection([.point(Point(position: p(127.1, 37.1, 3)))])),
]

/// Properties of every type, every key on every feature (a missing one reads back as null).
private func properties(_ i: Int) -> [String: PropertyValue] {
    [
        "count": .int(Int64(i) * 1_000_000_007),
        "ratio": .double(Double(i) + 0.25),
        "name": .string(i == 0 ? "세종특별자치시 \"5-1\" 생활권" : "구역 \(i)"),
        "active": .bool(i % 2 == 0),
        "tags": .array([.string("a"), .int(Int64(i)), .double(1.5), .bool(true), .null]),
        "meta": .object(["code": .string("S\(i)"), "floors": .int(Int64(i)), "nested": .object(["ok": .bool(true)])]),
        "missing": .null,
        "mixed_number": i % 2 == 0 ? .int(Int64(i)) : .double(Double(i) + 0.5),
        "mixed_kind": i % 2 == 0 ? .int(Int64(i)) : .string("x\(i)"),
    ]
}

/// What `properties(i)` reads back as: a column of integers and doubles is `double precision`.
private func propertiesRead(_ i: Int) -> [String: PropertyValue] {
    var p = properties(i)
    if case .int(let v)? = p["mixed_number"] { p["mixed_number"] = .double(Double(v)) }
    return p
}

@Suite(.enabled(if: PostGISTestDatabase.enabled, PostGISTestDatabase.skipMessage))
struct PostGISTests {
    init() { PostGIS.register() }

    @Test(arguments: [false, true])
    func roundTripsEveryGeometryAndPropertyType(withZ: Bool) throws {
        let base = try PostGISTestDatabase.require()
        let table = PostGISTestDatabase.tableName(withZ ? "rt3d" : "rt2d")
        let source = withZ ? geometries3D : geometries2D
        var features = source.enumerated().map { i, g in Feature(id: .int(Int64(i) * 10 + 3), geometry: g, properties: properties(i)) }
        if !withZ {
            features.append(Feature(id: .int(999), geometry: nil, properties: properties(7)))
            features.append(Feature(id: .int(1000), geometry: .point(.empty), properties: properties(8)))
        }
        let layer = GeoDataLayer(name: "every_type", collection: FeatureCollection(features, crs: .korea2000Unified))
        let location = PostGISTestDatabase.location(base, table: table)
        try GeoDataSink.write([layer], to: location)

        let back = try GeoDataSource(path: location).readLayer()
        #expect(back.name == table)
        #expect(back.crs == .korea2000Unified)
        #expect(back.features.count == features.count)
        for (i, (a, b)) in zip(features, back.features).enumerated() {
            #expect(b.id == a.id, "feature \(i)")
            #expect(b.geometry == a.geometry, "feature \(i)")
            let expected = propertiesRead(i < source.count ? i : i == source.count ? 7 : 8)
            #expect(b.properties == expected, "feature \(i)")
        }
        let types = try PostGISTestDatabase.query(
            "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = ANY($2::text[]) ORDER BY attname",
            [PG.quote(table), "{active,count,geom,meta,mixed_kind,mixed_number,name,ratio,tags}"]).map { $0[0] ?? "" }
        #expect(types == ["boolean", "bigint", withZ ? "geometry(GeometryZ,5179)" : "geometry(Geometry,5179)", "jsonb", "jsonb",
                          "double precision", "text", "double precision", "jsonb"])
        let indexes = try PostGISTestDatabase.query("SELECT indexname::text FROM pg_indexes WHERE tablename = $1 ORDER BY 1", [table])
        #expect(indexes.map { $0[0] ?? "" } == ["\(table)_geom_idx", "\(table)_pkey"])
    }

    /// A single-type layer gets a typed column; a text id becomes a text key; quoted names survive.
    @Test func typedColumnTextIDsAndQuotedNames() throws {
        let base = try PostGISTestDatabase.require()
        let table = "we\"ird \(UInt32.random(in: 0...UInt32.max)) 건물"
        let features = (0..<5).map { i in
            Feature(id: .string("B-\(i)"), geometry: .multiPolygon(MultiPolygon([Polygon(exterior: ring(Double(i), 0, 1))])),
                    properties: ["높이 \"m\"": .double(Double(i) * 3)])
        }
        let location = PostGISTestDatabase.location(base, table: table, "&geometry=shape")
        try GeoDataSink.write([GeoDataLayer(name: "b", collection: FeatureCollection(features, crs: .wgs84))], to: location)
        let back = try GeoDataSource(path: location).readLayer()
        #expect(back.features == features)
        let type = try PostGISTestDatabase.query("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = 'shape'",
                                                 [PG.quote(table)])
        #expect(type.first?[0] == "geometry(MultiPolygon,4326)")
        let info = try #require(GeoDataSource(path: location).layers.first)
        #expect(info.geometryTypeName == "MULTIPOLYGON")
    }

    /// Reads with a bbox return exactly the rows SQL counts with the same box, and a read in
    /// partitions returns the same features in the same order.
    @Test func bboxReadsMatchSQLCountsAndPartitionsMatchOneRead() throws {
        let base = try PostGISTestDatabase.require()
        let table = PostGISTestDatabase.tableName("bbox")
        var generator = SplitMix64(seed: 42)
        var features: [Feature] = []
        for i in 0..<3000 {
            let x = 900_000 + generator.nextUnit() * 300_000, y = 1_700_000 + generator.nextUnit() * 400_000
            let g: Geometry = i % 3 == 0
                ? .polygon(Polygon(exterior: ring(x, y, 500 + generator.nextUnit() * 20_000)))
                : .point(Point(c(x, y)))
            features.append(Feature(id: .int(Int64(i)), geometry: g, properties: ["i": .int(Int64(i))]))
        }
        features.append(Feature(id: .int(5000), geometry: nil, properties: ["i": .int(5000)]))
        let location = PostGISTestDatabase.location(base, table: table)
        try GeoDataSink.write([GeoDataLayer(name: "p", collection: FeatureCollection(features, crs: .korea2000Unified))], to: location)
        let source = try GeoDataSource(path: location)

        let boxes = [
            BoundingBox(minX: 950_000, minY: 1_800_000, maxX: 1_000_000, maxY: 1_900_000),
            BoundingBox(minX: 1_100_000, minY: 1_700_000, maxX: 1_250_000, maxY: 1_750_000),
            BoundingBox(minX: 0, minY: 0, maxX: 10, maxY: 10),
        ]
        for box in boxes {
            let read = try source.readLayer(nil, bbox: box)
            let sql = try PostGISTestDatabase.query(
                "SELECT count(*) FROM \(PG.quote(table)) WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, 5179)",
                [box.minX, box.minY, box.maxX, box.maxY].map { "\($0)" })
            #expect(read.features.count == Int(sql.first?[0] ?? "") ?? -1, "\(box)")
            #expect(read.features.allSatisfy { $0.geometry!.boundingBox.intersects(box) })
            let expected = features.filter { $0.geometry?.boundingBox.intersects(box) ?? false }
            #expect(read.features.map(\.id) == expected.map(\.id))
            let summary = try #require(GeoDataDescription(path: location, bbox: box).layers.first)
            #expect(summary.featureCount == read.features.count)
            for n in [2, 5] {
                #expect(try source.readLayer(nil, bbox: box, partitions: n).features == read.features, "\(n) partitions, \(box)")
            }
        }
        let whole = try source.readLayer()
        #expect(whole.features == features)
        for n in [2, 3, 7] {
            #expect(try source.readLayer(nil, bbox: nil, partitions: n).features == features, "\(n) partitions")
        }
        let description = try #require(GeoDataDescription(path: location).layers.first)
        #expect(description.featureCount == features.count)
        #expect(description.nullGeometries == 1)
        #expect(description.geometryTypes == [.polygon: 1000, .point: 2000])
        #expect(description.crs == .korea2000Unified)
        #expect(description.extent == FeatureCollection(features).boundingBox)
    }

    /// A write that fails (a feature the server refuses, or one GeoTwin cannot encode) leaves
    /// the old table as it was; a write that succeeds replaces it.
    @Test func failedWriteLeavesTheOldTable() throws {
        let base = try PostGISTestDatabase.require()
        let table = PostGISTestDatabase.tableName("atomic")
        let location = PostGISTestDatabase.location(base, table: table)
        let old = (0..<3).map { Feature(id: .int(Int64($0)), geometry: .point(Point(c(Double($0), 1))), properties: ["v": .string("old")]) }
        try GeoDataSink.write([GeoDataLayer(name: "a", collection: FeatureCollection(old, crs: .wgs84))], to: location)

        // An open ring: PostGIS refuses it during COPY.
        let open = Feature(id: .int(9), geometry: .polygon(Polygon(exterior: [c(0, 0), c(1, 0), c(1, 1), c(0, 1)])), properties: [:])
        let refused = (0..<50).map { Feature(id: .int(Int64($0)), geometry: .point(Point(c(5, 5))), properties: ["v": .string("new")]) } + [open]
        #expect(throws: GeoDataError.self) {
            try GeoDataSink.write([GeoDataLayer(name: "a", collection: FeatureCollection(refused, crs: .wgs84))], to: location)
        }
        #expect(try GeoDataSource(path: location).readLayer().features == old)

        // A value JSON cannot hold: GeoTwin stops the COPY.
        let unencodable = [Feature(id: .int(1), geometry: nil, properties: ["v": .object(["x": .double(.nan)])])]
        do {
            try GeoDataSink.write([GeoDataLayer(name: "a", collection: FeatureCollection(unencodable, crs: .wgs84))], to: location)
            Issue.record("the write should fail")
        } catch {
            #expect("\(error)".contains("unchanged"), "\(error)")
        }
        #expect(try GeoDataSource(path: location).readLayer().features == old)
        let leftovers = try PostGISTestDatabase.query("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'geotwin_new_%'")
        #expect(leftovers.first?[0] == "0")

        let new = [Feature(id: .int(7), geometry: .point(Point(c(3, 3))), properties: ["v": .string("new"), "n": .int(1)])]
        try GeoDataSink.write([GeoDataLayer(name: "a", collection: FeatureCollection(new, crs: .wgs84))], to: location)
        #expect(try GeoDataSource(path: location).readLayer().features == new)
    }

    /// A connection lost in the middle of the COPY (the server ends the backend) leaves the old
    /// table as it was.
    @Test func lostConnectionLeavesTheOldTable() throws {
        let base = try PostGISTestDatabase.require()
        let table = PostGISTestDatabase.tableName("lost")
        let application = "geotwin_lost_\(UInt32.random(in: 0...UInt32.max))"
        let location = PostGISTestDatabase.location(base, table: table, "&application_name=\(application)")
        let old = [Feature(id: .int(1), geometry: .point(Point(c(1, 1))), properties: ["v": .string("old")])]
        try GeoDataSink.write([GeoDataLayer(name: "a", collection: FeatureCollection(old, crs: .wgs84))], to: location)

        // Another session ends the writer's backend as soon as it is copying.
        let killed = KillSwitch()
        let killer = Thread {
            guard let url = PostGISTestDatabase.url, let connection = try? PGConnection(PostGISLocation(url)) else { return }
            for _ in 0..<3000 where !killed.over {
                let rows = (try? connection.strings(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'COPY%'",
                    [application], what: "ending the writer")) ?? []
                if rows.contains(where: { $0.first == "t" }) {
                    killed.fired()
                    return
                }
                usleep(5_000)
            }
        }
        killer.start()
        let many = (0..<400_000).map { i in
            Feature(id: .int(Int64(i)), geometry: .point(Point(c(Double(i % 1000) * 0.001, Double(i / 1000) * 0.001))),
                    properties: ["v": .string("new \(i)")])
        }
        do {
            try GeoDataSink.write([GeoDataLayer(name: "a", collection: FeatureCollection(many, crs: .wgs84))], to: location)
            Issue.record("the write should fail")
        } catch {
            #expect("\(error)".contains("the database is unchanged"), "\(error)")
        }
        killed.stop()
        #expect(killed.done)
        #expect(try GeoDataSource(path: location).readLayer().features == old)
    }

    /// An unreachable server: the message names host and port, and comes back within the
    /// connect timeout.
    @Test func unreachableServerNamesHostAndPort() throws {
        _ = try PostGISTestDatabase.require()
        let port = try freePort()
        let started = Date()
        do {
            _ = try GeoDataSource(path: "postgresql://geotwin:s3cret-pw@127.0.0.1:\(port)/nowhere?table=x")
            Issue.record("connecting should fail")
        } catch {
            let message = "\(error)"
            #expect(message.contains("127.0.0.1:\(port)"), "\(message)")
            #expect(!message.contains("s3cret-pw"), "\(message)")
        }
        #expect(Date().timeIntervalSince(started) < 5)

        // A silent address: the connect timeout of the URI bounds the wait.
        let silent = Date()
        #expect(throws: GeoDataError.self) {
            _ = try GeoDataSource(path: "postgresql://geotwin@10.255.255.1:5432/nowhere?table=x&connect_timeout=2")
        }
        #expect(Date().timeIntervalSince(silent) < 8)
    }

    @Test func missingTableListsTheTables() throws {
        let base = try PostGISTestDatabase.require()
        let table = PostGISTestDatabase.tableName("present")
        try GeoDataSink.write([GeoDataLayer(name: "a", collection: FeatureCollection([Feature(geometry: .point(Point(c(1, 1))))], crs: .wgs84))],
                              to: PostGISTestDatabase.location(base, table: table))
        do throws(GeoDataError) {
            _ = try GeoDataSource(path: PostGISTestDatabase.location(base, table: "no_such_table"))
            Issue.record("opening a missing table should fail")
        } catch {
            guard case .unknownLayer(_, let layer, let available) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(layer == "no_such_table")
            #expect(available.contains(table))
        }
    }

    @Test func wrongPasswordIsNeverPrinted() throws {
        let good = try #require(PostGISTestDatabase.passwordRoleURL)
        let goodLocation = try PostGISLocation(good)
        let secret = try #require(goodLocation.password)
        // The right password connects (then finds no such table).
        do throws(GeoDataError) {
            _ = try GeoDataSource(path: PostGISTestDatabase.location(good, table: "no_such_table"))
            Issue.record("the table should be missing")
        } catch {
            guard case .unknownLayer = error else {
                Issue.record("unexpected error \(error)")
                return
            }
        }
        let wrong = good.replacingOccurrences(of: ":\(secret)@", with: ":Wr0ng-Pa55word@")
        do {
            _ = try GeoDataSource(path: PostGISTestDatabase.location(wrong, table: "x"))
            Issue.record("a wrong password should fail")
        } catch {
            let message = "\(error)"
            #expect(message.contains("password authentication failed"), "\(message)")
            #expect(!message.contains("Wr0ng-Pa55word"))
            #expect(message.contains(":***@"))
        }
        // In the query string too.
        let query = good.replacingOccurrences(of: ":\(secret)@", with: "@") + "?password=Wr0ng-Pa55word&table=x"
        do {
            _ = try GeoDataSource(path: query)
            Issue.record("a wrong password should fail")
        } catch {
            #expect(!"\(error)".contains("Wr0ng-Pa55word"))
            #expect("\(error)".contains("password=***"))
        }
    }

    /// A table converted to a WKB stream goes batch by batch to the file (several FETCH batches,
    /// each asked for before the last is decoded): the records are the written geometries in key
    /// order with the column's SRID, the same bytes as the whole-layer conversion, with `--bbox` the
    /// features a brute-force bbox test keeps, and a layer that is not there leaves no file.
    @Test func tableToWKBStreamGoesBatchByBatchWithTheWholeLayerBytes() throws {
        let base = try PostGISTestDatabase.require()
        let table = PostGISTestDatabase.tableName("stream")
        var generator = SplitMix64(seed: 7)
        var features: [Feature] = []
        for i in 0..<(PostGISSource.batchSize * 2 + 345) {
            let g: Geometry? = i == 17 ? nil : .point(Point(c(126 + generator.nextUnit() * 3, 34 + generator.nextUnit() * 4)))
            features.append(Feature(id: .int(Int64(i) * 3 + 1), geometry: g, properties: ["name": .string("p\(i % 97)"), "v": .double(Double(i) / 8)]))
        }
        let location = PostGISTestDatabase.location(base, table: table)
        try GeoDataSink.write([GeoDataLayer(name: "p", collection: FeatureCollection(features, crs: .wgs84))], to: location)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-postgis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let streamed = dir.appendingPathComponent("streamed.wkb").path, whole = dir.appendingPathComponent("whole.wkb").path

        #expect(try GeoConvert.write(input: location, output: streamed) == features.count)
        let records = try WKBStream.readWithSRID(Array(try Data(contentsOf: URL(fileURLWithPath: streamed))))
        #expect(records.map(\.geometry) == features.map(\.geometry))
        #expect(Set(records.compactMap(\.srid)) == [4326])
        try GeoConvert.convert(input: location, output: whole)
        #expect(try Data(contentsOf: URL(fileURLWithPath: streamed)) == Data(contentsOf: URL(fileURLWithPath: whole)))

        let box = BoundingBox(minX: 127, minY: 35, maxX: 128, maxY: 36.5)
        let kept = features.filter { $0.geometry?.boundingBox.intersects(box) ?? false }
        #expect(try GeoConvert.write(input: location, output: streamed, bbox: box) == kept.count)
        #expect(try WKBStream.read(Array(try Data(contentsOf: URL(fileURLWithPath: streamed)))) == kept.map(\.geometry))

        // Read in strips side by side, the same bytes, also to a GeoPackage; a write that fails
        // part-way (a folder that does not exist) stops the strips' threads and leaves no file.
        for parts in [2, 3] {
            let strips = dir.appendingPathComponent("strips\(parts).wkb").path
            #expect(try GeoConvert.write(input: location, output: strips, partitions: parts) == features.count)
            #expect(try Data(contentsOf: URL(fileURLWithPath: strips)) == Data(contentsOf: URL(fileURLWithPath: whole)))
        }
        let oneGpkg = dir.appendingPathComponent("one.gpkg").path, stripsGpkg = dir.appendingPathComponent("strips.gpkg").path
        #expect(try GeoConvert.write(input: location, output: oneGpkg) == features.count)
        #expect(try GeoConvert.write(input: location, output: stripsGpkg, partitions: 3) == features.count)
        #expect(try Data(contentsOf: URL(fileURLWithPath: stripsGpkg)) == Data(contentsOf: URL(fileURLWithPath: oneGpkg)))
        // A Shapefile too: records as the batches come (in one part and in strips), the files of
        // the whole-layer conversion.
        for (name, parts) in [("streamed", 1), ("strips", 3), ("whole", 0)] {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(name), withIntermediateDirectories: true)
            let shp = dir.appendingPathComponent("\(name)/t.shp").path
            if parts == 0 {
                try GeoConvert.convert(input: location, output: shp)
            } else {
                #expect(try GeoConvert.write(input: location, output: shp, partitions: parts) == features.count)
            }
        }
        for ext in ["shp", "shx", "dbf", "cpg", "prj"] {
            let whole = try Data(contentsOf: dir.appendingPathComponent("whole/t.\(ext)"))
            #expect(try Data(contentsOf: dir.appendingPathComponent("streamed/t.\(ext)")) == whole, ".\(ext)")
            #expect(try Data(contentsOf: dir.appendingPathComponent("strips/t.\(ext)")) == whole, ".\(ext)")
        }
        var seen = 0
        #expect(throws: GeoDataError.self) {
            try GeoDataSource(path: location).forEachFeature(layer: nil, bbox: nil, partitions: 3) { _ throws(GeoDataError) in
                seen += 1
                if seen == 5_000 { throw GeoDataError.unreadable(path: "sink", reason: "stopped") }
            }
        }
        #expect(seen == 5_000)

        let missing = dir.appendingPathComponent("missing.wkb").path
        #expect(throws: (any Error).self) { try GeoConvert.write(input: location, layer: "no_such_table", output: missing) }
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    /// A layer streamed to the server makes the same table as the same layer written whole, also
    /// when a feature after the first ``PostGISWriter/lookahead`` changes the choice (a double in
    /// an integer column, a new property, another geometry type, an id out of order, text ids):
    /// the writer then starts the layer again from its first feature.
    @Test(arguments: ["none", "double", "newProperty", "geometryType", "idOrder", "textIDs", "nullThenText"])
    func streamedLoadMakesTheWholeLayerTable(change: String) throws {
        let base = try PostGISTestDatabase.require()
        let n = PostGISWriter.lookahead + 500
        let late = PostGISWriter.lookahead + 200
        let features = (0..<n).map { i -> Feature in
            var props: [String: PropertyValue] = ["v": .int(Int64(i)), "name": .string("p\(i % 13)"), "note": .null]
            var id: FeatureID = .int(Int64(i) * 2 + 1)
            var g: Geometry = .point(Point(c(126 + Double(i % 100) / 100, 35 + Double(i / 100) / 100)))
            switch change {
            case "double" where i == late: props["v"] = .double(0.5)
            case "newProperty" where i == late: props["late"] = .bool(true)
            case "geometryType" where i == late: g = .multiPoint(MultiPoint([Point(c(127, 36)), Point(c(127.1, 36.1))]))
            case "idOrder" where i == late: id = .int(0)
            case "textIDs": id = .string("id-\(i)")
            case "nullThenText" where i == late: props["note"] = .string("later")
            default: break
            }
            return Feature(id: id, geometry: g, properties: props)
        }
        let layer = GeoDataLayer(name: "s", collection: FeatureCollection(features, crs: .wgs84))
        var passes = 0
        let stream = GeoDataLayerStream(name: "s", crs: .wgs84) { body throws(GeoDataError) in
            passes += 1
            for f in features { try body(f) }
        }
        let streamedTable = PostGISTestDatabase.tableName("str_\(change)")
        let wholeTable = PostGISTestDatabase.tableName("whl_\(change)")
        #expect(try PostGISWriter.write(streams: [stream], to: PostGISLocation(PostGISTestDatabase.location(base, table: streamedTable))) == n)
        try PostGISWriter.write([layer], to: PostGISLocation(PostGISTestDatabase.location(base, table: wholeTable)))
        // Only a change after the lookahead that alters the table makes the writer start again.
        #expect(passes == (["none", "nullThenText"].contains(change) ? 1 : 2))

        func columns(_ table: String) throws -> [String] {
            try PostGISTestDatabase.query(
                "SELECT attname || ' ' || format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
                [PG.quote(table)]).map { $0[0] ?? "" }
        }
        #expect(try columns(streamedTable) == columns(wholeTable))
        let streamedBack = try GeoDataSource(path: PostGISTestDatabase.location(base, table: streamedTable)).readLayer()
        let wholeBack = try GeoDataSource(path: PostGISTestDatabase.location(base, table: wholeTable)).readLayer()
        #expect(streamedBack.features.count == n)
        #expect(streamedBack.features == wholeBack.features)
        if change == "none" {
            #expect(try columns(streamedTable).contains("v bigint"))
            #expect(streamedBack.features.map(\.geometry) == features.map(\.geometry))
        }
    }

    /// Large values are stored with LZ4 when the server offers it.
    @Test func largeGeometriesAreCompressedWithLZ4WhenTheServerHasIt() throws {
        let base = try PostGISTestDatabase.require()
        let offered = try PostGISTestDatabase.query(
            "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'").first?[0] == "t"
        let table = PostGISTestDatabase.tableName("lz4")
        // A ring of 2,000 vertices on a grid: 32 KB of EWKB that compresses well.
        let ringCoordinates = (0..<2000).map { i in c(127 + Double(i % 50) / 1000, 37 + Double(i / 50) / 1000) } + [c(127, 37)]
        let big = Feature(id: .int(1), geometry: .lineString(LineString(ringCoordinates)), properties: [:])
        let location = PostGISTestDatabase.location(base, table: table)
        try GeoDataSink.write([GeoDataLayer(name: "l", collection: FeatureCollection([big], crs: .wgs84))], to: location)
        let method = try PostGISTestDatabase.query("SELECT pg_column_compression(geom) FROM \(PG.quote(table))").first?[0]
        #expect(method == (offered ? "lz4" : "pglz"))
        #expect(try GeoDataSource(path: location).readLayer().features == [big])
    }

    /// `geotwin convert` through the workflow: a GeoPackage layer into PostGIS and back, with a
    /// bbox and partitions.
    @Test func convertWorkflowBetweenGeoPackageAndPostGIS() throws {
        let base = try PostGISTestDatabase.require()
        let table = PostGISTestDatabase.tableName("gpkg")
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let gpkg = root.appendingPathComponent("Geodata/korea.gpkg").path
        let location = PostGISTestDatabase.location(base, table: table)
        let written = try GeoConvert.convert(input: gpkg, layer: "sido", output: location)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-postgis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("sido.gpkg").path
        let back = try GeoConvert.convert(input: location, output: out, partitions: 3)
        #expect(back.first?.features == written.first?.features)
        let box = BoundingBox(minX: 126.5, minY: 37, maxX: 127.5, maxY: 38)
        let some = try GeoConvert.convert(input: location, output: out, bbox: box)
        #expect(some.first?.features == written.first?.features.filter { $0.geometry?.boundingBox.intersects(box) ?? false })
    }
}

/// Parsing and redacting locations (no server needed).
@Suite struct PostGISLocationTests {
    @Test func geoTwinParametersAreRemovedAndATimeoutAdded() throws {
        let l = try PostGISLocation("postgresql://twin:pa%40ss@db.local:6432/city?sslmode=require&table=%EA%B1%B4%EB%AC%BC&schema=twin&geometry=shape")
        #expect(l.table == "건물")
        #expect(l.schema == "twin")
        #expect(l.geometryColumn == "shape")
        #expect(l.password == "pa@ss")
        if ProcessInfo.processInfo.environment["PGCONNECT_TIMEOUT"] == nil {
            #expect(l.connectionURI == "postgresql://twin:pa%40ss@db.local:6432/city?sslmode=require&connect_timeout=10")
        }
        #expect(l.redacted == "postgresql://twin:***@db.local:6432/city?sslmode=require&table=%EA%B1%B4%EB%AC%BC&schema=twin&geometry=shape")
        let timed = try PostGISLocation("postgres:///city?connect_timeout=3&password=hunter2")
        #expect(timed.connectionURI == "postgres:///city?connect_timeout=3&password=hunter2")
        #expect(timed.redacted == "postgres:///city?connect_timeout=3&password=***")
        #expect(PostGIS().redacted("postgresql://a:b@h/d") == "postgresql://a:***@h/d")
        #expect(throws: GeoDataError.self) { try PostGISLocation("postgresql://h/d?table=a&table=b") }
        #expect(throws: GeoDataError.self) { try PostGISLocation("mysql://h/d") }
    }

    @Test func identifiersAreQuoted() {
        #expect(PG.quote("a\"b") == "\"a\"\"b\"")
        #expect(PG.qualified("s", "t; DROP TABLE x") == "\"s\".\"t; DROP TABLE x\"")
    }

    @Test func unregisteredSchemesAreReportedWithoutThePassword() {
        #expect(throws: GeoDataError.self) { try GeoDataSource(path: "sqlserver://u:pw@h/d") }
        #expect(GeoDataProviders.redacted("sqlserver://u:pw@h/d") == "sqlserver://u:***@h/d")
    }
}

/// A flag shared with the thread that ends a backend.
final class KillSwitch: @unchecked Sendable {
    private let lock = NSLock()
    private var hasFired = false, isStopped = false
    /// True once the backend was ended.
    var done: Bool { lock.lock(); defer { lock.unlock() }; return hasFired }
    /// True once the backend was ended or the write is over.
    var over: Bool { lock.lock(); defer { lock.unlock() }; return hasFired || isStopped }
    func fired() { lock.lock(); hasFired = true; lock.unlock() }
    func stop() { lock.lock(); isStopped = true; lock.unlock() }
}

/// A free TCP port on 127.0.0.1 (bound, read, released).
private func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    try #require(bound)
    return Int(UInt16(bigEndian: address.sin_port))
}


/// The `postgis` benchmark suite against the test database: it loads and reads back a layer and
/// its agreement checks hold; without a URL it is skipped, not an error.
@Suite(.enabled(if: PostGISTestDatabase.enabled, PostGISTestDatabase.skipMessage))
struct PostGISBenchSuiteTests {
    @Test func loadsAndReadsBackInAgreement() throws {
        let url = try PostGISTestDatabase.require()
        let geodata = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Geodata").path
        let result = try PostGISSuite.run(BenchOptions(runs: 1, quick: true, layer: url, geodata: geodata))
        #expect(result.status == .ok, "\(result.reason ?? "")")
        #expect(result.measures.count == 2)
        #expect(result.checks.count == 3 && result.checks.allSatisfy(\.agrees))
        #expect(result.digest["features read back"] == 200)
    }

    @Test func withoutADatabaseTheSuiteIsSkipped() throws {
        #expect(try PostGISSuite.run(BenchOptions(runs: 1, quick: true)).status == .skipped)
    }

    @Test func theSuiteNamesItsOwnTable() {
        #expect(PostGISSuite.location("postgresql://u@h:5432/db?table=x&sslmode=disable", table: "t")
                == "postgresql://u@h:5432/db?sslmode=disable&table=t")
        #expect(PostGISSuite.location("postgresql:///db", table: "t") == "postgresql:///db?table=t")
    }
}
