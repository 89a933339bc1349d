/// The byte layout of a serialised ``PackedRTree`` (all integers and floats little-endian):
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 4 | magic `GTRI` |
/// | 4 | 2 | format version (1) |
/// | 6 | 1 | storage type: 1 = Float64, 2 = Float32 |
/// | 7 | 1 | reserved, 0 |
/// | 8 | 4 | node size |
/// | 12 | 4 | item count n |
/// | 16 | 4 x nodes x width | node boxes `[minX, minY, maxX, maxY]`, items first, root last |
/// | ... | 4 x n | original index of each leaf slot |
///
/// The box block starts 8-byte aligned, so a buffer mapped from a file can be read in place.
extension PackedRTree {
    /// The serialisation format version written by this build.
    public static let formatVersion = 1

    static let magic: [UInt8] = Array("GTRI".utf8)
    static let headerSize = 16

    /// The tree as bytes (see the layout above); ``init(serialized:searchCopy:)`` reads them back.
    public func serialized() -> [UInt8] {
        var out = [UInt8]()
        let nodeCount = levelStarts.last ?? 0
        let width = storage == .float64 ? 8 : 4
        out.reserveCapacity(Self.headerSize + nodeCount * 4 * width + count * 4)
        out.append(contentsOf: Self.magic)
        appendLittleEndian(UInt16(Self.formatVersion), to: &out)
        out.append(storage.rawValue)
        out.append(0)
        appendLittleEndian(UInt32(nodeSize), to: &out)
        appendLittleEndian(UInt32(count), to: &out)
        switch boxes {
        case .float64(let a): for v in a { appendLittleEndian(v.bitPattern, to: &out) }
        case .float32(let a): for v in a { appendLittleEndian(v.bitPattern, to: &out) }
        }
        itemIndices.withReader { r in
            for i in 0..<count { appendLittleEndian(UInt32(truncatingIfNeeded: r[i]), to: &out) }
        }
        return out
    }

