import Foundation
import GeoCore
import Testing
@testable import GeoRender

@Suite struct SharedBorderSimplifierTests {
    /// Vertices of ring parts per feature as sets of "x,y".
    func vertexSets(_ g: PartGeometry<Int64>) -> [Int: Set<String>] {
        var out: [Int: Set<String>] = [:]
        for p in 0..<g.partCount {
            for v in g.vertexRange(p) {
                out[g.partFeature[p], default: []].insert("\(g.coordinates[2 * v]),\(g.coordinates[2 * v + 1])")
            }
        }
        return out
    }

    func gridded(_ fc: FeatureCollection, scale: Double) throws -> PartGeometry<Int64> {
        let projected = try ProjectionStage(projection: PlanarProjection()).run(fc.features, layer: "t").projected
        let t = ScreenTransform(scale: scale, translateX: 10, translateY: 1000)
        return GridStage(transform: t, clip: BoundingBox(minX: -10, minY: -10, maxX: 2000, maxY: 2000), decimals: 1).run(projected)
    }

    @Test func sharedBordersStayIdentical() throws {
        let fc = TestLayers.districts(columns: 3, rows: 3)
        let g = try gridded(fc, scale: 2)
        let s = SharedBorderSimplifier(tolerance: 30, minimumRingArea: 0).run(g)
        #expect(s.coordinates.count < g.coordinates.count)
        // Every vertex kept by one district that lies on the border of its right neighbour
        // (i.e. is a vertex of the neighbour's original ring) must be kept by the neighbour too.
        let before = vertexSets(g), after = vertexSets(s)
        for a in 0..<9 {
            for b in 0..<9 where a != b {
                let sharedBefore = before[a, default: []].intersection(before[b, default: []])
                guard !sharedBefore.isEmpty else { continue }
                let keptA = after[a, default: []].intersection(sharedBefore)
                let keptB = after[b, default: []].intersection(sharedBefore)
                #expect(keptA == keptB, "districts \(a) and \(b)")
            }
        }
    }

    @Test func enclaveAndHoleSimplifyAlike() {
        // a square with a wiggly hole, and the island filling it, starting at different vertices
        var island: [Int64] = []
        for k in 0..<40 {
            let t = Double(k) / 40 * 2 * Double.pi
            let r = 300 + Double((k * 37) % 11) * 4
            island.append(Int64((500 + r * Double(cos(t))).rounded()))
            island.append(Int64((500 + r * Double(sin(t))).rounded()))
        }
        var hole: [Int64] = []
        for k in 0..<40 {
            let i = (17 - k + 40) % 40   // reversed, other start
            hole.append(island[2 * i]); hole.append(island[2 * i + 1])
        }
        var g = PartGeometry<Int64>()
        g.append([0, 0, 1000, 0, 1000, 1000, 0, 1000], kind: .exterior, feature: 0)
        g.append(hole, kind: .hole, feature: 0)
        g.append(island, kind: .exterior, feature: 1)
        let s = SharedBorderSimplifier(tolerance: 15, minimumRingArea: 0).run(g)
        let holeOut = Set(stride(from: 0, to: s.vertexRange(1).count, by: 1).map { i -> String in
            let v = s.vertexRange(1).lowerBound + i
            return "\(s.coordinates[2 * v]),\(s.coordinates[2 * v + 1])"
        })
        let islandOut = Set(s.vertexRange(2).map { "\(s.coordinates[2 * $0]),\(s.coordinates[2 * $0 + 1])" })
        #expect(holeOut == islandOut)
        #expect(islandOut.count < 40)
    }

    @Test func tinyRingsAndTheirHolesAreDropped() {
        var g = PartGeometry<Int64>()
        g.append([0, 0, 3, 0, 3, 3], kind: .exterior, feature: 0)
        g.append([1, 1, 2, 1, 2, 2], kind: .hole, feature: 0)
        g.append([0, 0, 100, 0, 100, 100, 0, 100], kind: .exterior, feature: 1)
        let s = SharedBorderSimplifier(tolerance: 0, minimumRingArea: 10).run(g)
        #expect(s.partCount == 1)
        #expect(s.partFeature == [1])
    }

    @Test func zeroToleranceKeepsEverything() {
        var g = PartGeometry<Int64>()
        g.append([0, 0, 5, 1, 10, 0, 10, 10, 0, 10], kind: .exterior, feature: 0)
        let s = SharedBorderSimplifier(tolerance: 0, minimumRingArea: 0).run(g)
        #expect(s.coordinates == g.coordinates)
    }

    @Test func linesKeepTheirEnds() {
        var g = PartGeometry<Int64>()
        g.append([0, 0, 10, 1, 20, 0, 30, 1, 40, 0], kind: .line, feature: 0)
        let s = SharedBorderSimplifier(tolerance: 5, minimumRingArea: 0).run(g)
        #expect(s.coordinates == [0, 0, 40, 0])
    }
}
