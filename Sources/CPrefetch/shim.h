// Software prefetch, which Swift has no intrinsic for; inlined into the caller.
#ifndef GT_PREFETCH_H
#define GT_PREFETCH_H

/// Hints that the cache line holding `p` will be read soon (no fault if `p` is invalid).
static inline __attribute__((always_inline)) void gt_prefetch(const void *p) {
    __builtin_prefetch(p, 0, 3);
}

/// Hints that the cache line holding `p` will be read soon, asking for it in the outer caches
/// only (x86: `prefetcht2`), which leaves more of the first-level cache's miss slots free when
/// many lines are asked for at once.
static inline __attribute__((always_inline)) void gt_prefetch_outer(const void *p) {
    __builtin_prefetch(p, 0, 1);
}

#endif
