internal import CPrefetch

/// Prefetches every cache line of the `bytes` bytes at `p`; with `outer`, into the outer caches
/// only (`prefetcht2`), for many lines asked for at once.
@inline(__always)
func prefetchLines(_ p: UnsafeRawPointer, bytes: Int, outer: Bool = false) {
    var a = Int(bitPattern: p) & ~63
    let end = Int(bitPattern: p) + bytes
    while a < end {
        if outer {
            gt_prefetch_outer(UnsafeRawPointer(bitPattern: a))
        } else {
            gt_prefetch(UnsafeRawPointer(bitPattern: a))
        }
        a += 64
    }
}
