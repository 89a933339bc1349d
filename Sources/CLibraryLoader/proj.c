// PROJ (libproj), loaded on first use: the functions GeoTwin calls, forwarded.
#define PROJ_DLL
#define GEOD_DLL
#include <proj.h>
#include <geodesic.h>
#include <stddef.h>
#include "loader.h"
#include "geotwin_library_loader.h"

#define PROJ_FUNCTIONS(F, V) \
    F(PJ_CONTEXT *, proj_context_create, (void), ()) \
    F(PJ_CONTEXT *, proj_context_destroy, (PJ_CONTEXT *ctx), (ctx)) \
    F(int, proj_context_errno, (PJ_CONTEXT *ctx), (ctx)) \
    F(const char *, proj_context_errno_string, (PJ_CONTEXT *ctx, int err), (ctx, err)) \
    F(int, proj_context_set_enable_network, (PJ_CONTEXT *ctx, int enabled), (ctx, enabled)) \
    F(PJ_LOG_LEVEL, proj_log_level, (PJ_CONTEXT *ctx, PJ_LOG_LEVEL level), (ctx, level)) \
    F(PJ_INFO, proj_info, (void), ()) \
    F(PJ_COORD, proj_coord, (double x, double y, double z, double t), (x, y, z, t)) \
    F(PJ *, proj_create, (PJ_CONTEXT *ctx, const char *definition), (ctx, definition)) \
    F(PJ *, proj_create_crs_to_crs, (PJ_CONTEXT *ctx, const char *source, const char *target, PJ_AREA *area), (ctx, source, target, area)) \
    F(PJ *, proj_create_crs_to_crs_from_pj, (PJ_CONTEXT *ctx, const PJ *source, const PJ *target, PJ_AREA *area, const char *const *options), (ctx, source, target, area, options)) \
    F(PJ *, proj_crs_get_geodetic_crs, (PJ_CONTEXT *ctx, const PJ *crs), (ctx, crs)) \
    F(PJ *, proj_destroy, (PJ *p), (p)) \
    F(int, proj_errno_reset, (const PJ *p), (p)) \
    F(int, proj_ellipsoid_get_parameters, (PJ_CONTEXT *ctx, const PJ *ellipsoid, double *a, double *b, int *computed, double *invf), (ctx, ellipsoid, a, b, computed, invf)) \
    F(int, proj_get_area_of_use, (PJ_CONTEXT *ctx, const PJ *obj, double *w, double *s, double *e, double *n, const char **name), (ctx, obj, w, s, e, n, name)) \
    F(PJ *, proj_get_ellipsoid, (PJ_CONTEXT *ctx, const PJ *obj), (ctx, obj)) \
    F(const char *, proj_get_id_auth_name, (const PJ *obj, int index), (obj, index)) \
    F(const char *, proj_get_id_code, (const PJ *obj, int index), (obj, index)) \
    F(const char *, proj_get_name, (const PJ *obj), (obj)) \
    F(PJ *, proj_get_source_crs, (PJ_CONTEXT *ctx, const PJ *obj), (ctx, obj)) \
    F(PJ_TYPE, proj_get_type, (const PJ *obj), (obj)) \
    F(PJ_OBJ_LIST *, proj_identify, (PJ_CONTEXT *ctx, const PJ *obj, const char *auth, const char *const *options, int **confidence), (ctx, obj, auth, options, confidence)) \
    V(void, proj_int_list_destroy, (int *list), (list)) \
    F(int, proj_is_crs, (const PJ *obj), (obj)) \
    F(int, proj_is_equivalent_to_with_ctx, (PJ_CONTEXT *ctx, const PJ *obj, const PJ *other, PJ_COMPARISON_CRITERION criterion), (ctx, obj, other, criterion)) \
    V(void, proj_list_destroy, (PJ_OBJ_LIST *list), (list)) \
    F(PJ *, proj_list_get, (PJ_CONTEXT *ctx, const PJ_OBJ_LIST *list, int index), (ctx, list, index)) \
    F(int, proj_list_get_count, (const PJ_OBJ_LIST *list), (list)) \
    F(PJ *, proj_normalize_for_visualization, (PJ_CONTEXT *ctx, const PJ *obj), (ctx, obj)) \
    F(const char *, proj_as_proj_string, (PJ_CONTEXT *ctx, const PJ *obj, PJ_PROJ_STRING_TYPE type, const char *const *options), (ctx, obj, type, options)) \
    F(const char *, proj_as_wkt, (PJ_CONTEXT *ctx, const PJ *obj, PJ_WKT_TYPE type, const char *const *options), (ctx, obj, type, options)) \
    F(PJ_COORD, proj_trans, (PJ *p, PJ_DIRECTION direction, PJ_COORD coord), (p, direction, coord)) \
    F(int, proj_trans_bounds, (PJ_CONTEXT *ctx, PJ *p, PJ_DIRECTION direction, double xmin, double ymin, double xmax, double ymax, double *oxmin, double *oymin, double *oxmax, double *oymax, int densify), (ctx, p, direction, xmin, ymin, xmax, ymax, oxmin, oymin, oxmax, oymax, densify)) \
    F(size_t, proj_trans_generic, (PJ *p, PJ_DIRECTION direction, double *x, size_t sx, size_t nx, double *y, size_t sy, size_t ny, double *z, size_t sz, size_t nz, double *t, size_t st, size_t nt), (p, direction, x, sx, nx, y, sy, ny, z, sz, nz, t, st, nt)) \
    V(void, geod_init, (struct geod_geodesic *g, double a, double f), (g, a, f)) \
    V(void, geod_inverse, (const struct geod_geodesic *g, double lat1, double lon1, double lat2, double lon2, double *s12, double *azi1, double *azi2), (g, lat1, lon1, lat2, lon2, s12, azi1, azi2)) \
    V(void, geod_polygonarea, (const struct geod_geodesic *g, double lats[], double lons[], int n, double *area, double *perimeter), (g, lats, lons, n, area, perimeter))

#if defined(__APPLE__)
#define GT_FILES "libproj.25.dylib", "libproj.dylib", "/opt/homebrew/lib/libproj.dylib", "/usr/local/lib/libproj.dylib"
#else
#define GT_FILES "libproj.so.25", "libproj.so"
#endif

GT_LIBRARY(PROJ_FUNCTIONS, "PROJ", geotwin_load_proj, GT_FILES)
