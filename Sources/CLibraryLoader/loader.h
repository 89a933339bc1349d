#ifndef GEOTWIN_LOADER_INTERNAL_H
#define GEOTWIN_LOADER_INTERNAL_H

#include <pthread.h>

// The forwarding definitions are hidden: they satisfy GeoTwin's own references without being
// exported, so a loaded library's calls to its own functions never come back through them.
#define GT_HIDDEN __attribute__((visibility("hidden")))

/// One library loaded on demand: the file names to try, in order, and the symbols to resolve.
struct gt_library {
    const char *title;
    const char *const *files;
    const char *const *names;
    void **slots;
    int count;
    pthread_mutex_t lock;
    int state; // 0 not tried, 1 ready, -1 failed (read with acquire, written under lock)
    char message[512];
};

/// Loads `library` once; 1 when every symbol was resolved.
GT_HIDDEN int gt_library_load(struct gt_library *library, const char **message);

/// The address of symbol `index` of `library`, loading it first; aborts with the library's
/// message when it cannot be loaded.
GT_HIDDEN void *gt_library_symbol(struct gt_library *library, int index);

#endif
