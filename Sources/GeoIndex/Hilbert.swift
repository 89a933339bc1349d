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

/// Sorts `keys[left...right]` only as far as groups of `groupSize` need: afterwards every key in
/// group `g` (positions `g * groupSize ..< (g + 1) * groupSize`) is smaller than every key of a
/// later group, but keys inside a group stay in any order. Quicksort with a median-of-three
/// pivot and Hoare partition; recursion on the smaller side keeps the stack at O(log n).
func partialSort(_ keys: UnsafeMutableBufferPointer<UInt64>, _ left: Int, _ right: Int, groupSize: Int) {
    var left = left, right = right
    while left < right && left / groupSize < right / groupSize {
        let a = keys[left], b = keys[(left + right) >> 1], c = keys[right]
        let pivot = max(min(a, b), min(max(a, b), c))
        var i = left - 1, j = right + 1
        while true {
            repeat { i += 1 } while keys[i] < pivot
            repeat { j -= 1 } while keys[j] > pivot
            if i >= j { break }
            keys.swapAt(i, j)
        }
        if j - left < right - j - 1 {
            partialSort(keys, left, j, groupSize: groupSize)
            left = j + 1
        } else {
            partialSort(keys, j + 1, right, groupSize: groupSize)
            right = j
        }
    }
}
