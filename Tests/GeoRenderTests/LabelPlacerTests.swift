import GeoCore
import Testing
@testable import GeoRender

@Suite struct LabelPlacerTests {
    @Test func higherPriorityWinsACollision() {
        let placer = LabelPlacer(fontSize: 10, padding: 1)
        let c = [
            LabelPlacer.Candidate(text: "small", x: 50, y: 50, priority: 1, feature: 0),
            LabelPlacer.Candidate(text: "large", x: 55, y: 52, priority: 9, feature: 1),
            LabelPlacer.Candidate(text: "far", x: 150, y: 150, priority: 0, feature: 2),
        ]
        let (placed, dropped) = placer.place(c, obstacles: [], bounds: BoundingBox(minX: 0, minY: 0, maxX: 200, maxY: 200))
        #expect(placed.map(\.feature) == [1, 2])
        #expect(dropped == 1)
    }

    @Test func obstaclesAndBoundsDrop() {
        let placer = LabelPlacer(fontSize: 10, padding: 0)
        let c = [LabelPlacer.Candidate(text: "a", x: 5, y: 5, priority: 1, feature: 0),
                 LabelPlacer.Candidate(text: "b", x: 100, y: 100, priority: 1, feature: 1)]
        let (placed, _) = placer.place(c, obstacles: [BoundingBox(minX: 90, minY: 90, maxX: 110, maxY: 110)],
                                       bounds: BoundingBox(minX: 2, minY: 2, maxX: 200, maxY: 200))
        #expect(placed.isEmpty)
    }

    @Test func hangulIsWiderThanLatin() {
        let placer = LabelPlacer(fontSize: 10, padding: 0)
        #expect(placer.estimatedWidth("종로구") == 30)
        #expect(placer.estimatedWidth("abc") < 30)
    }
}
