#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "loader.h"

static int load_locked(struct gt_library *library) {
    void *handle = NULL;
    const char *first = library->files[0], *loaded = first;
    char reason[256] = "";
    for (const char *const *file = library->files; *file != NULL; file++) {
        handle = dlopen(*file, RTLD_NOW | RTLD_LOCAL);
        if (handle != NULL) {
            loaded = *file;
            break;
        }
        if (reason[0] == '\0') {
            const char *error = dlerror();
            snprintf(reason, sizeof reason, "%s", error != NULL ? error : "not found");
        }
    }
    if (handle == NULL) {
        snprintf(library->message, sizeof library->message,
                 "%s cannot be loaded: %s (is its library, %s, installed?)", library->title, reason, first);
        return 0;
    }
    for (int i = 0; i < library->count; i++) {
        void *address = dlsym(handle, library->names[i]);
        if (address == NULL) {
            snprintf(library->message, sizeof library->message,
                     "%s (%s) has no function %s: the installed version is older than GeoTwin needs",
                     library->title, loaded, library->names[i]);
            dlclose(handle);
            return 0;
        }
        library->slots[i] = address;
    }
    return 1;
}

int gt_library_load(struct gt_library *library, const char **message) {
    int state = __atomic_load_n(&library->state, __ATOMIC_ACQUIRE);
    if (state == 0) {
        pthread_mutex_lock(&library->lock);
        state = library->state;
        if (state == 0) {
            state = load_locked(library) ? 1 : -1;
            __atomic_store_n(&library->state, state, __ATOMIC_RELEASE);
        }
        pthread_mutex_unlock(&library->lock);
    }
    if (state != 1 && message != NULL) *message = library->message;
    return state == 1;
}

void *gt_library_symbol(struct gt_library *library, int index) {
    if (__atomic_load_n(&library->state, __ATOMIC_ACQUIRE) != 1) {
        const char *message = NULL;
        if (!gt_library_load(library, &message)) {
            fprintf(stderr, "geotwin: %s\n", message);
            abort();
        }
    }
    return library->slots[index];
}
