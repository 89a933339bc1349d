import Foundation
import GeoCore
import GeoIndex
import GeoBenchSupport
import Testing

@Suite struct PolygonLocatorTests {
    static func c(_ x: Double, _ y: Double) -> Coordinate { Coordinate(x, y) }

    /// A closed ring through the given corners.
    static func ring(_ pts: [(Double, Double)]) -> [Coordinate] { (pts + [pts[0]]).map { c($0.0, $0.1) } }

    static func square(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> [Coordinate] {
        ring([(x0, y0), (x1, y0), (x1, y1), (x0, y1)])
    }

    static func polygon(_ rings: [Coordinate]...) -> Geometry { .polygon(Polygon(rings: rings)) }

    /// GeoCore's answer: every feature covering the point, winner first.
    static func bruteForce(_ geometries: [Geometry?], rank: [Int]?, _ x: Double, _ y: Double) -> [Int] {
        let p = Coordinate(x, y)
        let hits = geometries.indices.filter { i in
            switch geometries[i] {
            case .polygon(let poly)?: poly.covers(p)
            case .multiPolygon(let mp)?: mp.covers(p)
            default: false
            }
        }
        let r = rank ?? [Int](repeating: 0, count: geometries.count)
        return hits.sorted { (r[$0], $0) < (r[$1], $1) }
    }

    /// Checks the single, batch, all-features and grid-free answers against GeoCore at `points`.
    static func expectAgreement(_ geometries: [Geometry?], rank: [Int]? = nil, gridSide: Int = 2048,
                                _ points: [Coordinate], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let locator = try PolygonLocator(geometries, rank: rank, gridSide: gridSide)
        let exact = try PolygonLocator(geometries, rank: rank, gridSide: 0)
        let batch = locator.locate(xs: points.map(\.x), ys: points.map(\.y))
        for (i, p) in points.enumerated() {
            let expected = bruteForce(geometries, rank: rank, p.x, p.y)
            #expect(locator.feature(x: p.x, y: p.y) == expected.first, "(\(p.x), \(p.y))", sourceLocation: sourceLocation)
            #expect(exact.feature(x: p.x, y: p.y) == expected.first, "exact (\(p.x), \(p.y))", sourceLocation: sourceLocation)
            #expect(batch[i] == Int32(expected.first ?? -1), "batch (\(p.x), \(p.y))", sourceLocation: sourceLocation)
            #expect(locator.features(x: p.x, y: p.y) == expected, "all (\(p.x), \(p.y))", sourceLocation: sourceLocation)
        }
    }

    /// The vertices of every geometry, the midpoints of their edges and points just off both.
    static func probes(around geometries: [Geometry?]) -> [Coordinate] {
        var out: [Coordinate] = []
        for g in geometries.compactMap({ $0 }) {
            var previous: Coordinate?
            g.forEachCoordinate { v in
                out.append(v)
                out.append(c(v.x + 1e-9, v.y))
                out.append(c(v.x, v.y - 1e-9))
                if let a = previous { out.append(c((a.x + v.x) / 2, (a.y + v.y) / 2)) }
                previous = v
            }
        }
        return out
    }

    // MARK: - Holes and parts

    @Test func holeIsOutsideAndItsRingIsCovered() throws {
        let g = Self.polygon(Self.square(0, 0, 10, 10), Self.square(4, 4, 6, 6))
        let locator = try PolygonLocator([g])
        #expect(locator.feature(x: 1, y: 1) == 0)
        #expect(locator.feature(x: 5, y: 5) == nil)
        #expect(locator.feature(x: 4, y: 5) == 0, "on the hole's ring")
        #expect(locator.feature(x: 6, y: 6) == 0, "hole vertex")
        #expect(locator.feature(x: 10, y: 10) == 0, "exterior vertex")
        #expect(locator.feature(x: 10.01, y: 5) == nil)
        #expect(locator.feature(x: .nan, y: 5) == nil)
        try Self.expectAgreement([g], Self.probes(around: [g]) + [Self.c(5, 5), Self.c(2, 8)])
    }

    @Test func holesInMultipolygonParts() throws {
        let mp = Geometry.multiPolygon(MultiPolygon([
            Polygon(rings: [Self.square(0, 0, 10, 10), Self.square(2, 2, 4, 4), Self.square(6, 6, 8, 8)]),
            Polygon(rings: [Self.square(20, 0, 30, 10), Self.square(22, 2, 28, 8)]),
            // An island inside the second part's hole.
            Polygon(rings: [Self.square(24, 4, 26, 6)]),
        ]))
        let locator = try PolygonLocator([nil, mp])
        #expect(locator.feature(x: 3, y: 3) == nil)
        #expect(locator.feature(x: 7, y: 7) == nil)
        #expect(locator.feature(x: 5, y: 5) == 1)
        #expect(locator.feature(x: 23, y: 3) == nil)
        #expect(locator.feature(x: 25, y: 5) == 1, "island in a hole")
        #expect(locator.feature(x: 21, y: 5) == 1)
        #expect(locator.partCount == 3)
        try Self.expectAgreement([nil, mp], Self.probes(around: [mp]) + [Self.c(3, 3), Self.c(23.5, 5), Self.c(15, 5)])
    }

    @Test func otherGeometriesAndEmptyPolygonsCoverNothing() throws {
        let geometries: [Geometry?] = [
            nil, .point(Point(x: 1, y: 1)), .polygon(.empty),
            .lineString(LineString([Self.c(0, 0), Self.c(2, 2)])),
            .polygon(Polygon(exterior: [], holes: [Self.square(0, 0, 2, 2)])),
        ]
        let locator = try PolygonLocator(geometries)
        #expect(locator.featureCount == 5)
        #expect(locator.partCount == 0)
        #expect(locator.feature(x: 1, y: 1) == nil)
        #expect(locator.locate(xs: [1, 0], ys: [1, 0]) == [-1, -1])
        #expect(try PolygonLocator([]).feature(x: 0, y: 0) == nil)
    }

    // MARK: - Shared boundaries and ranks

    @Test func sharedEdgesAndVerticesGoToTheLowestIndex() throws {
        // Four unit squares meeting at (1, 1), given in an order that is not their position.
        let geometries = [Self.square(1, 1, 2, 2), Self.square(0, 0, 1, 1), Self.square(1, 0, 2, 1), Self.square(0, 1, 1, 2)]
            .map { Self.polygon($0) }
        let locator = try PolygonLocator(geometries)
        #expect(locator.feature(x: 1, y: 1) == 0, "the vertex shared by all four")
        #expect(locator.features(x: 1, y: 1) == [0, 1, 2, 3])
        #expect(locator.feature(x: 0.5, y: 1) == 1, "edge shared by 1 and 3")
        #expect(locator.feature(x: 1, y: 0.5) == 1, "edge shared by 1 and 2")
        #expect(locator.feature(x: 1.5, y: 1) == 0, "edge shared by 0 and 2")
        #expect(locator.feature(x: 0.5, y: 0.5) == 1)
        try Self.expectAgreement(geometries, Self.probes(around: geometries))
    }

    @Test func lowerRankWinsThenLowerIndex() throws {
        // 0: a parent city over both districts (rank 1); 1 and 2: districts sharing x = 5.
        let geometries = [Self.square(0, 0, 10, 10), Self.square(0, 0, 5, 10), Self.square(5, 0, 10, 10)].map { Self.polygon($0) }
        let locator = try PolygonLocator(geometries, rank: [1, 0, 0])
        #expect(locator.feature(x: 2, y: 2) == 1)
        #expect(locator.feature(x: 7, y: 2) == 2)
        #expect(locator.feature(x: 5, y: 5) == 1, "shared edge: the lower index wins")
        #expect(locator.features(x: 5, y: 5) == [1, 2, 0])
        #expect(locator.feature(x: 11, y: 5) == nil)
        let byIndex = try PolygonLocator(geometries)
        #expect(byIndex.feature(x: 7, y: 2) == 0)
        try Self.expectAgreement(geometries, rank: [1, 0, 0], Self.probes(around: geometries) + [Self.c(2, 2), Self.c(7, 7)])
    }

    // MARK: - Even-odd

    /// A ring wound twice around the square [1, 2]²: non-zero winding would cover it (winding 2),
    /// even-odd, as GeoCore, does not.
    @Test func doublyWoundRingFollowsEvenOdd() throws {
        let twice = Self.ring([(0, 0), (3, 0), (3, 3), (0, 3), (0, 0), (1, 1), (2, 1), (2, 2), (1, 2), (1, 1)])
        let g = Self.polygon(twice)
        #expect(!Polygon(exterior: twice).covers(Self.c(1.5, 1.5)), "GeoCore is even-odd")
        let locator = try PolygonLocator([g])
        #expect(locator.feature(x: 1.5, y: 1.5) == nil, "winding 2: outside by even-odd")
        #expect(locator.feature(x: 0.5, y: 1.5) == 0)
        #expect(locator.feature(x: 1, y: 1.5) == 0, "on the inner loop")
        try Self.expectAgreement([g], Self.probes(around: [g]) + [Self.c(1.5, 1.5), Self.c(2.5, 2.5)])
    }

    /// A pentagram: the centre has winding number 2, so non-zero covers it and even-odd does not.
    @Test func pentagramCentreIsOutside() throws {
        var star: [Coordinate] = []
        for k in 0..<5 {
            let a = Double.pi / 2 + Double(k * 2) * 2 * .pi / 5
            star.append(Self.c(10 * cos(a), 10 * sin(a)))
        }
        let g = Self.polygon(star + [star[0]])
        let locator = try PolygonLocator([g])
        #expect(locator.feature(x: 0, y: 0) == nil)
        #expect(locator.feature(x: 0, y: 8) == 0, "a point of the star")
        try Self.expectAgreement([g], Self.probes(around: [g]) + [Self.c(0, 0), Self.c(0, 8), Self.c(-7, 2)])
    }

    /// A bow-tie covers both loops under either rule; its crossing point is on the ring.
    @Test func bowTieCoversBothLoops() throws {
        let g = Self.polygon(Self.ring([(0, 0), (4, 4), (4, 0), (0, 4)]))
        let locator = try PolygonLocator([g])
        #expect(locator.feature(x: 0.5, y: 2) == 0)
        #expect(locator.feature(x: 3.5, y: 2) == 0)
        #expect(locator.feature(x: 2, y: 3.5) == nil)
        #expect(locator.feature(x: 2, y: 2) == 0)
        try Self.expectAgreement([g], Self.probes(around: [g]) + [Self.c(2, 3.5), Self.c(2, 0.5)])
    }

    /// A ring that touches itself at a vertex (an inverted hole): the pinched loop is outside.
    @Test func selfTouchingRing() throws {
        let g = Self.polygon(Self.ring([(0, 0), (10, 0), (10, 10), (5, 10), (7, 5), (3, 5), (5, 10), (0, 10)]))
        let locator = try PolygonLocator([g])
        #expect(locator.feature(x: 5, y: 7) == nil, "inside the pinched loop")
        #expect(locator.feature(x: 5, y: 10) == 0, "the touching vertex")
        #expect(locator.feature(x: 5, y: 2) == 0)
        try Self.expectAgreement([g], Self.probes(around: [g]) + [Self.c(5, 7), Self.c(5, 2)])
    }

    // MARK: - Degenerate input

    @Test func degenerateAndUnclosedRings() throws {
        let geometries: [Geometry?] = [
            .polygon(Polygon(exterior: [Self.c(0, 0), Self.c(2, 0), Self.c(2, 2), Self.c(0, 2)])),  // unclosed
            .polygon(Polygon(exterior: [Self.c(5, 5)])),                                              // a point
            .polygon(Polygon(exterior: [Self.c(6, 6), Self.c(8, 8)])),                                // a segment
            .polygon(Polygon(exterior: [Self.c(10, 0), Self.c(12, 0), Self.c(10, 0)])),               // collapsed
            .polygon(Polygon(exterior: [Self.c(3, 3), Self.c(3, 3), Self.c(3, 3), Self.c(3, 3)])),   // all one point
            .polygon(Polygon(exterior: Self.square(20, 0, 24, 4) + [Self.c(20, 0), Self.c(20, 0)],  // repeated vertices
                             holes: [[Self.c(21, 1)], [Self.c(22, 1), Self.c(23, 1)], []])),
        ]
        let locator = try PolygonLocator(geometries)
        #expect(locator.feature(x: 1, y: 1) == 0)
        #expect(locator.feature(x: 5, y: 5) == 1)
        #expect(locator.feature(x: 7, y: 7) == 2)
        #expect(locator.feature(x: 7, y: 7.5) == nil)
        #expect(locator.feature(x: 11, y: 0) == 3)
        #expect(locator.feature(x: 11, y: 0.5) == nil)
        #expect(locator.feature(x: 3, y: 3) == 4)
        #expect(locator.feature(x: 21, y: 1) == 5)
        #expect(locator.feature(x: 22.5, y: 1) == 5)
        #expect(locator.feature(x: 23, y: 3) == 5)
        try Self.expectAgreement(geometries, Self.probes(around: geometries) + [Self.c(1, 1), Self.c(11, 0.5), Self.c(22.5, 2)])
    }

    @Test func zeroAreaLayerHasNoGridAndStillAnswers() throws {
        let geometries: [Geometry?] = [.polygon(Polygon(exterior: [Self.c(1, 0), Self.c(1, 5)]))]
        let locator = try PolygonLocator(geometries)
        #expect(locator.feature(x: 1, y: 2) == 0)
        #expect(locator.feature(x: 1.5, y: 2) == nil)
    }

    @Test func errors() throws {
        let g = Self.polygon(Self.square(0, 0, 1, 1))
        #expect(throws: PolygonLocatorError.rankCountMismatch(ranks: 1, features: 2)) { try PolygonLocator([g, g], rank: [0]) }
        #expect(throws: PolygonLocatorError.invalidGridSide(-1)) { try PolygonLocator([g], gridSide: -1) }
        let bad = Self.polygon(Self.ring([(0, 0), (1, .nan), (1, 1)]))
        #expect(throws: PolygonLocatorError.nonFiniteCoordinate(feature: 1)) { try PolygonLocator([g, bad]) }
    }

    // MARK: - Batches

    @Test func batchWithIndicesLeavesOtherEntriesAlone() throws {
        let g = Self.polygon(Self.square(0, 0, 10, 10))
        let locator = try PolygonLocator([nil, g])
        let xs: [Double] = [1, 20, 5, .nan], ys: [Double] = [1, 1, 10, 0]
        var out: [Int32] = [7, 7, 7, 7]
        let indices: [Int32] = [1, 2, 3]
        xs.withUnsafeBufferPointer { xs in
            ys.withUnsafeBufferPointer { ys in
                indices.withUnsafeBufferPointer { indices in
                    out.withUnsafeMutableBufferPointer { locator.locate(xs: xs, ys: ys, indices: indices, into: $0) }
                }
            }
        }
        #expect(out == [7, -1, 1, -1])
        #expect(locator.locate(xs: xs, ys: ys) == [1, -1, 1, -1])
    }

    // MARK: - Against brute force

    /// Random layers of stars with holes, multipolygons, overlaps and shared edges: every
    /// answer (grid, exact, batch, all features) equals looping GeoCore's `covers` over the
    /// features with the same tie-break.
    @Test(arguments: [UInt64(1), 2, 3]) func randomLayersAgreeWithGeoCore(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        func unit() -> Double { rng.nextUnit() }
        func star(_ cx: Double, _ cy: Double, _ r: Double, _ n: Int, reversed: Bool) -> [Coordinate] {
            var pts: [Coordinate] = []
            for i in 0..<n {
                let a = Double(i) * 2 * .pi / Double(n)
                let rr = r * (0.5 + 0.5 * unit())
                pts.append(Self.c(cx + rr * cos(a), cy + rr * sin(a)))
            }
            if reversed { pts.reverse() }
            return pts + [pts[0]]
        }
        var geometries: [Geometry?] = []
        for k in 0..<40 {
            let cx = 100 * unit(), cy = 60 * unit(), r = 0.5 + 12 * unit()
            let n = 3 + Int(unit() * 40)
            var rings = [star(cx, cy, r, n, reversed: unit() < 0.5)]
            if unit() < 0.4 { rings.append(star(cx, cy, r * 0.3, 3 + Int(unit() * 10), reversed: unit() < 0.5)) }
            switch k % 5 {
            case 0: geometries.append(.multiPolygon(MultiPolygon([
                Polygon(rings: rings), Polygon(rings: [star(cx + r, cy, r * 0.4, 7, reversed: false)])])))
            case 1: geometries.append(nil)
            case 2:
                // A grid-aligned square sharing edges with the previous one: exact ties on edges.
                let x0 = (cx / 4).rounded(.down) * 4, y0 = (cy / 4).rounded(.down) * 4
                geometries.append(Self.polygon(Self.square(x0, y0, x0 + 4, y0 + 4)))
                geometries.append(Self.polygon(Self.square(x0 + 4, y0, x0 + 8, y0 + 4)))
            default: geometries.append(.polygon(Polygon(rings: rings)))
            }
        }
        let rank = geometries.indices.map { $0 % 3 == 0 ? 1 : 0 }
        var points: [Coordinate] = []
        for _ in 0..<4_000 { points.append(Self.c(-15 + 130 * unit(), -15 + 90 * unit())) }
        // Integer points hit the shared square edges and corners exactly.
        for _ in 0..<500 { points.append(Self.c((100 * unit()).rounded(), (60 * unit()).rounded())) }
        points += Self.probes(around: geometries).enumerated().filter { $0.offset % 3 == 0 }.map(\.element)
        try Self.expectAgreement(geometries, rank: rank, gridSide: 256, points)
        try Self.expectAgreement(geometries, rank: nil, points.enumerated().filter { $0.offset % 4 == 0 }.map(\.element))
    }
}
