@testable import GeoIndex
import GeoBenchSupport
import Testing

struct HilbertTests {
    @Test func hilbertIndexIsAContinuousCurve() {
        // The first 4^6 cells of the order-16 curve fill the 64 x 64 corner, each next to the last.
        var cells = [(UInt32, Int, Int)]()
        for y in 0..<64 { for x in 0..<64 { cells.append((hilbertIndex(UInt32(x), UInt32(y)), x, y)) } }
        cells.sort { $0.0 < $1.0 }
        #expect(cells.map(\.0) == (0..<4096).map(UInt32.init))
        for i in 1..<cells.count {
            #expect(abs(cells[i].1 - cells[i - 1].1) + abs(cells[i].2 - cells[i - 1].2) == 1)
        }
        #expect(hilbertIndex(65535, 0) == UInt32.max)
    }

    @Test func radixSortOrdersByHilbertIndexAndKeepsInputOrderOnTies() {
        var rng = SplitMix64(seed: 10)
        var keys = (0..<5000).map { i in UInt64(rng.next() % 300) << 32 | UInt64(i) }
        let expected = keys.sorted()
        radixSortByHighWord(&keys)
        #expect(keys == expected)
        var same = (0..<100).map { UInt64(7) << 32 | UInt64($0) }
        radixSortByHighWord(&same)
        #expect(same == (0..<100).map { UInt64(7) << 32 | UInt64($0) })
    }
}
