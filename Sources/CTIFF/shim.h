#ifndef GEOTWIN_CTIFF_SHIM_H
#define GEOTWIN_CTIFF_SHIM_H
#include <tiffio.h>
#endif
