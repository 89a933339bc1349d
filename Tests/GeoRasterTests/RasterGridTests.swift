import GeoCore
import Testing
@testable import GeoRaster

@Suite struct RasterGridTests {
    @Test func invalidGridsAreRejected() {
        #expect(throws: RasterError.self) { try RasterGrid.northUp(originX: 0, originY: 0, cellSize: 1, width: 0, height: 3) }
        #expect(throws: RasterError.self) { try RasterGrid.northUp(originX: 0, originY: 0, cellSize: 1, width: 1 << 20, height: 1 << 20) }
        #expect(throws: RasterError.self) { try RasterGrid.northUp(originX: 0, originY: 0, cellSize: 0, width: 2, height: 2) }
    }

    @Test func targetAlignedCoveringGrid() throws {
        let g = try RasterGrid.covering(BoundingBox(minX: 12, minY: -7, maxX: 61, maxY: 18), resolution: 10)
        #expect(g.transform == .northUp(originX: 10, originY: 20, cellWidth: 10, cellHeight: 10))
        #expect(g.width == 6 && g.height == 3)
        #expect(throws: RasterError.self) { try RasterGrid.covering(.empty, resolution: 10) }
        #expect(throws: RasterError.self) { try RasterGrid.covering(BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1), resolution: -1) }
    }

    @Test func halfOpenCellLookup() throws {
        let g = try RasterGrid.northUp(originX: 0, originY: 10, cellSize: 1, width: 10, height: 10)
        #expect(g.cell(containing: Coordinate(3, 7))! == (row: 3, col: 3))
        #expect(g.cell(containing: Coordinate(0, 10))! == (row: 0, col: 0))
        #expect(g.cell(containing: Coordinate(10, 5)) == nil)
        #expect(g.cell(containing: Coordinate(5, 0)) == nil)
    }

    @Test func windowsAndSubgrids() throws {
        let g = try RasterGrid.northUp(originX: 0, originY: 10, cellSize: 1, width: 10, height: 10)
        #expect(g.window(covering: BoundingBox(minX: 2.5, minY: 3, maxX: 4, maxY: 8.2)) == RasterWindow(rowOffset: 1, colOffset: 2, rows: 6, cols: 2))
        #expect(g.window(covering: BoundingBox(minX: 20, minY: 20, maxX: 30, maxY: 30)) == nil)
        let sub = try g.subgrid(RasterWindow(rowOffset: 2, colOffset: 3, rows: 4, cols: 5))
        #expect(sub.transform.originX == 3 && sub.transform.originY == 8 && sub.width == 5)
        #expect(throws: RasterError.self) { try g.subgrid(RasterWindow(rowOffset: 8, colOffset: 0, rows: 4, cols: 1)) }
        #expect(g.bounds == BoundingBox(minX: 0, minY: 0, maxX: 10, maxY: 10))
    }
}
