// File-system calls that Swift's Glibc module does not export; inlined into the caller.
#ifndef GT_FILESYSTEM_H
#define GT_FILESYSTEM_H

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#if defined(__linux__)
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

#endif
