// libtiff, loaded on first use: the functions GeoTwin calls, forwarded.
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <tiffio.h>
#include "loader.h"
#include "geotwin_library_loader.h"

#define TIFF_FUNCTIONS(F, V) \
    F(TIFF *, TIFFOpenExt, (const char *name, const char *mode, TIFFOpenOptions *options), (name, mode, options)) \
    F(TIFF *, TIFFClientOpenExt, (const char *name, const char *mode, thandle_t handle, TIFFReadWriteProc read, TIFFReadWriteProc write, TIFFSeekProc seek, TIFFCloseProc close, TIFFSizeProc size, TIFFMapFileProc map, TIFFUnmapFileProc unmap, TIFFOpenOptions *options), (name, mode, handle, read, write, seek, close, size, map, unmap, options)) \
    V(void, TIFFClose, (TIFF *tif), (tif)) \
    F(TIFFOpenOptions *, TIFFOpenOptionsAlloc, (void), ()) \
    V(void, TIFFOpenOptionsFree, (TIFFOpenOptions *options), (options)) \
    V(void, TIFFOpenOptionsSetErrorHandlerExtR, (TIFFOpenOptions *options, TIFFErrorHandlerExtR handler, void *data), (options, handler, data)) \
    V(void, TIFFOpenOptionsSetWarningHandlerExtR, (TIFFOpenOptions *options, TIFFErrorHandlerExtR handler, void *data), (options, handler, data)) \
    F(TIFFExtendProc, TIFFSetTagExtender, (TIFFExtendProc extender), (extender)) \
    F(int, TIFFMergeFieldInfo, (TIFF *tif, const TIFFFieldInfo info[], uint32_t n), (tif, info, n)) \
    F(int, TIFFVGetField, (TIFF *tif, uint32_t tag, va_list ap), (tif, tag, ap)) \
    F(int, TIFFVSetField, (TIFF *tif, uint32_t tag, va_list ap), (tif, tag, ap)) \
    F(int, TIFFIsTiled, (TIFF *tif), (tif)) \
    F(int, TIFFIsByteSwapped, (TIFF *tif), (tif)) \
    F(uint32_t, TIFFComputeTile, (TIFF *tif, uint32_t x, uint32_t y, uint32_t z, uint16_t s), (tif, x, y, z, s)) \
    F(uint64_t, TIFFGetStrileOffset, (TIFF *tif, uint32_t strile), (tif, strile)) \
    F(uint64_t, TIFFGetStrileByteCount, (TIFF *tif, uint32_t strile), (tif, strile)) \
    F(tmsize_t, TIFFReadEncodedStrip, (TIFF *tif, uint32_t strip, void *buf, tmsize_t size), (tif, strip, buf, size)) \
    F(tmsize_t, TIFFReadEncodedTile, (TIFF *tif, uint32_t tile, void *buf, tmsize_t size), (tif, tile, buf, size)) \
    F(tmsize_t, TIFFWriteEncodedStrip, (TIFF *tif, uint32_t strip, void *data, tmsize_t cc), (tif, strip, data, cc)) \
    F(tmsize_t, TIFFWriteEncodedTile, (TIFF *tif, uint32_t tile, void *data, tmsize_t cc), (tif, tile, data, cc)) \
    F(int, TIFFWriteDirectory, (TIFF *tif), (tif))

#if defined(__APPLE__)
#define GT_FILES "libtiff.6.dylib", "libtiff.dylib", "/opt/homebrew/lib/libtiff.dylib", "/usr/local/lib/libtiff.dylib"
#else
#define GT_FILES "libtiff.so.6", "libtiff.so"
#endif

GT_LIBRARY(TIFF_FUNCTIONS, "libtiff", geotwin_load_libtiff, GT_FILES)
