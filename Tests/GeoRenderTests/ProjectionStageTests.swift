import Foundation
import GeoCore
import Testing
@testable import GeoRender

/// A projection that bends straight lines (a parabolic shear), to exercise resampling.
struct ShearProjection: MapProjection {
    var crsIdentifier: String { "test:shear" }
    var isAffine: Bool { false }
    var metresPerUnit: Double? { 1 }
    func project(_ xy: inout [Double]) {
        var i = 0
        while i + 1 < xy.count {
            xy[i + 1] += xy[i] * xy[i] / 100
            i += 2
        }
    }
    func geographic(x: Double, y: Double) -> (longitude: Double, latitude: Double)? { nil }
    func projectGeographic(longitude: Double, latitude: Double) -> (x: Double, y: Double)? { nil }
}

@Suite struct ProjectionStageTests {
    @Test func partsAndClosingVertices() throws {
        let features = [
            Feature(geometry: .polygon(Polygon(exterior: [Coordinate(0, 0), Coordinate(1, 0), Coordinate(1, 1), Coordinate(0, 0)],
                                               holes: [[]]))),
            Feature(geometry: nil),
            Feature(geometry: .multiPoint(MultiPoint(coordinates: [Coordinate(2, 2), Coordinate(3, 3)]))),
        ]
        let g = try ProjectionStage(projection: PlanarProjection()).run(features, layer: "x").projected
        #expect(g.partKind == [.exterior, .point, .point])
        #expect(g.partFeature == [0, 2, 2])
        #expect(g.vertexRange(0).count == 3)
    }

    @Test func resamplingFollowsTheCurve() throws {
        let f = [Feature(geometry: .lineString(LineString([Coordinate(0, 0), Coordinate(100, 0)])))]
        let stage = ProjectionStage(projection: ShearProjection())
        let plain = try stage.run(f, layer: "x").projected
        let resampled = stage.resample(try stage.run(f, layer: "x"), tolerance: 0.5)
        #expect(plain.coordinates.count == 4)
        #expect(resampled.coordinates.count > 16)
        // every inserted vertex lies on the projected curve y = x^2/100
        for i in stride(from: 0, to: resampled.coordinates.count, by: 2) {
            let x = resampled.coordinates[i], y = resampled.coordinates[i + 1]
            #expect(abs(y - x * x / 100) < 1e-9)
        }
    }
}
