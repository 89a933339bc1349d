import GeoCore

/// FlatGeobuf's packed Hilbert R-tree: nodes of 40 bytes (minX, minY, maxX, maxY as doubles,
/// then a `u64` offset), stored root first, level by level; `nodeSize` children per node (16 by
/// default). A leaf's offset is its feature's byte offset from the start of the features; an
/// inner node's offset is the index of its first child node.
struct FlatGeobufIndex {
    static let nodeBytes = 40

    /// The node ranges `[start, end)` of each level, leaves first, root last.
    static func levelBounds(itemCount: Int, nodeSize: Int) -> [Range<Int>] {
        var counts = [itemCount]
        var n = itemCount
        var total = n
        repeat {
            n = (n + nodeSize - 1) / nodeSize
            total += n
            counts.append(n)
        } while n != 1
        var bounds: [Range<Int>] = []
        var end = total
        for c in counts {
            bounds.append((end - c)..<end)
            end -= c
        }
        return bounds
    }

    /// The number of bytes of the index of `itemCount` features.
    static func size(itemCount: Int, nodeSize: Int) -> Int {
        guard itemCount > 0, nodeSize >= 2 else { return 0 }
        return (levelBounds(itemCount: itemCount, nodeSize: nodeSize).first?.upperBound ?? 0) * nodeBytes
    }

    /// The Hilbert value (16 bits per axis) of `x, y` in 0...65535.
    static func hilbert(_ x: UInt32, _ y: UInt32) -> UInt32 {
        var a = x ^ y
        var b = 0xFFFF ^ a
        var c = 0xFFFF ^ (x | y)
        var d = x & (y ^ 0xFFFF)
        var A = a | (b >> 1)
        var B = (a >> 1) ^ a
        var C = ((c >> 1) ^ (b & (d >> 1))) ^ c
        var D = ((a & (c >> 1)) ^ (d >> 1)) ^ d
        a = A; b = B; c = C; d = D
        A = (a & (a >> 2)) ^ (b & (b >> 2))
        B = (a & (b >> 2)) ^ (b & ((a ^ b) >> 2))
        C ^= (a & (c >> 2)) ^ (b & (d >> 2))
        D ^= (b & (c >> 2)) ^ ((a ^ b) & (d >> 2))
        a = A; b = B; c = C; d = D
        A = (a & (a >> 4)) ^ (b & (b >> 4))
        B = (a & (b >> 4)) ^ (b & ((a ^ b) >> 4))
        C ^= (a & (c >> 4)) ^ (b & (d >> 4))
        D ^= (b & (c >> 4)) ^ ((a ^ b) & (d >> 4))
        a = A; b = B; c = C; d = D
        C ^= (a & (c >> 8)) ^ (b & (d >> 8))
        D ^= (b & (c >> 8)) ^ ((a ^ b) & (d >> 8))
        a = C ^ (C >> 1)
        b = D ^ (D >> 1)
        var i0 = x ^ y
        var i1 = b | (0xFFFF ^ (i0 | a))
        i0 = (i0 | (i0 << 8)) & 0x00FF_00FF
        i0 = (i0 | (i0 << 4)) & 0x0F0F_0F0F
        i0 = (i0 | (i0 << 2)) & 0x3333_3333
        i0 = (i0 | (i0 << 1)) & 0x5555_5555
        i1 = (i1 | (i1 << 8)) & 0x00FF_00FF
        i1 = (i1 | (i1 << 4)) & 0x0F0F_0F0F
        i1 = (i1 | (i1 << 2)) & 0x3333_3333
        i1 = (i1 | (i1 << 1)) & 0x5555_5555
        return (i1 << 1) | i0
    }

    /// The order of `boxes` along the Hilbert curve of their centres over `extent` (empty boxes last).
    static func hilbertOrder(_ boxes: [BoundingBox], extent: BoundingBox) -> [Int] {
        let width = extent.maxX - extent.minX, height = extent.maxY - extent.minY
        let keys: [UInt32] = boxes.map { b in
            guard !b.isEmpty else { return UInt32.max }
            let cx = width > 0 ? ((b.minX + b.maxX) / 2 - extent.minX) / width : 0
            let cy = height > 0 ? ((b.minY + b.maxY) / 2 - extent.minY) / height : 0
            func cell(_ v: Double) -> UInt32 { v.isFinite ? UInt32(max(0, min(65535, (65535 * v).rounded(.down)))) : 0 }
            return hilbert(cell(cx), cell(cy))
        }
        guard boxes.count <= Int(UInt32.max) else {
            return boxes.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
        }
        // (key, index) packed in one word: sorting the words orders by key, then by index.
        var packed = [UInt64](repeating: 0, count: keys.count)
        for i in keys.indices { packed[i] = UInt64(keys[i]) << 32 | UInt64(i) }
        packed.sort()
        return packed.map { Int($0 & 0xFFFF_FFFF) }
    }

