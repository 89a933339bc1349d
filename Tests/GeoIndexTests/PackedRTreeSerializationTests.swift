import GeoCore
import GeoIndex
import GeoBenchSupport
import Testing

struct PackedRTreeSerializationTests {
    @Test(arguments: BoxStorage.allCases)
    func roundTripKeepsEveryAnswer(storage: BoxStorage) throws {
        for n in [0, 1, 17, 2000] {
            let boxes = TestData.boxes(.clustered, count: n, seed: UInt64(n))
            let tree = try PackedRTree(boxes: boxes, nodeSize: 8, storage: storage)
            let bytes = tree.serialized()
            let copy = try PackedRTree(serialized: bytes)
            #expect(copy.count == n && copy.nodeSize == 8 && copy.storage == storage)
            #expect(copy.serialized() == bytes)
            #expect(copy.byteCount == tree.byteCount)
            var rng = SplitMix64(seed: 2)
            for _ in 0..<20 {
                let w = TestData.window(&rng)
                #expect(copy.search(w) == tree.search(w))
                let p = Coordinate(rng.nextUnit() * 100, rng.nextUnit() * 100)
                #expect(copy.neighbors(of: p, k: 7) == tree.neighbors(of: p, k: 7))
            }
        }
    }

    @Test func headerLayout() throws {
        let tree = try PackedRTree(boxes: [BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1)], nodeSize: 300)
        let bytes = tree.serialized()
        #expect(Array(bytes[0..<4]) == Array("GTRI".utf8))
        #expect(bytes[4] == 1 && bytes[5] == 0 && bytes[6] == 1 && bytes[7] == 0)
        #expect(bytes[8] == 44 && bytes[9] == 1)
        #expect(bytes[12] == 1)
        // Two nodes (the item and the root) of 4 doubles, then one UInt32 index.
        #expect(bytes.count == 16 + 2 * 32 + 4)
    }

    @Test func corruptHeadersThrowTypedErrors() throws {
        let tree = try PackedRTree(boxes: TestData.boxes(.uniform, count: 40, seed: 1), nodeSize: 4)
        let good = tree.serialized()
        func mutated(_ offset: Int, _ value: UInt8) -> [UInt8] {
            var b = good
            b[offset] = value
            return b
        }
        expectError(.badMagic) { _ = try PackedRTree(serialized: mutated(0, 0x58)) }
        expectError(.unsupportedVersion(2)) { _ = try PackedRTree(serialized: mutated(4, 2)) }
        expectError(.unknownStorageType(3)) { _ = try PackedRTree(serialized: mutated(6, 3)) }
        expectError(.corrupt(field: "reserved", offset: 7)) { _ = try PackedRTree(serialized: mutated(7, 1)) }
        expectError(.invalidNodeSize(1)) { _ = try PackedRTree(serialized: mutated(8, 1)) }
        expectError(.lengthMismatch(expected: 16, actual: 3)) { _ = try PackedRTree(serialized: Array(good.prefix(3))) }
        var huge = good
        huge[15] = 0x7F
        #expect(throws: GeoIndexError.self) { try PackedRTree(serialized: huge) }
        expectError(.lengthMismatch(expected: good.count, actual: good.count + 1)) {
            _ = try PackedRTree(serialized: good + [0])
        }
        // Two leaf slots naming the same item.
        var twice = good
        let indexStart = good.count - 40 * 4
        for k in 0..<4 { twice[indexStart + 4 + k] = twice[indexStart + k] }
        expectError(.corrupt(field: "item index", offset: indexStart + 4)) { _ = try PackedRTree(serialized: twice) }
        // A NaN in the first box.
        var nan = good
        for (k, byte) in withUnsafeBytes(of: Double.nan.bitPattern.littleEndian, Array.init).enumerated() { nan[16 + k] = byte }
        expectError(.corrupt(field: "node box", offset: 16)) { _ = try PackedRTree(serialized: nan) }
    }

    @Test func everyTruncationAndByteFlipIsHandled() throws {
        for storage in BoxStorage.allCases {
            let tree = try PackedRTree(boxes: TestData.boxes(.uniform, count: 30, seed: 5), nodeSize: 4, storage: storage)
            let good = tree.serialized()
            for length in 0..<good.count {
                #expect(throws: GeoIndexError.self) { try PackedRTree(serialized: Array(good.prefix(length))) }
            }
            for offset in 0..<good.count {
                for flip: UInt8 in [0x01, 0x80, 0xFF] {
                    var bytes = good
                    bytes[offset] ^= flip
                    // Either a typed error or a tree that answers queries without trapping.
                    if let copy = try? PackedRTree(serialized: bytes) {
                        _ = copy.search(BoundingBox(minX: 0, minY: 0, maxX: 100, maxY: 100))
                        _ = copy.neighbors(of: Coordinate(50, 50), k: 3)
                        _ = copy.join(tree)
                    }
                }
            }
        }
    }
}
