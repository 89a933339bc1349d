#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CFileSystem

/// Transparent huge pages for the malloc heaps of the threads that read and write whole layers.
///
/// Streaming a national layer from one file to another allocates and frees tens of megabytes
/// of small objects (features, rings, encoded rows) on two threads. With 4 KiB pages every new
/// page of those heaps costs a page fault, and every page is freed again when the process ends;
/// backed by 2 MiB pages both are a few hundred times rarer. glibc offers this only as a
/// setting read at start-up (`GLIBC_TUNABLES=glibc.malloc.hugetlb=1`); this asks the kernel for
/// it (`madvise(MADV_HUGEPAGE)`) on the heap of the calling thread, once per heap.
///
/// It is a choice for the whole process, off by default: a program turns it on with
/// ``isEnabled`` (the `geotwin` tool does). It applies on Linux with glibc to glibc's thread
/// heaps (each a mapping of at most 64 MiB on a 64 MiB boundary, checked in `/proc/self/maps`
/// before anything is advised) and does nothing elsewhere, or where the kernel's transparent
/// huge pages are off (`/sys/kernel/mm/transparent_hugepage/enabled` set to `never`).
public enum HugePageHeaps {
    /// Whether ``adviseCallingThread()`` advises anything.
    nonisolated(unsafe) public static var isEnabled = false

    /// The heaps advised so far (their start addresses), under ``lock``.
    nonisolated(unsafe) private static var advised: Set<UInt> = []
    nonisolated(unsafe) private static let lock: UnsafeMutablePointer<pthread_mutex_t> = {
        let m = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(m, nil)
        return m
    }()

    /// Advises huge pages for the heap the calling thread allocates from, when enabled and not
    /// done before for that heap (known from its address before `/proc/self/maps` is read).
    /// Returns whether this call advised it.
    @discardableResult
    public static func adviseCallingThread() -> Bool {
        guard isEnabled else { return false }
        var inside: UInt = 0
        let start = gt_thread_heap_guess(&inside)
        guard start != 0 else { return false }
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        guard !advised.contains(start) else { return false }
        var length = 0
        guard gt_thread_heap_length(start, inside, &length) != 0, gt_advise_huge_pages(start, length) == 0 else { return false }
        advised.insert(start)
        return true
    }

    /// The glibc thread heap the calling thread allocates from (start and length of its
    /// reservation), or nil (see ``HugePageHeaps``).
    static func callingThreadHeap() -> (start: UInt, length: Int)? {
        var inside: UInt = 0
        let start = gt_thread_heap_guess(&inside)
        var length = 0
        guard start != 0, gt_thread_heap_length(start, inside, &length) != 0 else { return nil }
        return (start, length)
    }
}
