import GeoCore
import Testing
@testable import GeoRaster

@Suite struct GeoTransformTests {
    @Test func forwardAndInverseRoundTrip() throws {
        let t = GeoTransform(originX: 950_000, pixelWidth: 30, rowRotation: 4, originY: 1_950_000, colRotation: -3, pixelHeight: -30)
        let inv = try #require(t.inverse)
        for (c, r) in [(0.0, 0.0), (10.25, 3.5), (-2, 7)] {
            let p = t.world(col: c, row: r)
            let back = inv.cell(x: p.x, y: p.y)
            #expect(abs(back.col - c) < 1e-9 && abs(back.row - r) < 1e-9)
        }
        #expect(t.cellArea == abs(30 * -30 - 4 * -3))
        #expect(!t.isAxisAligned)
        #expect(GeoTransform(originX: 0, pixelWidth: 0, originY: 0, pixelHeight: -1).inverse == nil)
    }

    @Test func cellCentreOfNorthUpGrid() {
        let t = GeoTransform.northUp(originX: 100, originY: 200, cellWidth: 10, cellHeight: 5)
        #expect(t.cellCenter(row: 0, col: 0) == Coordinate(105, 197.5))
        #expect(t.gdalCoefficients == [100, 10, 0, 200, 0, -5])
    }
}