    /// Reads a tree written by ``serialized()``, validating every field: header, exact length,
    /// every box (`min <= max`, no NaN, each inner box the union of its children) and the item
    /// indices (a permutation of `0..<n`). Corrupt input throws; it never traps. The Float32
    /// search copy is not part of the bytes: it is made again here when `searchCopy` is `true`
    /// (see ``init(boxes:nodeSize:storage:searchCopy:)``).
    ///
    /// - Throws: ``GeoIndexError/badMagic``, ``GeoIndexError/unsupportedVersion(_:)``,
    ///   ``GeoIndexError/unknownStorageType(_:)``, ``GeoIndexError/invalidNodeSize(_:)``,
    ///   ``GeoIndexError/lengthMismatch(expected:actual:)`` or ``GeoIndexError/corrupt(field:offset:)``.
    public init(serialized bytes: [UInt8], searchCopy: Bool = true) throws(GeoIndexError) {
        guard bytes.count >= Self.headerSize else {
            throw .lengthMismatch(expected: Self.headerSize, actual: bytes.count)
        }
        guard Array(bytes[0..<4]) == Self.magic else { throw .badMagic }
        let version = Int(readLittleEndian(bytes, at: 4, as: UInt16.self))
        guard version == Self.formatVersion else { throw .unsupportedVersion(version) }
        guard let kind = BoxStorage(rawValue: bytes[6]) else { throw .unknownStorageType(Int(bytes[6])) }
        guard bytes[7] == 0 else { throw .corrupt(field: "reserved", offset: 7) }
        let nodeSize = Int(readLittleEndian(bytes, at: 8, as: UInt32.self))
        guard (2...65535).contains(nodeSize) else { throw .invalidNodeSize(nodeSize) }
        let n = Int(readLittleEndian(bytes, at: 12, as: UInt32.self))
        guard n < Int(UInt32.max) else { throw .corrupt(field: "count", offset: 12) }
        let layout = PackedLayout(count: n, nodeSize: nodeSize)
        let nodeCount = layout.levelStarts.last ?? 0
        let width = kind == .float64 ? 8 : 4
        let boxBytes = nodeCount * 4 * width
        let expected = Self.headerSize + boxBytes + n * 4
        guard bytes.count == expected else { throw .lengthMismatch(expected: expected, actual: bytes.count) }

        let indexOffset = Self.headerSize + boxBytes
        var indices = ContiguousArray<UInt32>(repeating: 0, count: n)
        var seen = [Bool](repeating: false, count: n)
        for i in 0..<n {
            let v = readLittleEndian(bytes, at: indexOffset + 4 * i, as: UInt32.self)
            guard Int(v) < n, !seen[Int(v)] else { throw .corrupt(field: "item index", offset: indexOffset + 4 * i) }
            seen[Int(v)] = true
            indices[i] = v
        }
        let boxes: BoxArray
        switch kind {
        case .float64:
            var a = ContiguousArray<Double>(repeating: 0, count: nodeCount * 4)
            for i in 0..<(nodeCount * 4) {
                a[i] = Double(bitPattern: readLittleEndian(bytes, at: Self.headerSize + 8 * i, as: UInt64.self))
            }
            try validateBoxes(a, layout: layout, nodeSize: nodeSize, width: 8)
            boxes = .float64(a)
        case .float32:
            var a = ContiguousArray<Float>(repeating: 0, count: nodeCount * 4)
            for i in 0..<(nodeCount * 4) {
                a[i] = Float(bitPattern: readLittleEndian(bytes, at: Self.headerSize + 4 * i, as: UInt32.self))
            }
            try validateBoxes(a, layout: layout, nodeSize: nodeSize, width: 4)
            boxes = .float32(a)
        }
        self.init(count: n, nodeSize: nodeSize, boxes: boxes, itemIndices: indices, searchCopy: searchCopy)
    }
}

/// Checks that every box has `min <= max` (no NaN; Float32 boxes may reach infinity when a
/// coordinate exceeds the Float range) and every inner box is exactly the union of its children.
private func validateBoxes<S: StoredScalar>(_ a: ContiguousArray<S>, layout: PackedLayout, nodeSize: Int,
                                            width: Int) throws(GeoIndexError) {
    let starts = layout.levelStarts
    guard let nodeCount = starts.last else { return }
    for node in 0..<nodeCount {
        let p = 4 * node
        guard a[p] <= a[p + 2], a[p + 1] <= a[p + 3] else {
            throw .corrupt(field: "node box", offset: PackedRTree.headerSize + p * width)
        }
    }
    for level in 1..<(starts.count - 1) {
        for node in starts[level]..<starts[level + 1] {
            let first = starts[level - 1] + (node - starts[level]) * nodeSize
            let last = min(first + nodeSize, starts[level])
            var x0 = a[4 * first], y0 = a[4 * first + 1], x1 = a[4 * first + 2], y1 = a[4 * first + 3]
            for c in first..<last {
                x0 = min(x0, a[4 * c])
                y0 = min(y0, a[4 * c + 1])
                x1 = max(x1, a[4 * c + 2])
                y1 = max(y1, a[4 * c + 3])
            }
            let p = 4 * node
            guard a[p] == x0, a[p + 1] == y0, a[p + 2] == x1, a[p + 3] == y1 else {
                throw .corrupt(field: "node box", offset: PackedRTree.headerSize + p * width)
            }
        }
    }
}

private func appendLittleEndian<T: FixedWidthInteger>(_ v: T, to out: inout [UInt8]) {
    var le = v.littleEndian
    withUnsafeBytes(of: &le) { out.append(contentsOf: $0) }
}

private func readLittleEndian<T: FixedWidthInteger>(_ bytes: [UInt8], at offset: Int, as: T.Type) -> T {
    bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
}
