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

/// Allocates the file's blocks for the `length` bytes from `offset` in one call (Linux
/// `fallocate`): with `keep_size` 0 the file's size grows to cover them (the new bytes read as
/// zeros); with 1 (`FALLOC_FL_KEEP_SIZE`) its size stays, the blocks waiting beyond its end for
/// the writes that will reach them. Returns 0, or -1 with `errno` set (`EOPNOTSUPP` where the
/// file system cannot, `ENOSYS` elsewhere). Unlike `posix_fallocate`, never falls back to
/// writing zeros.
static inline int gt_preallocate(int fd, int64_t offset, int64_t length, int keep_size) {
#if defined(__linux__) && defined(SYS_fallocate)
    return (int)syscall(SYS_fallocate, fd, keep_size ? 1 : 0, (off_t)offset, (off_t)length);
#else
    (void)fd;
    (void)offset;
    (void)length;
    (void)keep_size;
    errno = ENOSYS;
    return -1;
#endif
}

/// Where the calling thread's malloc heap would start if it is one of glibc's thread heaps,
/// which are mappings of at most 64 MiB (glibc's `HEAP_MAX_SIZE` on 64-bit systems) on a 64 MiB
/// boundary: the boundary below a fresh allocation, whose address is set in `*inside`. 0 on
/// other systems and allocators. Nothing is checked: see `gt_thread_heap_length`.
static inline uintptr_t gt_thread_heap_guess(uintptr_t *inside) {
#if defined(__linux__) && defined(__GLIBC__) && UINTPTR_MAX > 0xffffffffu
    // Larger than glibc's per-thread cache and fast bins hold, so that it comes from the
    // calling thread's own heap rather than a chunk another thread's heap lent to that cache.
    void *probe = malloc(2048);
    if (probe == NULL) return 0;
    *inside = (uintptr_t)probe;
    free(probe);
    return *inside & ~(((uintptr_t)64 << 20) - 1);
#else
    (void)inside;
    return 0;
#endif
}

/// Whether `start` (from `gt_thread_heap_guess`, with its `inside`) is a glibc thread heap: the
/// private anonymous read-write mapping holding `inside` starts there, and with the part of its
/// reservation not yet in use after it (`---p`) spans at most 64 MiB; checked against
/// `/proc/self/maps`. Sets `*length` to that span and returns 1; returns 0 for anything else
/// (the main heap, which `brk` grows, another allocator or system).
static inline int gt_thread_heap_length(uintptr_t start, uintptr_t inside, size_t *length) {
#if defined(__linux__) && defined(__GLIBC__) && UINTPTR_MAX > 0xffffffffu
    const uintptr_t heap_max = (uintptr_t)64 << 20;
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
            if (from == end && to <= start + heap_max && strcmp(perms, "---p") == 0 && anonymous) end = to;
            break;
        }
        if (inside < from || inside >= to) continue;
        if (from != start || to - from > heap_max || strcmp(perms, "rw-p") != 0 || !anonymous) break;
        found = 1;
        end = to;
    }
    fclose(maps);
    if (!found) return 0;
    *length = end - start;
    return 1;
#else
    (void)start;
    (void)inside;
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
