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

// A library's functions are listed as LIST(F, V): F(result, name, parameters, arguments) for
// each function with a result, V(...) alike for each without.
#define GT_INDEX(result, name, parameters, arguments) GT_##name,
#define GT_NAME(result, name, parameters, arguments) #name,
#define GT_FORWARD(result, name, parameters, arguments) \
    GT_HIDDEN result name parameters { return ((__typeof__(&name))gt_library_symbol(&library, GT_##name)) arguments; }
#define GT_FORWARD_VOID(result, name, parameters, arguments) \
    GT_HIDDEN void name parameters { ((__typeof__(&name))gt_library_symbol(&library, GT_##name)) arguments; }

/// Defines, in one C file, the library `title` with the functions of LIST, loaded from the
/// first of the file names that follow; `load` (its public load function); and the forwarding
/// definition of every function.
#define GT_LIBRARY(LIST, title, load, ...) \
    enum { LIST(GT_INDEX, GT_INDEX) GT_COUNT }; \
    static const char *const names[] = { LIST(GT_NAME, GT_NAME) }; \
    static const char *const files[] = { __VA_ARGS__, NULL }; \
    static void *slots[GT_COUNT]; \
    static struct gt_library library = {title, files, names, slots, GT_COUNT, PTHREAD_MUTEX_INITIALIZER, 0, ""}; \
    int load(const char **message) { return gt_library_load(&library, message); } \
    LIST(GT_FORWARD, GT_FORWARD_VOID)

#endif
