import GeoCore
import Testing
@testable import GeoRender

@Suite struct DouglasPeuckerTests {
    @Test func keepsOnlyWhatMatters() {
        let xy: [Int64] = [0, 0, 10, 1, 20, 0, 30, 10, 40, 0]
        var keep = [Bool](repeating: false, count: 5)
        DouglasPeucker.mark(xy, first: 0, last: 4, tolerance: 2, keep: &keep)
        #expect(keep == [true, false, true, true, true] || keep == [true, false, false, true, true])
        #expect(keep[3])
        #expect(!keep[1])
    }

    @Test func closedArcKeepsTheFarthestPoint() {
        let xy: [Int64] = [0, 0, 10, 0, 10, 10, 0, 10, 0, 0]
        var keep = [Bool](repeating: false, count: 5)
        DouglasPeucker.mark(xy, first: 0, last: 4, tolerance: 1, keep: &keep)
        #expect(keep == [true, true, true, true, true])
    }
}
