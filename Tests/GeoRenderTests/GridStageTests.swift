import GeoCore
import Testing
@testable import GeoRender

@Suite struct GridStageTests {
    @Test func snapsAndDropsRepeats() {
        var p = PartGeometry<Double>()
        p.append([0, 0, 0.01, 0.01, 10, 0, 10, 10], kind: .exterior, feature: 3)
        let stage = GridStage(transform: ScreenTransform(scale: 1, translateX: 0, translateY: 100),
                              clip: BoundingBox(minX: -1, minY: -1, maxX: 200, maxY: 200), decimals: 1)
        let g = stage.run(p)
        #expect(g.coordinates == [0, 1000, 100, 1000, 100, 900])
        #expect(g.partFeature == [3])
    }

    @Test func pointsOutsideTheClipAreDropped() {
        var p = PartGeometry<Double>()
        p.append([5, 5], kind: .point, feature: 0)
        p.append([500, 5], kind: .point, feature: 1)
        let stage = GridStage(transform: ScreenTransform(scale: 1, translateX: 0, translateY: 10),
                              clip: BoundingBox(minX: 0, minY: 0, maxX: 10, maxY: 10), decimals: 0)
        let g = stage.run(p)
        #expect(g.partFeature == [0])
        #expect(g.coordinates == [5, 5])
    }

    @Test func collapsedRingVanishes() {
        var p = PartGeometry<Double>()
        p.append([0, 0, 0.01, 0, 0.01, 0.01], kind: .exterior, feature: 0)
        let stage = GridStage(transform: ScreenTransform(scale: 1, translateX: 0, translateY: 0),
                              clip: BoundingBox(minX: -1, minY: -1, maxX: 1, maxY: 1), decimals: 0)
        #expect(stage.run(p).partCount == 0)
    }
}
