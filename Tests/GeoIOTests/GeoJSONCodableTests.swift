import Foundation
import GeoCore
import GeoIO
import Testing

/// Numbers compare by value: a `Decoder` cannot tell `1.0` from `1`, so Codable gives `.int(1)`
/// where GeoIO's reader keeps `.double(1)`.
private func sameValue(_ a: PropertyValue, _ b: PropertyValue) -> Bool {
    switch (a, b) {
    case (.int(let i), .double(let d)), (.double(let d), .int(let i)): return Double(exactly: i) == d
    case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy(sameValue)
    case (.object(let x), .object(let y)):
        return x.keys.sorted() == y.keys.sorted() && x.allSatisfy { k, v in y[k].map { sameValue(v, $0) } ?? false }
    default: return a == b
    }
}

private func sameFeatures(_ a: [Feature], _ b: [Feature]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { f, g in
        f.id == g.id && f.geometry == g.geometry && sameValue(.object(f.properties), .object(g.properties))
    }
}

@Suite struct GeoJSONCodableTests {
    static let files = ["naju_polygon_with_holes.geojson", "ulleung_multipolygon.geojson", "antimeridian.geojson",
                        "mixed_properties.geojson", "../geojsonseq/by_gdal.geojson", "../geojsonseq/source.geojson"]

    /// Foundation's JSONDecoder through GeoCore's Codable reads the fixtures as GeoIO's reader does.
    @Test(arguments: files)
    func decodesLikeGeoIO(file: String) throws {
        let data = try Data(contentsOf: Fixture.url("geojson/" + file))
        let reference = try GeoJSON.decode([UInt8](data))
        let decoded: [Feature]
        switch reference {
        case .featureCollection(let fc):
            let viaCodable = try JSONDecoder().decode(FeatureCollection.self, from: data)
            #expect(viaCodable.crs == fc.crs)
            decoded = viaCodable.features
        case .feature:
            decoded = [try JSONDecoder().decode(Feature.self, from: data)]
        case .geometry:
            decoded = [Feature(geometry: try JSONDecoder().decode(Geometry.self, from: data))]
        }
        #expect(sameFeatures(decoded, reference.features))
        // Encoding and decoding again gives the same values.
        let again = try JSONDecoder().decode([Feature].self, from: try JSONEncoder().encode(decoded))
        #expect(again == decoded)
        // GeoIO reads what JSONEncoder wrote.
        let collection = FeatureCollection(decoded, crs: .wgs84)
        let viaGeoIO = try GeoJSON.decodeFeatureCollection([UInt8](try JSONEncoder().encode(collection)))
        #expect(sameFeatures(viaGeoIO.features, decoded))
    }

    @Test func everyGeometryKindRoundTrips() throws {
        let ring = [Coordinate(0, 0), Coordinate(4, 0), Coordinate(4, 4), Coordinate(0, 0)]
        let geometries: [Geometry] = [
            .point(Point(x: 1, y: 2)), .point(Point(position: Position(x: 1, y: 2, z: 3))), .point(.empty),
            .lineString(LineString([Coordinate(0, 0), Coordinate(1, 1)], z: [5, 6])),
            .polygon(Polygon(exterior: ring, holes: [Array(ring.reversed())])),
            .multiPoint(MultiPoint(coordinates: [Coordinate(1, 2), Coordinate(3, 4)])),
            .multiLineString(MultiLineString([LineString([Coordinate(0, 0), Coordinate(1, 1)])])),
            .multiPolygon(MultiPolygon([Polygon(exterior: ring)])),
            .geometryCollection(GeometryCollection([.point(Point(x: 1, y: 2)), .geometryCollection(GeometryCollection([]))])),
        ]
        for g in geometries {
            let data = try JSONEncoder().encode(g)
            #expect(try JSONDecoder().decode(Geometry.self, from: data) == g)
            #expect(try GeoJSON.decode([UInt8](data)) == .geometry(g), "\(String(decoding: data, as: UTF8.self))")
        }
        let polygon = Polygon(exterior: ring)
        #expect(try JSONDecoder().decode(Polygon.self, from: JSONEncoder().encode(polygon)) == polygon)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Point.self, from: JSONEncoder().encode(polygon)) }
    }

    @Test func membersInAnyOrderAndForeignMembersIgnored() throws {
        let text = #"{"features":[{"properties":null,"geometry":{"coordinates":[127.3,36.5,12],"bbox":[0,0,1,1],"type":"Point"},"id":7,"type":"Feature","x":{}}],"bbox":[0,0,1,1],"type":"FeatureCollection"}"#
        let fc = try JSONDecoder().decode(FeatureCollection.self, from: Data(text.utf8))
        #expect(fc.features == [Feature(id: .int(7), geometry: .point(Point(position: Position(x: 127.3, y: 36.5, z: 12))))])
        #expect(try JSONDecoder().decode(FeatureID.self, from: Data("2.5".utf8)) == .string("2.5"))
        let values = try JSONDecoder().decode(PropertyValue.self, from: Data(#"[null,true,9223372036854775807,-0.5,"s",{"k":[]}]"#.utf8))
        #expect(values == [nil, true, .int(.max), -0.5, "s", ["k": []]])
    }

    @Test func malformedShapesAreDecodingErrors() {
        let bad = [
            #"{"type":"Circle","coordinates":[]}"#,
            #"{"type":"Point","coordinates":[1]}"#,
            #"{"type":"LineString","coordinates":[[0,0]]}"#,
            #"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}"#,
            #"{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}"#,
            #"{"type":"Point"}"#,
        ]
        for text in bad {
            #expect(throws: DecodingError.self, "\(text)") { try JSONDecoder().decode(Geometry.self, from: Data(text.utf8)) }
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(FeatureCollection.self, from: Data(#"{"type":"Feature","geometry":null}"#.utf8))
        }
    }
}
