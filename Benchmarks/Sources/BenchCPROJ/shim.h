#ifndef GEOTWIN_BENCH_CPROJ_SHIM_H
#define GEOTWIN_BENCH_CPROJ_SHIM_H
#include <proj.h>
#endif
