import GeoCore
import Testing
@testable import GeoRaster

@Suite struct RasterTests {
    let grid = try! RasterGrid.northUp(originX: 0, originY: 3, cellSize: 1, width: 4, height: 3)

    @Test func cellCountMustMatch() {
        #expect(throws: RasterError.cellCountMismatch(expected: 12, actual: 2)) {
            try Raster<UInt8>(grid: grid, cells: [1, 2])
        }
    }

    @Test func valuesNodataAndWorldLookup() throws {
        let r = try Raster<Int32>(grid: grid, cells: ContiguousArray((0..<12).map(Int32.init)), nodata: 5)
        #expect(r[1, 2] == 6 && r.value(row: 1, col: 1) == nil && r.value(row: 9, col: 0) == nil)
        #expect(r.value(at: Coordinate(3.5, 0.5)) == 11)
        let f = Raster<Float>(grid: grid, fill: .nan)
        #expect(f.value(row: 0, col: 0) == nil)
    }

    @Test func windowSharesStorageAndMaterializes() throws {
        let r = try Raster<Double>(grid: grid, cells: ContiguousArray((0..<12).map(Double.init)), crs: .epsg(5179))
        let v = try r.window(RasterWindow(rowOffset: 1, colOffset: 1, rows: 2, cols: 2))
        #expect(v[0, 0] == 5 && v[1, 1] == 10)
        let m = v.materialize()
        #expect(Array(m.cells) == [5, 6, 9, 10] && m.transform.originX == 1 && m.transform.originY == 2 && m.crs == .epsg(5179))
        #expect(throws: RasterError.self) { try r.window(RasterWindow(rowOffset: 2, colOffset: 0, rows: 2, cols: 1)) }
    }

    @Test func conversionRoundsAndClamps() throws {
        let r = try Raster<Double>(grid: try RasterGrid.northUp(originX: 0, originY: 1, cellSize: 1, width: 4, height: 1),
                                   cells: [-3.6, 2.5, 300, .nan])
        #expect(Array(r.converted(to: UInt8.self).cells) == [0, 3, 255, 0])
        #expect(Array(r.converted(to: Int32.self).cells.prefix(3)) == [-4, 3, 300])
    }
}
