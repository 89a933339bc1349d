// The GEOS C API, for benchmarking GeoTwin against GEOS in the same process.
#include <geos_c.h>
