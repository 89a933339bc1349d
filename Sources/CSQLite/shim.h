#ifndef GEOTWIN_CSQLITE_SHIM_H
#define GEOTWIN_CSQLITE_SHIM_H
#include <sqlite3.h>
#endif
