#ifndef GEOTWIN_BENCH_CGEOS_SHIM_H
#define GEOTWIN_BENCH_CGEOS_SHIM_H
// The GEOS C API, for benchmarking GeoTwin against GEOS in the same process.
#include <geos_c.h>
#endif
