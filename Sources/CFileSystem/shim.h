// File-system and memory calls that Swift's Glibc module does not export; inlined into the caller.
#ifndef GT_FILESYSTEM_H
#define GT_FILESYSTEM_H

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#include <sys/syscall.h>
#endif

/// Swaps the directory entries `from` and `to` in one step (Linux `renameat2` with
/// `RENAME_EXCHANGE`, 3.15 and later; both must exist). Returns 0, or -1 with `errno` set
/// (`ENOSYS` where the call does not exist, `EINVAL` where the file system cannot swap).
static inline int gt_rename_exchange(const char *from, const char *to) {
#if defined(__linux__) && defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, 2 /* RENAME_EXCHANGE */);
#else
    (void)from;
    (void)to;
    errno = ENOSYS;
    return -1;
#endif
}

/// The malloc heap the calling thread allocates from, when it is one of glibc's thread heaps:
/// a private anonymous read-write mapping starting at a 64 MiB boundary (glibc's
/// `HEAP_MAX_SIZE` on 64-bit systems), with the part of its reservation not yet in use after it
/// (`---p`), together at most 64 MiB; checked against `/proc/self/maps`. Sets `*start` and
/// `*length` and returns 1; returns 0 for anything else (the main heap, which `brk` grows,
/// another allocator or system).
static inline int gt_thread_heap(uintptr_t *start, size_t *length) {
#if defined(__linux__) && defined(__GLIBC__) && UINTPTR_MAX > 0xffffffffu
    const uintptr_t heap_max = (uintptr_t)64 << 20;
    // Larger than glibc's per-thread cache and fast bins hold, so that it comes from the
    // calling thread's own heap rather than a chunk another thread's heap lent to that cache.
    void *probe = malloc(2048);
    if (probe == NULL) return 0;
    uintptr_t inside = (uintptr_t)probe;
    uintptr_t heap = inside & ~(heap_max - 1);
    free(probe);
    FILE *maps = fopen("/proc/self/maps", "re");
    if (maps == NULL) return 0;
    char line[512];
    uintptr_t end = 0;
    int found = 0;
    while (fgets(line, sizeof line, maps) != NULL) {
        unsigned long from = 0, to = 0, inode = 0;
        char perms[5] = {0};
        int path = 0;
        if (sscanf(line, "%lx-%lx %4s %*s %*s %lu %n", &from, &to, perms, &inode, &path) < 4) continue;
        int anonymous = inode == 0 && (path == 0 || line[path] == '\n' || line[path] == '\0');
        if (found) {
            // The reservation's unused rest, if it follows.
            if (from == end && to <= heap + heap_max && strcmp(perms, "---p") == 0 && anonymous) end = to;
            break;
        }
        if (inside < from || inside >= to) continue;
        if (from != heap || to - from > heap_max || strcmp(perms, "rw-p") != 0 || !anonymous) break;
        found = 1;
        end = to;
    }
    fclose(maps);
    if (!found) return 0;
    *start = heap;
    *length = end - heap;
    return 1;
#else
    (void)start;
    (void)length;
    return 0;
#endif
}

/// Asks the kernel to back `length` bytes at `start` with transparent huge pages where it can
/// (`MADV_HUGEPAGE`). Returns 0, or -1 with `errno` set.
static inline int gt_advise_huge_pages(uintptr_t start, size_t length) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    return madvise((void *)start, length, MADV_HUGEPAGE);
#else
    (void)start;
    (void)length;
    errno = ENOSYS;
    return -1;
#endif
}

#endif
