import Foundation
import GeoCore
@testable import GeoIndex
import GeoBenchSupport
import Testing

struct SpatialIndexTests {
    /// Convex polygons (regular n-gons) with random centres and radii.
    static func convexPolygons(_ n: Int, seed: UInt64) -> [(centre: Coordinate, ring: [Coordinate])] {
        var rng = SplitMix64(seed: seed)
        return (0..<n).map { _ in
            let c = Coordinate(rng.nextUnit() * 100, rng.nextUnit() * 100)
            let r = 0.5 + rng.nextUnit() * 4
            let sides = 3 + Int(rng.next() % 6)
            let phase = rng.nextUnit()
            var ring = (0..<sides).map { k -> Coordinate in
                let a = (Double(k) + phase) / Double(sides) * 2 * Double.pi
                return Coordinate(c.x + r * cos(a), c.y + r * sin(a))
            }
            ring.append(ring[0])
            return (c, ring)
        }
    }

    /// Independent oracle: a point is in a counter-clockwise convex ring when it is on the left
    /// of (or on) every edge.
    static func convexContains(_ ring: [Coordinate], _ p: Coordinate) -> Bool {
        (1..<ring.count).allSatisfy { i in
            let a = ring[i - 1], b = ring[i]
            return (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x) >= -1e-12
        }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func containingMatchesConvexOracle(seed: UInt64) throws {
        let polys = Self.convexPolygons(400, seed: seed)
        var features = polys.enumerated().map { i, p in
            Feature(id: .int(Int64(i)), geometry: .polygon(Polygon(exterior: p.ring)))
        }
        features.append(Feature(geometry: nil))
        features.append(Feature(geometry: .point(Point(x: 50, y: 50))))
        let index = try SpatialIndex(features)
        var rng = SplitMix64(seed: seed &+ 100)
        for _ in 0..<400 {
            let p = Coordinate(rng.nextUnit() * 100, rng.nextUnit() * 100)
            let expected = polys.indices.filter { Self.convexContains(polys[$0].ring, p) }
            #expect(index.containing(p) == expected)
        }
        // A vertex is on the boundary, so it is contained.
        #expect(index.containing(polys[7].ring[0]).contains(7))
    }

    @Test func intersectingRectanglesMatchesBoxes() throws {
        // For axis-aligned rectangles the exact test and the box test agree.
        let boxes = TestData.boxes(.uniform, count: 1500, seed: 4)
        let geoms = boxes.map { b in
            Geometry.polygon(Polygon(exterior: [Coordinate(b.minX, b.minY), Coordinate(b.maxX, b.minY),
                                                Coordinate(b.maxX, b.maxY), Coordinate(b.minX, b.maxY), Coordinate(b.minX, b.minY)]))
        }
        let index = try SpatialIndex(geoms)
        var rng = SplitMix64(seed: 6)
        for _ in 0..<40 {
            let w = TestData.window(&rng)
            let q = Geometry.polygon(Polygon(exterior: [Coordinate(w.minX, w.minY), Coordinate(w.maxX, w.minY),
                                                        Coordinate(w.maxX, w.maxY), Coordinate(w.minX, w.maxY), Coordinate(w.minX, w.minY)]))
            let expected = boxes.indices.filter { boxes[$0].intersects(w) }
            #expect(index.intersecting(q) == expected)
            #expect(index.candidates(intersecting: w) == expected)
        }
    }

    @Test func intersectingUsesTheExactTestAndASwappablePredicate() throws {
        // Two triangles whose boxes overlap but whose areas do not.
        let lower = Geometry.polygon(Polygon(exterior: [Coordinate(0, 0), Coordinate(10, 0), Coordinate(0, 10), Coordinate(0, 0)]))
        let upper = Geometry.polygon(Polygon(exterior: [Coordinate(10, 10), Coordinate(10, 2), Coordinate(2, 10), Coordinate(10, 10)]))
        let index = try SpatialIndex([lower, upper])
        #expect(index.candidates(intersecting: upper.boundingBox) == [0, 1])
        #expect(index.intersecting(upper) == [1])
        #expect(index.intersecting(.lineString(LineString([Coordinate(-1, 1), Coordinate(11, 1)]))) == [0])

        struct BoxesOnly: IntersectionPredicate {
            func prepare(_ query: Geometry) -> BoundingBox { query.boundingBox }
            func intersects(_ prepared: BoundingBox, _ candidate: Geometry) -> Bool { prepared.intersects(candidate.boundingBox) }
        }
        #expect(index.intersecting(upper, predicate: BoxesOnly()) == [0, 1])
    }

    @Test(arguments: [UInt64(7), 8])
    func nearestMatchesBruteForce(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        var geoms = [Geometry]()
        for (i, p) in Self.convexPolygons(300, seed: seed).enumerated() {
            switch i % 3 {
            case 0: geoms.append(.polygon(Polygon(exterior: p.ring)))
            case 1: geoms.append(.lineString(LineString(Array(p.ring.prefix(3)))))
            default: geoms.append(.multiPoint(MultiPoint(coordinates: [p.centre, p.ring[0]])))
            }
        }
        let index = try SpatialIndex(geoms)
        for _ in 0..<60 {
            let q = Coordinate(rng.nextUnit() * 110 - 5, rng.nextUnit() * 110 - 5)
            var exact = [(Int, Double)]()
            for i in geoms.indices {
                var d = Double.infinity
                for p in geoms[i].primitives { d = min(d, distance(q, to: p)) }
                exact.append((i, d))
            }
            exact.sort { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
            let expected = exact.prefix(5).map { Neighbor(index: $0.0, distance: $0.1) }
            #expect(index.nearest(to: q, k: 5) == expected)
            let limited = exact.filter { $0.1 <= 2 }.prefix(5).map { Neighbor(index: $0.0, distance: $0.1) }
            #expect(index.nearest(to: q, k: 5, maxDistance: 2) == Array(limited))
        }
    }

    @Test func rejectsNonFiniteGeometry() {
        let bad = [Geometry.point(Point(x: 0, y: 0)), .point(Point(x: .nan, y: 1))]
        expectError(.nonFiniteBox(index: 1)) { _ = try SpatialIndex(bad) }
        let empty = try? SpatialIndex([Geometry.point(.empty)])
        #expect(empty?.tree.count == 0)
        #expect(empty?.nearest(to: Coordinate(0, 0)) == [])
    }
}
