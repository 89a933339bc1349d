import GeoCore
import Testing
@testable import GeoProj

@Suite struct TransformerTests {
    @Test func singleTransformsMatchPyprojToAMillimetre() throws {
        let fixtures = try ProjFixtures.load()
        #expect(fixtures.transforms.count == 72)
        var transformers: [String: Transformer] = [:]
        for row in fixtures.transforms {
            let key = "\(row.from)>\(row.to)"
            let t = try transformers[key] ?? Transformer(from: CRS(epsg: row.from), to: CRS(epsg: row.to))
            transformers[key] = t
            let out = try t.transform(Coordinate(row.input))
            // A millimetre: 1e-3 in metres, 9e-9 degree (under 1 mm on the ground) in degrees.
            let tolerance = t.target.isGeographic ? 9e-9 : 1e-3
            #expect(abs(out.x - row.output[0]) < tolerance && abs(out.y - row.output[1]) < tolerance,
                    "\(key) \(row.place): \(out.x), \(out.y) vs \(row.output)")
            let back = try t.transform(out, direction: .inverse)
            let inputTolerance = t.source.isGeographic ? 9e-9 : 1e-3
            #expect(abs(back.x - row.input[0]) < inputTolerance && abs(back.y - row.input[1]) < inputTolerance, "\(key) \(row.place) inverse")
        }
    }

    @Test func boundsMatchPyprojTransformBounds() throws {
        for row in try ProjFixtures.load().bounds {
            let t = try Transformer(from: CRS(epsg: row.from), to: CRS(epsg: row.to))
            let box = BoundingBox(minX: row.input[0], minY: row.input[1], maxX: row.input[2], maxY: row.input[3])
            let out = try t.transformBounds(box, densifyPoints: row.densifyPoints)
            let tolerance = t.target.isGeographic ? 9e-9 : 1e-3
            #expect(abs(out.minX - row.output[0]) < tolerance && abs(out.minY - row.output[1]) < tolerance
                    && abs(out.maxX - row.output[2]) < tolerance && abs(out.maxY - row.output[3]) < tolerance,
                    "\(row.from)>\(row.to): \(out)")
        }
    }

    @Test func densifiedBoundsAreWiderThanCorners() throws {
        let t = try Transformer(from: CRS(epsg: 5179), to: CRS(epsg: 4326))
        let box = BoundingBox(minX: 900_000, minY: 1_600_000, maxX: 1_100_000, maxY: 2_000_000)
        let dense = try t.transformBounds(box)
        let corners = try t.transformBounds(box, densifyPoints: 2)  // PROJ's minimum for a geographic output
        #expect(dense.minY < corners.minY || dense.maxY > corners.maxY || dense.minX < corners.minX || dense.maxX > corners.maxX)
        #expect(throws: ProjError.self) { _ = try t.transformBounds(box, densifyPoints: -1) }
        #expect(throws: ProjError.self) { _ = try t.transformBounds(.empty) }
    }

    @Test func axisOrderIsAlwaysLongitudeFirst() throws {
        let t = try Transformer(from: "EPSG:4326", to: "EPSG:3857")
        let out = try t.transform(Coordinate(127, 37))
        #expect(abs(out.x - 14_137_575.33) < 1, "x is the easting of longitude 127")
        #expect(abs(out.y - 4_439_106.79) < 1)
    }

    @Test func pointsOutsideTheAreaOfUseAreErrorsNamingCRSAndPoint() throws {
        let central = try Transformer(from: CRS(epsg: 4326), to: CRS(epsg: 5186))
        let busan = Coordinate(129.075642, 35.179554)
        #expect(throws: ProjError.outsideAreaOfUse(crs: central.target.description, point: busan, index: nil)) {
            _ = try central.transform(busan)
        }
        let world = try Transformer(from: CRS(epsg: 4326), to: CRS(epsg: 3857))
        let north = Coordinate(10, 89.9)
        #expect(throws: ProjError.outsideAreaOfUse(crs: world.target.description, point: north, index: nil)) {
            _ = try world.transform(north)
        }
        let unchecked = try Transformer(from: CRS(epsg: 4326), to: CRS(epsg: 5186), checksAreaOfUse: false)
        #expect(try unchecked.transform(busan).x > 250_000)
        let error = ProjError.outsideAreaOfUse(crs: central.target.description, point: busan, index: nil)
        #expect(error.description.contains("EPSG:5186") && error.description.contains("129.075642"))
    }

    @Test func failedTransformsAndBadInputAreErrors() throws {
        let t = try Transformer(from: CRS(epsg: 4326), to: CRS(epsg: 3857), checksAreaOfUse: false)
        #expect {
            _ = try t.transform(Coordinate(0, 95))
        } throws: { error in
            guard case .transformFailed(let from, let to, let point, _, _) = error as? ProjError else { return false }
            return from.contains("EPSG:4326") && to.contains("EPSG:3857") && point == Coordinate(0, 95)
        }
        #expect(throws: ProjError.self) { _ = try t.transform(Coordinate(.nan, 0)) }
    }

    @Test func zIsTransformedAndMIsKept() throws {
        let t = try Transformer(from: CRS(epsg: 4326), to: CRS(epsg: 5179))
        let out = try t.transform(Position(x: 127, y: 37, z: 12.5, m: 3))
        #expect(out.z == 12.5)
        #expect(out.m == 3)
        #expect(try t.transform(Position(x: 127, y: 37)).z == nil)
        #expect(out.coordinate == (try t.transform(Coordinate(127, 37))))
    }
}
