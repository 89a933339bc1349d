import GeoCore
import GeoGEOS
import GeoIndex
import GeoIndexGEOS
import GeoBenchSupport
import Foundation
import Testing

@Suite struct GEOSPreparedIntersectsTests {
    /// A star-shaped (often concave) polygon around a random centre.
    static func star(_ rng: inout SplitMix64) -> Geometry {
        let cx = rng.nextUnit() * 100, cy = rng.nextUnit() * 100
        let n = 5 + Int(rng.next() % 8)
        var ring = (0..<n).map { i -> Coordinate in
            let a = Double(i) / Double(n) * 2 * Double.pi
            let r = 1 + rng.nextUnit() * 6
            return Coordinate(cx + r * cos(a), cy + r * sin(a))
        }
        ring.append(ring[0])
        return .polygon(Polygon(exterior: ring))
    }

    /// The index with GEOS prepared refinement returns exactly what a full scan with GEOS's
    /// unprepared `intersects` returns, and agrees with GeoTwin's own planar test.
    @Test(arguments: [UInt64(1), 2, 3])
    func matchesFullScan(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let polygons = (0..<400).map { _ in Self.star(&rng) }
        let index = try SpatialIndex(polygons)
        let engine = try GeometryEngine()
        let predicate = GEOSPreparedIntersects(engine: engine)
        var nonEmpty = 0
        for _ in 0..<40 {
            let query = Self.star(&rng)
            let viaIndex = try index.intersecting(query, predicate: predicate)
            let scan = try polygons.indices.filter { try engine.intersects(query, polygons[$0]) }
            #expect(viaIndex == scan)
            #expect(index.intersecting(query) == scan)
            if !scan.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty > 10)
    }

    @Test func invalidQueryStillAnswersOrThrowsTyped() throws {
        let index = try SpatialIndex([Geometry.polygon(Polygon(exterior: [
            Coordinate(0, 0), Coordinate(4, 0), Coordinate(4, 4), Coordinate(0, 4), Coordinate(0, 0),
        ]))])
        let bowTie = Geometry.polygon(Polygon(exterior: [
            Coordinate(-1, -1), Coordinate(5, 5), Coordinate(5, -1), Coordinate(-1, 5), Coordinate(-1, -1),
        ]))
        let predicate = GEOSPreparedIntersects(engine: try GeometryEngine())
        do {
            #expect(try index.intersecting(bowTie, predicate: predicate) == [0])
        } catch {
            #expect(!error.message.isEmpty)
        }
    }
}
