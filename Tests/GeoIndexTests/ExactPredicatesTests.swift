import GeoCore
@testable import GeoIndex
import Testing

struct ExactPredicatesTests {
    static let square = Polygon(exterior: [Coordinate(0, 0), Coordinate(10, 0), Coordinate(10, 10), Coordinate(0, 10), Coordinate(0, 0)],
                                holes: [[Coordinate(4, 4), Coordinate(6, 4), Coordinate(6, 6), Coordinate(4, 6), Coordinate(4, 4)]])

    @Test func pointInPolygonWithHole() {
        #expect(Self.square.locate(Coordinate(2, 2)) == .interior)
        #expect(Self.square.locate(Coordinate(5, 5)) == .exterior)
        #expect(Self.square.locate(Coordinate(11, 5)) == .exterior)
        #expect(Self.square.locate(Coordinate(10, 5)) == .boundary)
        #expect(Self.square.locate(Coordinate(0, 0)) == .boundary)
        #expect(Self.square.locate(Coordinate(4, 5)) == .boundary)
        #expect(Self.square.locate(Coordinate(-1, 0)) == .exterior)
        #expect(Polygon.empty.locate(Coordinate(1, 1)) == .exterior)
    }

    @Test func segmentIntersection() {
        #expect(segmentsIntersect(Coordinate(0, 0), Coordinate(2, 2), Coordinate(0, 2), Coordinate(2, 0)))
        #expect(segmentsIntersect(Coordinate(0, 0), Coordinate(2, 0), Coordinate(2, 0), Coordinate(3, 5)))
        #expect(segmentsIntersect(Coordinate(0, 0), Coordinate(4, 0), Coordinate(1, 0), Coordinate(2, 0)))
        #expect(!segmentsIntersect(Coordinate(0, 0), Coordinate(1, 0), Coordinate(2, 0), Coordinate(3, 0)))
        #expect(!segmentsIntersect(Coordinate(0, 0), Coordinate(2, 2), Coordinate(3, 0), Coordinate(2, 1)))
    }

    @Test func geometryIntersection() {
        let sq = Geometry.polygon(Self.square)
        let crossing = Geometry.lineString(LineString([Coordinate(-1, 5), Coordinate(11, 5)]))
        let inHole = Geometry.polygon(Polygon(exterior: [Coordinate(4.5, 4.5), Coordinate(5.5, 4.5), Coordinate(5.5, 5.5), Coordinate(4.5, 4.5)]))
        let inside = Geometry.polygon(Polygon(exterior: [Coordinate(1, 1), Coordinate(2, 1), Coordinate(2, 2), Coordinate(1, 1)]))
        let around = Geometry.polygon(Polygon(exterior: [Coordinate(-5, -5), Coordinate(20, -5), Coordinate(20, 20), Coordinate(-5, -5)]))
        let touching = Geometry.point(Point(x: 10, y: 10))
        let away = Geometry.multiPoint(MultiPoint(coordinates: [Coordinate(20, 20), Coordinate(5, 5)]))
        let p = PlanarIntersects()
        #expect(p.intersects(crossing, sq))
        #expect(!p.intersects(inHole, sq))
        #expect(p.intersects(inside, sq) && p.intersects(sq, inside))
        #expect(p.intersects(around, sq) && p.intersects(sq, around))
        #expect(p.intersects(touching, sq))
        #expect(!p.intersects(away, sq))
        #expect(!p.intersects(.geometryCollection(GeometryCollection([])), sq))
        #expect(p.intersects(.lineString(LineString([Coordinate(1, 1), Coordinate(2, 2)])), sq))
    }

    @Test func distances() {
        #expect(Segment.distanceSquared(Coordinate(0, 5), Coordinate(0, 0), Coordinate(10, 0)) == 25)
        #expect(Segment.distanceSquared(Coordinate(13, 4), Coordinate(0, 0), Coordinate(10, 0)) == 25)
        #expect(distance(Coordinate(2, 2), to: .polygon(Self.square)) == 0)
        #expect(distance(Coordinate(5, 5), to: .polygon(Self.square)) == 1)
        #expect(distance(Coordinate(13, 14), to: .polygon(Self.square)) == 5)
        #expect(distance(Coordinate(3, 4), to: .point(Coordinate(0, 0))) == 5)
        #expect(distance(Coordinate(3, 4), to: .line([Coordinate(0, 0)])) == 5)
    }
}
