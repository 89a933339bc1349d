import Foundation
import GeoCore
import Testing
@testable import GeoRaster

@Suite struct PreviewTests {
    @Test func pgmScalesAndWorldFileNamesCellCentre() throws {
        let grid = try RasterGrid.northUp(originX: 100, originY: 50, cellSize: 10, width: 3, height: 1)
        let r = try Raster<Double>(grid: grid, cells: [0, 5, -1], nodata: -1)
        let bytes = Preview.pgm(r)
        #expect(Array(bytes.suffix(3)) == [1, 255, 0])
        #expect(Preview.worldFile(grid.transform) == "10\n0\n0\n-10\n105\n45\n")
        let path = temporaryPath("preview.pgm")
        try Preview.write(r, to: path)
        #expect(FileManager.default.fileExists(atPath: temporaryPath("preview.wld")))
    }
}
