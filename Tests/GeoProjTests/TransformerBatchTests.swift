import GeoCore
import Testing
@testable import GeoProj

@Suite struct TransformerBatchTests {
    @Test func batchesEqualSingleTransformsBitForBit() throws {
        let t = try Transformer(from: CRS(epsg: 4326), to: CRS(epsg: 5179))
        var coordinates = (0..<500).map { i in Coordinate(126 + Double(i % 25) * 0.1, 34 + Double(i / 25) * 0.2) }
        let singles = try coordinates.map { try t.transform($0) }
        var xs = coordinates.map(\.x), ys = coordinates.map(\.y)
        try t.transform(x: &xs, y: &ys)
        #expect(xs == singles.map(\.x) && ys == singles.map(\.y))
        try t.transform(&coordinates)
        #expect(coordinates == singles)
        try t.transform(&coordinates, direction: .inverse)
        #expect(abs(coordinates[77].x - (126 + 2 * 0.1)) < 1e-9 && abs(coordinates[77].y - (34 + 3 * 0.2)) < 1e-9)
    }

    @Test func aFailingBatchLeavesItsInputUnchangedAndNamesThePoint() throws {
        let t = try Transformer(from: CRS(epsg: 4326), to: CRS(epsg: 5186))
        let original = [Coordinate(127, 37), Coordinate(127.5, 36.5), Coordinate(129.1, 35.2), Coordinate(127.2, 35)]
        var xs = original.map(\.x), ys = original.map(\.y)
        #expect(throws: ProjError.outsideAreaOfUse(crs: t.target.description, point: original[2], index: 2)) {
            try t.transform(x: &xs, y: &ys)
        }
        #expect(xs == original.map(\.x) && ys == original.map(\.y))
        var coordinates = original
        #expect(throws: ProjError.self) { try t.transform(&coordinates) }
        #expect(coordinates == original)
        var short = [1.0]
        #expect(throws: ProjError.mismatchedLengths(x: 1, y: 4)) { try t.transform(x: &short, y: &ys) }
    }

    @Test func inputOutsideTheSourceAreaIsCaughtBeforeTransforming() throws {
        let t = try Transformer(from: CRS(epsg: 5179), to: CRS(epsg: 4326))
        var xs = [1_000_000.0, 9e9], ys = [2_000_000.0, 2_000_000.0]
        #expect(throws: ProjError.outsideAreaOfUse(crs: t.source.description, point: Coordinate(9e9, 2_000_000), index: 1)) {
            try t.transform(x: &xs, y: &ys)
        }
        #expect(xs == [1_000_000.0, 9e9])
    }

    @Test func geometriesKeepTheirShapeAndZ() throws {
        let t = try Transformer(from: CRS(epsg: 4326), to: CRS(epsg: 5186))
        let ring = [Coordinate(127, 37), Coordinate(127.1, 37), Coordinate(127.1, 37.1), Coordinate(127, 37)]
        let hole = [Coordinate(127.02, 37.02), Coordinate(127.02, 37.05), Coordinate(127.05, 37.05), Coordinate(127.02, 37.02)]
        let geometry = Geometry.geometryCollection(GeometryCollection([
            .polygon(Polygon(exterior: ring, holes: [hole])),
            .point(.empty),
            .lineString(LineString([Coordinate(127.3, 36.5), Coordinate(127.4, 36.6)], z: [40, 41])),
        ]))
        let out = try t.transform(geometry)
        let expected = try geometry.mapPositions { try t.transform($0) }
        #expect(out == expected)
        guard case .geometryCollection(let members) = out, case .lineString(let line) = members.geometries[2] else {
            Issue.record("shape changed")
            return
        }
        #expect(line.z == [40, 41])
    }

    @Test func featureCollectionsNameTheFailingFeature() throws {
        let t = try Transformer(from: CRS(epsg: 4326), to: CRS(epsg: 5186))
        let good = Feature(id: .int(1), geometry: .point(Point(x: 127, y: 37)), properties: ["name": "Seoul"])
        let unlocated = Feature(id: .int(2), geometry: nil)
        let bad = Feature(id: .int(3), geometry: .point(Point(x: 129.1, y: 35.2)))
        let out = try t.transform(FeatureCollection([good, unlocated]))
        #expect(out.features[0].properties == good.properties && out.features[1].geometry == nil)
        #expect(out.features[0].geometry == .point(Point(try t.transform(Coordinate(127, 37)))))
        #expect {
            _ = try t.transform(FeatureCollection([good, unlocated, bad]))
        } throws: { error in
            guard case .inFeature(let index, .outsideAreaOfUse) = error as? ProjError else { return false }
            return index == 2
        }
    }
}
