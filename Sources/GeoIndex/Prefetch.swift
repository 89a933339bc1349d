internal import CPrefetch

/// Prefetches every cache line of the `bytes` bytes at `p`.
@inline(__always)
func prefetchLines(_ p: UnsafeRawPointer, bytes: Int) {
    var a = Int(bitPattern: p) & ~63
    let end = Int(bitPattern: p) + bytes
    while a < end {
        gt_prefetch(UnsafeRawPointer(bitPattern: a))
        a += 64
    }
}
