#ifndef GEOTWIN_CSQLITE_SHIM_H
#define GEOTWIN_CSQLITE_SHIM_H
#include <sqlite3.h>

/// Turns off SQLite's memory statistics (`SQLITE_CONFIG_MEMSTATUS`), which take a global mutex
/// on every allocation and free. Only possible before SQLite initializes (the first connection
/// opened in the process): later it changes nothing and returns `SQLITE_MISUSE`.
static inline int gt_sqlite_memstatus_off(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
#endif
