import GeoBenchSupport
import GeoCore
import GeoIO
import Testing

@Suite("GeoJSON")
struct GeoJSONTests {
    /// Geometries whose rings already follow the right-hand rule, so that encode/decode is identity.
    static func rightHanded(z: Bool) -> [Geometry] {
        func c(_ x: Double, _ y: Double) -> Position { Position(x: x, y: y, z: z ? x - y : nil) }
        let exterior = [c(0, 0), c(10, 0), c(10, 10), c(0, 10), c(0, 0)]
        let hole = [c(2, 2), c(2, 4), c(4, 4), c(4, 2), c(2, 2)]
        let polygon = Polygon(positionRings: [exterior, hole])
        let line = LineString(positions: [c(127.0276, 37.4979), c(-0.1, 1e-300), c(1.7976931348623157e308, .leastNonzeroMagnitude)])
        return [
            .point(Point(position: c(127.0276, 37.4979))),
            .point(.empty),
            .lineString(line),
            .polygon(polygon),
            .multiPoint(MultiPoint([Point(position: c(1, 2)), Point(position: c(3, 4))])),
            .multiLineString(MultiLineString([line, LineString(positions: [c(0, 0), c(1, 1)])])),
            .multiPolygon(MultiPolygon([polygon, Polygon(positionRings: [[c(20, 20), c(21, 20), c(21, 21), c(20, 20)]])])),
            .geometryCollection(GeometryCollection([.point(Point(position: c(1, 2))), .geometryCollection(GeometryCollection([.polygon(polygon)]))])),
            .lineString(LineString([])), .polygon(.empty), .multiPoint(MultiPoint([])),
            .multiPolygon(MultiPolygon([])), .geometryCollection(GeometryCollection([])),
        ]
    }

    @Test("geometry round trip, 2D and Z", arguments: [false, true])
    func geometryRoundTrip(z: Bool) throws {
        for g in Self.rightHanded(z: z) {
            let text = try GeoJSON.encode(g)
            #expect(try GeoJSON.decode(text) == .geometry(g), "\(text)")
        }
    }

    @Test func featureCollectionRoundTrip() throws {
        let fc = FeatureCollection([
            Feature(id: .string("11110"), geometry: .point(Point(x: 126.98, y: 37.57)),
                    properties: ["name": "종로구", "pop": 141_060, "share": 0.27, "tags": ["a", nil, true], "meta": ["k": ["x": 1.5]]]),
            Feature(id: .int(-7), geometry: nil, properties: [:]),
            Feature(geometry: .lineString(LineString([Coordinate(0, 0), Coordinate(1, 1)]))),
        ], crs: .wgs84)
        let text = try GeoJSON.encode(fc)
        #expect(try GeoJSON.decode(text) == .featureCollection(fc))
        #expect(try GeoJSON.decodeFeatureCollection(Array(text.utf8)) == fc)
        #expect(text.hasPrefix(#"{"type":"FeatureCollection","features":[{"type":"Feature","id":"11110","geometry":{"type":"Point","coordinates":[126.98,37.57]},"properties":{"meta":{"k":{"x":1.5}},"name":"종로구","pop":141060,"share":0.27,"tags":["a",null,true]}}"#))
    }

    @Test func writerAppliesRightHandRule() throws {
        let cw = [Coordinate(0, 0), Coordinate(0, 10), Coordinate(10, 10), Coordinate(10, 0), Coordinate(0, 0)]
        let ccwHole = [Coordinate(2, 2), Coordinate(4, 2), Coordinate(4, 4), Coordinate(2, 4), Coordinate(2, 2)]
        let text = try GeoJSON.encode(.polygon(Polygon(exterior: cw, holes: [ccwHole])))
        #expect(text == #"{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[2,2],[2,4],[4,4],[4,2],[2,2]]]}"#)
    }

