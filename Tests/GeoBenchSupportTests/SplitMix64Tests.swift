import GeoBenchSupport
import Testing

struct SplitMix64Tests {
    @Test func knownSequence() {
        var rng = SplitMix64(seed: 0)
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        var a = SplitMix64(seed: 42), b = SplitMix64(seed: 42)
        for _ in 0..<100 { #expect(a.next() == b.next()) }
        for _ in 0..<1000 {
            let u = a.nextUnit()
            #expect(u >= 0 && u < 1)
        }
    }

    @Test func syntheticBoxesFollowTheBenchmarkRecipe() {
        let flat = SyntheticBoxes.uniform(count: 1000, seed: 42)
        #expect(flat.count == 4000)
        for i in 0..<1000 {
            #expect(flat[4 * i] >= 0 && flat[4 * i + 2] <= 100 && flat[4 * i + 2] - flat[4 * i] < 1)
            #expect(flat[4 * i + 1] >= 0 && flat[4 * i + 3] <= 100 && flat[4 * i + 3] - flat[4 * i + 1] < 1)
        }
        #expect(flat == SyntheticBoxes.uniform(count: 1000, seed: 42))
    }

    @Test func rtreeSuiteDataIsDeterministicAndInTheSquare() {
        let a = RTreeSuiteData(count: 100, seed: 42), b = RTreeSuiteData(count: 100, seed: 42)
        #expect(a.count == 100 && a.boxes == SyntheticBoxes.uniform(count: 100, seed: 42))
        #expect(a.windows1pct == b.windows1pct && a.windows001pct == b.windows001pct && a.points1 == b.points1)
        #expect(a.windows1pct.count == 1_000 && a.windows001pct.count == 10_000)
        #expect(a.points1.count == 10_000 && a.points100 == Array(a.points1.prefix(1_000)))
        for w in a.windows1pct { #expect(w.minX >= 0 && w.maxX <= 100 && abs(w.maxY - w.minY - 10) < 1e-9) }
        #expect(a.items.map(\.id) == Array(0..<100))
    }
}
