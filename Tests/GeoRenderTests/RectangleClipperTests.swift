import GeoCore
import Testing
@testable import GeoRender

@Suite struct RectangleClipperTests {
    let clipper = RectangleClipper(rect: BoundingBox(minX: 0, minY: 0, maxX: 10, maxY: 10))

    @Test func ringInsideIsUntouched() {
        let ring: [Double] = [1, 1, 9, 1, 9, 9]
        #expect(clipper.clipRing(ring[...]) == ring)
    }

    @Test func ringCrossingIsCut() {
        let out = clipper.clipRing([-5, -5, 5, -5, 5, 5, -5, 5][...])
        #expect(out.count == 8)
        #expect(abs(SharedBorderSimplifier.area2(out.map { Int64($0) })) / 2 == 25)
        #expect(out.allSatisfy { $0 >= 0 && $0 <= 10 })
    }

    @Test func ringOutsideVanishes() {
        #expect(clipper.clipRing([20, 20, 30, 20, 30, 30][...]).isEmpty)
    }

    @Test func ringAroundTheFrameBecomesTheFrame() {
        let out = clipper.clipRing([-1, -1, 11, -1, 11, 11, -1, 11][...])
        #expect(Set(stride(from: 0, to: out.count, by: 2).map { "\(out[$0]),\(out[$0 + 1])" }) == ["0.0,0.0", "10.0,0.0", "10.0,10.0", "0.0,10.0"])
    }

    @Test func lineLeavesAndReenters() {
        let pieces = clipper.clipLine([-5, 5, 5, 5, 5, 15, 8, 15, 8, 5, 15, 5][...])
        #expect(pieces.count == 2)
        #expect(pieces[0] == [0, 5, 5, 5, 5, 10])
        #expect(pieces[1] == [8, 10, 8, 5, 10, 5])
    }

    @Test func lineOutside() {
        #expect(clipper.clipLine([-5, -5, -1, -1][...]).isEmpty)
    }
}
