#ifndef GEOTWIN_CTIFF_SHIM_H
#define GEOTWIN_CTIFF_SHIM_H
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <tiffio.h>

/* Typed wrappers over libtiff's variadic TIFFGetField/TIFFSetField (not callable from Swift),
   GeoTIFF tag registration, and an open call that captures the first error message. */

static const TIFFFieldInfo geotwin_geotiff_fields[] = {
    {33550, -1, -1, TIFF_DOUBLE, FIELD_CUSTOM, 1, 1, (char *)"ModelPixelScaleTag"},
    {33922, -1, -1, TIFF_DOUBLE, FIELD_CUSTOM, 1, 1, (char *)"ModelTiepointTag"},
    {34264, -1, -1, TIFF_DOUBLE, FIELD_CUSTOM, 1, 1, (char *)"ModelTransformationTag"},
    {34735, -1, -1, TIFF_SHORT, FIELD_CUSTOM, 1, 1, (char *)"GeoKeyDirectoryTag"},
    {34736, -1, -1, TIFF_DOUBLE, FIELD_CUSTOM, 1, 1, (char *)"GeoDoubleParamsTag"},
    {34737, -1, -1, TIFF_ASCII, FIELD_CUSTOM, 1, 0, (char *)"GeoASCIIParamsTag"},
    {42113, -1, -1, TIFF_ASCII, FIELD_CUSTOM, 1, 0, (char *)"GDAL_NODATA"},
};

static TIFFExtendProc geotwin_parent_extender = NULL;

static void geotwin_tag_extender(TIFF *tif) {
    TIFFMergeFieldInfo(tif, geotwin_geotiff_fields,
                       sizeof(geotwin_geotiff_fields) / sizeof(geotwin_geotiff_fields[0]));
    if (geotwin_parent_extender) geotwin_parent_extender(tif);
}

static inline void geotwin_tiff_register_geotiff_tags(void) {
    geotwin_parent_extender = TIFFSetTagExtender(geotwin_tag_extender);
}

typedef struct { char message[512]; } geotwin_tiff_errors;

static int geotwin_tiff_error_handler(TIFF *tif, void *user, const char *module, const char *fmt, va_list ap) {
    (void)tif; (void)module;
    geotwin_tiff_errors *e = (geotwin_tiff_errors *)user;
    if (e && e->message[0] == 0) vsnprintf(e->message, sizeof e->message, fmt, ap);
    return 1;
}

static int geotwin_tiff_warning_handler(TIFF *tif, void *user, const char *module, const char *fmt, va_list ap) {
    (void)tif; (void)user; (void)module; (void)fmt; (void)ap;
    return 1;
}

static inline TIFF *geotwin_tiff_open(const char *path, const char *mode, geotwin_tiff_errors *errors) {
    TIFFOpenOptions *o = TIFFOpenOptionsAlloc();
    if (!o) return NULL;
    TIFFOpenOptionsSetErrorHandlerExtR(o, geotwin_tiff_error_handler, errors);
    TIFFOpenOptionsSetWarningHandlerExtR(o, geotwin_tiff_warning_handler, errors);
    TIFF *t = TIFFOpenExt(path, mode, o);
    TIFFOpenOptionsFree(o);
    return t;
}

static inline int geotwin_tiff_get_u16(TIFF *t, uint32_t tag, uint16_t *v) { return TIFFGetField(t, tag, v); }
static inline int geotwin_tiff_get_u32(TIFF *t, uint32_t tag, uint32_t *v) { return TIFFGetField(t, tag, v); }
static inline int geotwin_tiff_get_doubles(TIFF *t, uint32_t tag, uint16_t *n, double **p) { return TIFFGetField(t, tag, n, p); }
static inline int geotwin_tiff_get_shorts(TIFF *t, uint32_t tag, uint16_t *n, uint16_t **p) { return TIFFGetField(t, tag, n, p); }
static inline int geotwin_tiff_get_ascii(TIFF *t, uint32_t tag, char **p) { return TIFFGetField(t, tag, p); }
static inline int geotwin_tiff_set_u16(TIFF *t, uint32_t tag, uint16_t v) { return TIFFSetField(t, tag, (int)v); }
static inline int geotwin_tiff_set_u32(TIFF *t, uint32_t tag, uint32_t v) { return TIFFSetField(t, tag, v); }
static inline int geotwin_tiff_set_doubles(TIFF *t, uint32_t tag, uint16_t n, const double *p) { return TIFFSetField(t, tag, (int)n, p); }
static inline int geotwin_tiff_set_shorts(TIFF *t, uint32_t tag, uint16_t n, const uint16_t *p) { return TIFFSetField(t, tag, (int)n, p); }
static inline int geotwin_tiff_set_ascii(TIFF *t, uint32_t tag, const char *s) { return TIFFSetField(t, tag, s); }

#endif
