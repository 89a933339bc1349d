import Testing
@testable import GeoIndex
import GeoBenchSupport

struct PackedIndicesTests {
    @Test(arguments: [0, 1, 2, 3, 4, 5, 17, 1000, 4096, 4097, 70_001])
    func permutationsRoundTrip(count: Int) {
        var rng = SplitMix64(seed: UInt64(count) &+ 1)
        var values = ContiguousArray<UInt32>((0..<count).map { UInt32($0) })
        values.shuffle(using: &rng)
        let packed = PackedIndices(values)
        let expectedWidth = count > 1 ? Int.bitWidth - (count - 1).leadingZeroBitCount : 1
        #expect(packed.width == expectedWidth)
        #expect(packed.count == count)
        #expect(packed.byteCount == (count * expectedWidth + 7) / 8 + 7)
        packed.withReader { r in
            for i in 0..<count where r[i] != Int(values[i]) {
                Issue.record("entry \(i): \(r[i]) != \(values[i])")
                return
            }
        }
        if count > 0 {
            let last = Int(values[count - 1])
            #expect(packed[count - 1] == last)
            #expect(packed.slot(of: last) == count - 1)
        }
        #expect(packed.slot(of: count) == nil)
    }
}
