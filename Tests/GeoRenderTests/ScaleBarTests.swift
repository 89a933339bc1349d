import GeoCore
import Testing
@testable import GeoRender

@Suite struct ScaleBarTests {
    @Test func roundLengthsInMetresAndKilometres() throws {
        let frame = BoundingBox(minX: 0, minY: 0, maxX: 1000, maxY: 800)
        // planar metres, 1 px = 100 m: 200 px allow 20 km
        let t = ScreenTransform(scale: 0.01, translateX: 0, translateY: 800)
        let bar = try #require(ScaleBar.measure(frame: frame, transform: t, projection: PlanarProjection(), maximumPixels: 200))
        #expect(bar.metres == 20_000)
        #expect(abs(bar.pixels - 200) < 1e-9)
        #expect(ScaleBar.label(20_000) == "20 km")
        #expect(ScaleBar.label(500) == "500 m")
        #expect(ScaleBar.label(2500) == "2.5 km")
    }

    @Test func geodesicAtTheCentre() throws {
        let p = EquirectangularProjection(standardParallel: 36)
        let frame = BoundingBox(minX: 0, minY: 0, maxX: 1000, maxY: 800)
        let c = p.project(x: 127, y: 36)
        let t = ScreenTransform(scale: 0.001, translateX: 500 - c.x * 0.001, translateY: 400 + c.y * 0.001)
        let bar = try #require(ScaleBar.measure(frame: frame, transform: t, projection: p, maximumPixels: 200))
        #expect(bar.metres == 100_000 || bar.metres == 200_000)
        #expect(bar.pixels <= 200)
        #expect(ScaleBar.measure(frame: frame, transform: t, projection: PlanarProjection(metresPerUnit: nil), maximumPixels: 200) == nil)
    }

    @Test func northArrowPointsUpOnEquirectangular() {
        let p = EquirectangularProjection(standardParallel: 36)
        let c = p.project(x: 127, y: 36)
        let t = ScreenTransform(scale: 0.001, translateX: 500 - c.x * 0.001, translateY: 400 + c.y * 0.001)
        let a = NorthArrow.measure(frame: BoundingBox(minX: 0, minY: 0, maxX: 1000, maxY: 800), transform: t, projection: p)
        #expect(abs(a.rotation) < 1e-6)
    }
}
