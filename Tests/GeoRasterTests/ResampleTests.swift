import GeoCore
import Testing
@testable import GeoRaster

@Suite struct ResampleTests {
    let source = try! Raster<Double>(grid: try! RasterGrid.northUp(originX: 0, originY: 4, cellSize: 1, width: 4, height: 4),
                                     cells: ContiguousArray((0..<16).map(Double.init)))

    @Test func averageOfFourCellsAndHalfCells() throws {
        let coarse = try RasterGrid.northUp(originX: 0, originY: 4, cellSize: 2, width: 2, height: 2)
        let avg = try source.resampled(to: coarse, method: .average)
        #expect(avg[0, 0] == 2.5)  // cells 0, 1, 4, 5
        let shifted = try RasterGrid.northUp(originX: 0.5, originY: 4, cellSize: 1, width: 1, height: 1)
        #expect(try source.resampled(to: shifted, method: .average)[0, 0] == 0.5)
    }

    @Test func nearestAndBilinear() throws {
        let fine = try RasterGrid.northUp(originX: 0, originY: 4, cellSize: 0.5, width: 8, height: 8)
        let near = try source.resampled(to: fine, method: .nearest)
        #expect(near[0, 0] == 0 && near[7, 7] == 15 && near[2, 3] == 5)
        // Target centre at (1.0, 3.0): midway between centres (0.5, 3.5), (1.5, 3.5), (0.5, 2.5), (1.5, 2.5).
        let one = try RasterGrid.northUp(originX: 0.5, originY: 3.5, cellSize: 1, width: 1, height: 1)
        #expect(try source.resampled(to: one, method: .bilinear)[0, 0] == 2.5)
        #expect(try source.resampled(to: fine, method: .bilinear)[0, 0].isNaN)
    }
}
