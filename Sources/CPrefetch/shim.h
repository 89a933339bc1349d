// Software prefetch, which Swift has no intrinsic for; inlined into the caller.
#ifndef GT_PREFETCH_H
#define GT_PREFETCH_H

/// Hints that the cache line holding `p` will be read soon (no fault if `p` is invalid).
static inline __attribute__((always_inline)) void gt_prefetch(const void *p) {
    __builtin_prefetch(p, 0, 3);
}

#endif