    /// The index bytes for leaves `boxes` (in feature order) with their feature `offsets`.
    static func build(boxes: [BoundingBox], offsets: [UInt64], nodeSize: Int) -> [UInt8] {
        let bounds = levelBounds(itemCount: boxes.count, nodeSize: nodeSize)
        let total = bounds[0].upperBound
        var nodes = [BoundingBox](repeating: .empty, count: total)
        var nodeOffsets = [UInt64](repeating: 0, count: total)
        for (i, b) in boxes.enumerated() {
            nodes[bounds[0].lowerBound + i] = b
            nodeOffsets[bounds[0].lowerBound + i] = offsets[i]
        }
        for level in 0..<(bounds.count - 1) {
            var pos = bounds[level].lowerBound
            var parent = bounds[level + 1].lowerBound
            while pos < bounds[level].upperBound {
                var box = BoundingBox.empty
                let first = pos
                for _ in 0..<nodeSize where pos < bounds[level].upperBound {
                    box = box.union(nodes[pos])
                    pos += 1
                }
                nodes[parent] = box
                nodeOffsets[parent] = UInt64(first)
                parent += 1
            }
        }
        // Each node stored in place: four doubles and the offset, little-endian.
        var out = [UInt8](repeating: 0, count: total * nodeBytes)
        out.withUnsafeMutableBytes { raw in
            for i in 0..<total {
                let b = nodes[i]
                let at = i * nodeBytes
                let empty = b.isEmpty
                raw.storeBytes(of: (empty ? Double.infinity : b.minX).bitPattern.littleEndian, toByteOffset: at, as: UInt64.self)
                raw.storeBytes(of: (empty ? Double.infinity : b.minY).bitPattern.littleEndian, toByteOffset: at + 8, as: UInt64.self)
                raw.storeBytes(of: (empty ? -Double.infinity : b.maxX).bitPattern.littleEndian, toByteOffset: at + 16, as: UInt64.self)
                raw.storeBytes(of: (empty ? -Double.infinity : b.maxY).bitPattern.littleEndian, toByteOffset: at + 24, as: UInt64.self)
                raw.storeBytes(of: nodeOffsets[i].littleEndian, toByteOffset: at + 32, as: UInt64.self)
            }
        }
        return out
    }

    /// The byte offsets (from the start of the features) and leaf positions (the feature numbers
    /// of a file written in index order) of the features whose box meets `bbox`, in increasing
    /// order, visiting only the nodes that meet it. `index` is the index's bytes.
    static func search(_ index: UnsafeRawBufferPointer, itemCount: Int, nodeSize: Int, bbox: BoundingBox,
                       fail: (String, Int) -> FileFormatError) throws(FileFormatError) -> [(offset: UInt64, leaf: Int)] {
        let bounds = levelBounds(itemCount: itemCount, nodeSize: nodeSize)
        let total = bounds[0].upperBound
        let leavesStart = bounds[0].lowerBound
        var results: [(offset: UInt64, leaf: Int)] = []
        var queue: [(node: Int, level: Int)] = [(0, bounds.count - 1)]
        while let (node, level) = queue.popLast() {
            let end = min(node + nodeSize, bounds[level].upperBound)
            for pos in node..<end {
                let at = pos * nodeBytes
                func d(_ k: Int) -> Double { Double(bitPattern: index.loadUnaligned(fromByteOffset: at + 8 * k, as: UInt64.self).littleEndian) }
                guard !(bbox.maxX < d(0) || bbox.maxY < d(1) || bbox.minX > d(2) || bbox.minY > d(3)) else { continue }
                let offset = index.loadUnaligned(fromByteOffset: at + 32, as: UInt64.self).littleEndian
                if pos >= leavesStart {
                    results.append((offset, pos - leavesStart))
                } else {
                    guard level > 0, offset < UInt64(total), bounds[level - 1].contains(Int(offset)) else {
                        throw fail("index node \(pos) points to child \(offset), outside the \(total) nodes", at)
                    }
                    queue.append((Int(offset), level - 1))
                }
            }
        }
        return results.sorted { $0.offset < $1.offset }
    }
}
