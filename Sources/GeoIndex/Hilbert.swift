import GeoCore

// Hilbert ordering used by the packed builders.

/// The index of cell `(x, y)` along the Hilbert curve of order 16 (both coordinates in
/// `0...65535`), computed without loops by the bit-parallel prefix method ("Fast Hilbert curve
/// generation", rawrunprotected, public domain algorithm).
@inlinable
func hilbertIndex(_ x: UInt32, _ y: UInt32) -> UInt32 {
    var a = x ^ y
    var b = 0xFFFF ^ a
    var c = 0xFFFF ^ (x | y)
    var d = x & (y ^ 0xFFFF)

    var na = a | (b >> 1)
    var nb = (a >> 1) ^ a
    var nc = ((c >> 1) ^ (b & (d >> 1))) ^ c
    var nd = ((a & (c >> 1)) ^ (d >> 1)) ^ d
    a = na; b = nb; c = nc; d = nd

    na = (a & (a >> 2)) ^ (b & (b >> 2))
    nb = (a & (b >> 2)) ^ (b & ((a ^ b) >> 2))
    nc = c ^ ((a & (c >> 2)) ^ (b & (d >> 2)))
    nd = d ^ ((b & (c >> 2)) ^ ((a ^ b) & (d >> 2)))
    a = na; b = nb; c = nc; d = nd

    na = (a & (a >> 4)) ^ (b & (b >> 4))
    nb = (a & (b >> 4)) ^ (b & ((a ^ b) >> 4))
    nc = c ^ ((a & (c >> 4)) ^ (b & (d >> 4)))
    nd = d ^ ((b & (c >> 4)) ^ ((a ^ b) & (d >> 4)))
    a = na; b = nb; c = nc; d = nd

    c ^= (a & (c >> 8)) ^ (b & (d >> 8))
    d ^= (b & (c >> 8)) ^ ((a ^ b) & (d >> 8))

    a = c ^ (c >> 1)
    b = d ^ (d >> 1)
    var i0 = x ^ y
    var i1 = b | (0xFFFF ^ (i0 | a))
    i0 = spreadBits(i0)
    i1 = spreadBits(i1)
    return (i1 << 1) | i0
}

/// Spreads the low 16 bits of `v` over the even bit positions.
@inlinable
func spreadBits(_ v: UInt32) -> UInt32 {
    var v = v & 0xFFFF
    v = (v | (v << 8)) & 0x00FF_00FF
    v = (v | (v << 4)) & 0x0F0F_0F0F
    v = (v | (v << 2)) & 0x3333_3333
    v = (v | (v << 1)) & 0x5555_5555
    return v
}

/// Sort keys for `count` boxes given flat `[minX, minY, maxX, maxY]`: the Hilbert index of each
/// box centre (on a 65536 x 65536 grid over `extent`) in the high 32 bits and the item index in
/// the low 32 bits, so every key is distinct and equal centres keep input order.
func hilbertKeys(_ boxes: UnsafeBufferPointer<Double>, count: Int, extent: BoundingBox) -> [UInt64] {
    let width = extent.maxX - extent.minX
    let height = extent.maxY - extent.minY
    let scaleX = 65535 / (width > 0 ? width : 1)
    let scaleY = 65535 / (height > 0 ? height : 1)
    let minX = extent.minX, minY = extent.minY
    // Zero capacity would hand the closure the shared empty-array storage, whose count the
    // initializer then writes: a race between threads building empty trees.
    guard count > 0 else { return [] }
    return [UInt64](unsafeUninitializedCapacity: count) { keys, initialized in
        for i in 0..<count {
            let cx = (boxes[4 * i] + boxes[4 * i + 2]) * 0.5
            let cy = (boxes[4 * i + 1] + boxes[4 * i + 3]) * 0.5
            let hx = UInt32(min(65535, max(0, scaleX * (cx - minX))))
            let hy = UInt32(min(65535, max(0, scaleY * (cy - minY))))
            keys[i] = UInt64(hilbertIndex(hx, hy)) << 32 | UInt64(i)
        }
        initialized = count
    }
}

/// Sorts keys by their high 32 bits (the Hilbert index) with a least-significant-digit radix
/// sort: three counting passes of 11, 11 and 10 bits over a scratch copy. Stable, so keys with
/// equal Hilbert index keep input order (duplicates cost nothing extra); O(n) whatever the data.
///
/// This replaces flatbush's quicksort that stops at node granularity: on 1M boxes the radix
/// passes take a fraction of the quicksort's time and order items inside each node as well.
func radixSortByHighWord(_ keys: inout [UInt64]) {
    let n = keys.count
    guard n > 1 else { return }
    var scratch = [UInt64](repeating: 0, count: n)
    let shifts: [UInt64] = [32, 43, 54]
    let widths: [UInt64] = [11, 11, 10]
    var counts = [Int](repeating: 0, count: 3 * 2048)
    keys.withUnsafeBufferPointer { k in
        counts.withUnsafeMutableBufferPointer { c in
            for i in 0..<n {
                let v = k[i]
                c[Int((v >> 32) & 0x7FF)] += 1
                c[2048 + Int((v >> 43) & 0x7FF)] += 1
                c[4096 + Int((v >> 54) & 0x3FF)] += 1
            }
        }
    }
    for pass in 0..<3 {
        let base = pass * 2048
        let shift = shifts[pass], mask = (UInt64(1) << widths[pass]) - 1
        // A digit shared by every key changes nothing: skip the pass.
        if counts[base + Int((keys[0] >> shift) & mask)] == n { continue }
        var offset = 0
        for d in 0..<2048 {
            let c = counts[base + d]
            counts[base + d] = offset
            offset += c
        }
        keys.withUnsafeBufferPointer { src in
            scratch.withUnsafeMutableBufferPointer { dst in
                counts.withUnsafeMutableBufferPointer { c in
                    for i in 0..<n {
                        let v = src[i]
                        let d = base + Int((v >> shift) & mask)
                        dst[c[d]] = v
                        c[d] += 1
                    }
                }
            }
        }
        swap(&keys, &scratch)
    }
}
