import Foundation
import GeoCore
import Testing
@testable import GeoRaster

@Suite struct ASCIIGridTests {
    @Test func decodesHandWrittenGrid() throws {
        let text = """
        ncols 3
        nrows 2
        xllcenter 10.5
        yllcenter 20.5
        cellsize 1
        NODATA_value -9999
        1 2 3
        4 -9999 6.25
        """
        let r = try ASCIIGrid.decode(text)
        #expect(r.transform == .northUp(originX: 10, originY: 22, cellWidth: 1, cellHeight: 1))
        #expect(r[1, 2] == 6.25 && r.value(row: 1, col: 1) == nil && r[0, 0] == 1)
    }

    @Test func roundTripsExactlyWithRectangularCells() throws {
        let grid = try RasterGrid(width: 4, height: 3, transform: .northUp(originX: -3.5, originY: 7, cellWidth: 0.1, cellHeight: 0.3))
        var r = Raster<Double>(grid: grid, fill: 0, nodata: -1)
        for i in 0..<12 { r.cells[i] = Double(i) / 3 }
        let path = temporaryPath("rt.asc")
        try ASCIIGrid.write(r, to: path)
        let back = try ASCIIGrid.read(path: path)
        #expect(back.cells == r.cells && back.nodata == -1)
        #expect(abs(back.transform.originY - 7) < 1e-12 && back.transform.pixelWidth == 0.1 && back.transform.pixelHeight == -0.3)
    }

    @Test func malformedGridsGiveTypedErrors() {
        let cases = [
            "ncols 2\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize 1\n1 x\n",
            "ncols 2\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize 1\n1 2 3\n",
            "ncols 2\nnrows 2\nxllcorner 0\nyllcorner 0\ncellsize 1\n1 2 3\n",
            "ncols 2\nnrows 1\nxllcorner 0\ncellsize 1\n1 2\n",
            "ncols -2\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize 1\n",
            "ncols 2\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize 0\n1 2\n",
            "ncols two\n",
        ]
        for text in cases {
            #expect(throws: RasterError.self) { try ASCIIGrid.decode(text) }
        }
    }

    @Test func rotatedRasterCannotBeWritten() throws {
        let t = GeoTransform(originX: 0, pixelWidth: 1, rowRotation: 0.1, originY: 0, colRotation: 0, pixelHeight: -1)
        let r = Raster<Double>(grid: try RasterGrid(width: 1, height: 1, transform: t), fill: 0)
        #expect(throws: RasterError.self) { try ASCIIGrid.encode(r) }
    }
}
