import GeoCore
import Testing
@testable import GeoRender

@Suite struct MapProjectionTests {
    @Test func equirectangularScalesAndInverts() throws {
        let p = EquirectangularProjection(standardParallel: 36)
        let xy = p.project(x: 127, y: 36)
        let g = try #require(p.geographic(x: xy.x, y: xy.y))
        #expect(abs(g.longitude - 127) < 1e-9 && abs(g.latitude - 36) < 1e-9)
        var bad = [0.0, 95.0]
        p.project(&bad)
        #expect(bad[0].isNaN)
    }

    @Test func planarIsIdentity() {
        let p = PlanarProjection(crsIdentifier: "EPSG:5179")
        var xy = [955_000.0, 1_950_000.0]
        p.project(&xy)
        #expect(xy == [955_000, 1_950_000])
        #expect(p.geographic(x: 0, y: 0) == nil)
    }

    @Test func unprojectableVertexIsReported() {
        let fc = [Feature(geometry: .lineString(LineString([Coordinate(0, 0), Coordinate(10, 120)])))]
        #expect(throws: RenderError.unprojectable(layer: "l", feature: 0, x: 10, y: 120)) {
            try ProjectionStage(projection: EquirectangularProjection()).run(fc, layer: "l")
        }
    }
}
