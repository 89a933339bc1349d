import GeoCore
import Testing
@testable import GeoRaster

@Suite struct FocalTests {
    @Test func meanAndMaxMatchBruteForce() throws {
        var rng = SplitMix(state: 3)
        let grid = try RasterGrid.northUp(originX: 0, originY: 9, cellSize: 1, width: 11, height: 9)
        var r = Raster<Double>(grid: grid, fill: 0, nodata: -1)
        for i in 0..<r.cells.count { r.cells[i] = rng.next() < 0.1 ? -1 : (rng.next() * 100).rounded() }
        for k in [0, 1, 2] {
            let mean = try r.focal(.mean, radius: k), mx = try r.focal(.max, radius: k)
            for row in 0..<9 { for col in 0..<11 {
                var vals: [Double] = []
                for rr in max(0, row - k)...min(8, row + k) { for cc in max(0, col - k)...min(10, col + k) where r[rr, cc] != -1 { vals.append(r[rr, cc]) } }
                if vals.isEmpty { #expect(mean[row, col].isNaN && mx[row, col].isNaN); continue }
                #expect(abs(mean[row, col] - vals.reduce(0, +) / Double(vals.count)) < 1e-9)
                #expect(mx[row, col] == vals.max()!)
            } }
        }
        #expect(throws: RasterError.self) { try r.focal(.mean, radius: -1) }
    }
}
