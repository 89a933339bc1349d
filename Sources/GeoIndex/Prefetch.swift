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

/// Prefetches every cache line of the `bytes` bytes at `p` into the outer caches
/// (`prefetcht2`): for many lines asked for at once.
@inline(__always)
func prefetchLinesOuter(_ p: UnsafeRawPointer, bytes: Int) {
    var a = Int(bitPattern: p) & ~63
    let end = Int(bitPattern: p) + bytes
    while a < end {
        gt_prefetch_outer(UnsafeRawPointer(bitPattern: a))
        a += 64
    }
}