    @Test func writerEscapesAndRejectsNonFinite() throws {
        let f = Feature(geometry: nil, properties: ["s": .string("q\"\\\n\t\u{01}\u{1F}한글🏙")])
        #expect(try GeoJSON.encode(f) == #"{"type":"Feature","geometry":null,"properties":{"s":"q\"\\\n\t\u0001\u001f한글🏙"}}"#)
        #expect(try GeoJSON.decodeFeature(Array(try GeoJSON.encode(f).utf8)) == f)
        let bad = FeatureCollection([Feature(geometry: nil), Feature(geometry: .point(Point(x: .nan, y: 1)))])
        #expect(throws: GeoIOError.nonFiniteCoordinate(at: .json(path: "$.features[1].geometry.coordinates", offset: -1))) {
            try GeoJSON.encode(bad)
        }
        #expect(throws: GeoIOError.invalidNumber(at: .json(path: "$.properties.x", offset: -1))) {
            try GeoJSON.encode(Feature(geometry: nil, properties: ["x": .double(.infinity)]))
        }
    }

    @Test func numbersRoundTripExactly() throws {
        var rng = SplitMix64(seed: 42)
        var values: [Double] = [0.1, 0.2, 0.3, 1e-7, .leastNonzeroMagnitude, 2.2250738585072014e-308, 1.7976931348623157e308,
                                 9_007_199_254_740_992, 127.12345678901234, 37.98765432109876, 0.1 + 0.2]
        for _ in 0..<20_000 {
            values.append(Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF))
            values.append(Double.random(in: 124...132, using: &rng))
            values.append(Double.random(in: -1...1, using: &rng) * 1e6)
        }
        for v in values {
            let g = Geometry.point(Point(x: v, y: -v))
            #expect(try GeoJSON.decode(GeoJSON.encode(g)) == .geometry(g), "\(v)")
        }
        // Decimal inputs with more digits than a double holds round like strtod.
        for text in ["127.123456789012345678901", "0.30000000000000000555", "1.00000000000000011102230246251565404236316680908203125",
                     "2.2250738585072011e-308", "9007199254740993", "37.50000000000000000000001"] {
            let g = try GeoJSON.decode("{\"type\":\"Point\",\"coordinates\":[\(text),0]}")
            #expect(g == .geometry(.point(Point(x: Double(text)!, y: 0))), "\(text)")
        }
    }

    @Test func propertyNumbers() throws {
        let f = try GeoJSON.decodeFeature(Array(#"{"type":"Feature","geometry":null,"properties":{"i":9223372036854775807,"n":-9223372036854775808,"big":9223372036854775808,"d":1.0,"e":1e2}}"#.utf8))
        #expect(f["i"] == .int(.max))
        #expect(f["n"] == .int(.min))
        #expect(f["big"] == .double(9_223_372_036_854_775_808))
        #expect(f["d"] == .double(1))
        #expect(f["e"] == .double(100))
    }

    @Test("real-world fixtures match shapely/GEOS", arguments: [
        "naju_polygon_with_holes.geojson", "ulleung_multipolygon.geojson", "antimeridian.geojson", "mixed_properties.geojson",
    ])
    func fixtures(file: String) throws {
        let object = try GeoJSON.decode(try Fixture.bytes("geojson/" + file))
        let features = object.features
        let rows = try Fixture.tsv("geojson_expected.tsv").filter { $0[0] == file }
        #expect(features.count == rows.count)
        for (feature, row) in zip(features, rows) {
            let expectedGeometry = row[3].isEmpty ? nil : try WKB.decode(hexBytes(row[3]))
            #expect(feature.geometry == expectedGeometry, "\(file) #\(row[1])")
            let expectedProperties = try GeoJSON.decodeFeature(Array("{\"type\":\"Feature\",\"geometry\":null,\"properties\":\(row[4])}".utf8))
            #expect(feature.properties == expectedProperties.properties, "\(file) #\(row[1])")
            let encodedID = feature.id.map { id -> String in
                switch id {
                case .string(let s): "\"\(s)\""
                case .int(let i): String(i)
                }
            } ?? "null"
            #expect(encodedID == row[2] || (row[2] == "2.5" && feature.id == .string("2.5")), "\(file) #\(row[1])")
        }
        // Writing is deterministic and stable: encode(decode(encode(x))) == encode(x).
        let once = try GeoJSON.encode(object)
        #expect(try GeoJSON.encode(try GeoJSON.decode(once)) == once)
    }

    @Test func mixedFixtureDetails() throws {
        let fc = try GeoJSON.decodeFeatureCollection(try Fixture.bytes("geojson/mixed_properties.geojson"))
        #expect(fc.features[0].geometry == nil)
        #expect(fc.features[0].id == .int(1))
        let sejong = fc.features[1]
        #expect(sejong["이름"] == "세종 5-1 생활권")
        #expect(sejong["escaped"] == "세종 🏙")
        #expect(sejong["ctrl"] == "tab\tnew\nline \"q\" \\ /")
        #expect(sejong["big"] == .double(Double("12345678901234567890")!))
        #expect(sejong["neg"] == .int(.min))
        #expect(sejong["float"] == .double(1))
        guard case .object(let nested)? = sejong["nested"], case .object(let level)? = nested["level"] else {
            Issue.record("nested properties missing")
            return
        }
        #expect(level["deeper"] == [1, 2.5, -3e-7, true, false, nil, ["k": "v"]])
        #expect(nested["empty"] == .object([:]))
        let naju = try GeoJSON.decodeFeature(try Fixture.bytes("geojson/naju_polygon_with_holes.geojson"))
        guard case .polygon(let p)? = naju.geometry else {
            Issue.record("naju is not a polygon")
            return
        }
        #expect(p.holes.count == 5)
        #expect(naju["sigungu"] == "나주시")
    }

    @Test func typeAfterCoordinatesAndForeignMembers() throws {
        let g = try GeoJSON.decode(#"{"bbox":[0,0,1,1],"coordinates":[[0,0],[1,1]],"crs":{"type":"name"},"type":"LineString"}"#)
        #expect(g == .geometry(.lineString(LineString([Coordinate(0, 0), Coordinate(1, 1)]))))
        let bom = try GeoJSON.decode([0xEF, 0xBB, 0xBF] + Array(#"{"type":"Point","coordinates":[1,2]}"#.utf8))
        #expect(bom == .geometry(.point(Point(x: 1, y: 2))))
        let extra = try GeoJSON.decode("{\"type\":\"Point\",\"coordinates\":[1,2,3,4]}")
        #expect(extra == .geometry(.point(Point(position: Position(x: 1, y: 2, z: 3)))))
    }

    @Test func errorsNameTheJSONPath() {
        func fails(_ text: String, _ error: GeoIOError) {
            #expect(throws: error, "\(text)") { try GeoJSON.decode(text) }
        }
        fails(#"{"type":"Polygon","coordinates":[1,2]}"#,
              .wrongJSONType(expected: "an array of positions, found a number", at: .json(path: "$.coordinates[0]", offset: 33)))
        fails(#"{"type":"Point"}"#, .missingMember("coordinates", at: .json(path: "$", offset: 0)))
        fails(#"{"type":"Circle","coordinates":[]}"#, .unknownGeometryType("Circle", at: .json(path: "$.type", offset: 8)))
        fails(#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[0,0],[1,"x"]]},"properties":{}}]}"#,
              .wrongJSONType(expected: "a number, found a string", at: .json(path: "$.features[0].geometry.coordinates[1][1]", offset: 114)))
        fails(#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}"#, .ringNotClosed(at: .json(path: "$.coordinates[0]", offset: 33)))
        fails(#"{"type":"LineString","coordinates":[[0,0]]}"#, .tooFewPositions(count: 1, minimum: 2, at: .json(path: "$.coordinates", offset: 35)))
        fails(#"{"type":"Point","coordinates":[1,1e999]}"#,
              .numberOutOfRange("1e999 is beyond the range of a 64-bit float (±1.8e308)", at: .json(path: "$.coordinates[1]", offset: 33)))
        fails(#"{"type":"Point","coordinates":[1,2]"#, .unexpectedEnd(expected: "',' or '}'", at: .json(path: "$", offset: 35)))
        fails(#"{"type":"Point","coordinates":[1,2]} x"#, .trailingData(at: .json(path: "$", offset: 37)))
        fails(#"{"type":"Feature","geometry":{"type":"Feature"},"properties":{}}"#,
              .unexpectedGeometryType(expected: "a geometry type", found: "Feature", at: .json(path: "$.geometry.type", offset: 37)))
        fails(#"{"type":"Feature","properties":{"a":[1,tru]}}"#, .syntax(expected: "a JSON value", at: .json(path: "$.properties.a[1]", offset: 39)))
        fails(#"{"type":"Feature","geometry":null,"properties":[1]}"#,
              .wrongJSONType(expected: "an object, found an array", at: .json(path: "$.properties", offset: 47)))
        fails("[1,2]", .wrongJSONType(expected: "a GeoJSON object, found an array", at: .json(path: "$", offset: 0)))
    }

    @Test("random byte flips never trap")
    func fuzz() throws {
        var rng = SplitMix64(seed: 2026)
        var seeds = try Self.rightHanded(z: true).map { Array(try GeoJSON.encode($0).utf8) }
        seeds.append(try Fixture.bytes("geojson/mixed_properties.geojson"))
        seeds.append(try Fixture.bytes("geojson/antimeridian.geojson"))
        var failures = 0
        for i in 0..<4000 {
            let input = mutated(seeds[i % seeds.count], flips: 1 + i % 3, using: &rng)
            do { _ = try GeoJSON.decode(input) } catch { failures += 1 }
        }
        #expect(failures > 1000)
        let deep = Array((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8)
        #expect(throws: GeoIOError.self) {
            try GeoJSON.decode(Array(#"{"type":"Feature","properties":{"a":"#.utf8) + deep + Array("}}".utf8))
        }
    }
}
