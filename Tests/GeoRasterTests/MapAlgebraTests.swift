import GeoCore
import Testing
@testable import GeoRaster

@Suite struct MapAlgebraTests {
    let grid = try! RasterGrid.northUp(originX: 0, originY: 2, cellSize: 1, width: 2, height: 2)

    @Test func elementWiseWithNodataPropagation() throws {
        let a = try Raster<Float>(grid: grid, cells: [1, 2, -1, 4], nodata: -1)
        let b = try Raster<Int32>(grid: grid, cells: [10, 0, 30, 40], nodata: 0)
        let sum = try a + b
        #expect(sum[0, 0] == 11 && sum[0, 1].isNaN && sum[1, 0].isNaN && sum[1, 1] == 44)
        #expect((a * 2)[1, 1] == 8 && (a + 0.5)[0, 0] == 1.5 && (a * 2)[1, 0].isNaN)
        let other = Raster<Float>(grid: try RasterGrid.northUp(originX: 0, originY: 2, cellSize: 1, width: 1, height: 2), fill: 0)
        #expect(throws: RasterError.self) { try a + other }
    }

    @Test func reclassifyHalfOpenClasses() throws {
        let a = try Raster<Double>(grid: grid, cells: [0, 5, 10, 15])
        let r = a.reclassified([(0..<5, 1), (5..<10, 2)], otherwise: 9)
        #expect(Array(r.cells) == [1, 2, 9, 9])
    }
}
