import GeoCore
import Testing
@testable import GeoRaster

@Suite struct DistanceTransformTests {
    @Test func matchesBruteForceWithRectangularCells() throws {
        var rng = SplitMix(state: 5)
        let grid = try RasterGrid(width: 37, height: 23,
                                  transform: .northUp(originX: 0, originY: 0, cellWidth: 3, cellHeight: 2))
        for trial in 0..<4 {
            var src = Raster<Int32>(grid: grid, fill: 0)
            var sources: [(Int, Int, Int32)] = []
            for k in 0..<(1 + trial * 5) {
                let r = Int(rng.next() * 23), c = Int(rng.next() * 37)
                src[r, c] = Int32(k + 1)
                sources.removeAll { $0.0 == r && $0.1 == c }
                sources.append((r, c, Int32(k + 1)))
            }
            let res = try DistanceTransform.compute(sources: src)
            for r in 0..<23 {
                for c in 0..<37 {
                    let best = sources.map { s -> Double in
                        let dx = Double(c - s.1) * 3, dy = Double(r - s.0) * 2
                        return (dx * dx + dy * dy).squareRoot()
                    }.min()!
                    #expect(abs(res.distance[r, c] - best) < 1e-9)
                    let owner = res.allocation[r, c]
                    let s = try #require(sources.first { $0.2 == owner })
                    let dx = Double(c - s.1) * 3, dy = Double(r - s.0) * 2
                    #expect(abs((dx * dx + dy * dy).squareRoot() - best) < 1e-9)
                }
            }
        }
    }

    @Test func cutoffAndNoSources() throws {
        let grid = try RasterGrid.northUp(originX: 0, originY: 10, cellSize: 1, width: 10, height: 1)
        var src = Raster<Int32>(grid: grid, fill: 0)
        src[0, 0] = 4
        let res = try DistanceTransform.compute(sources: src, maximumDistance: 3)
        #expect(Array(res.distance.cells) == [0, 1, 2, 3, -1, -1, -1, -1, -1, -1])
        #expect(Array(res.allocation.cells.prefix(5)) == [4, 4, 4, 4, -1])
        let none = try DistanceTransform.compute(sources: Raster<Int32>(grid: grid, fill: 0))
        #expect(none.distance.cells.allSatisfy { $0 == -1 })
        #expect(throws: RasterError.self) { try DistanceTransform.compute(sources: src, maximumDistance: -1) }
    }

    @Test func shearedGridIsRejected() throws {
        let t = GeoTransform(originX: 0, pixelWidth: 1, rowRotation: 0.5, originY: 0, colRotation: 0, pixelHeight: -1)
        let src = Raster<Int32>(grid: try RasterGrid(width: 2, height: 2, transform: t), fill: 1)
        #expect(throws: RasterError.self) { try DistanceTransform.compute(sources: src) }
    }
}
