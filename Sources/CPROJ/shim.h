#ifndef GEOTWIN_CPROJ_SHIM_H
#define GEOTWIN_CPROJ_SHIM_H
#include <proj.h>
#include <geodesic.h>
#endif
