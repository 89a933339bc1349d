// GEOS (libgeos_c), loaded on first use: the functions GeoTwin calls, forwarded. Loading the
// GEOS C API with the C++ library under it costs a process about 1.2 ms at start (their
// relocations and symbol bindings), which every command paid, most of them never calling GEOS.
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
#include <stddef.h>
#include "loader.h"
#include "geotwin_library_loader.h"

#define GEOS_FUNCTIONS(F, V) \
    F(int, GEOSArea_r, (GEOSContextHandle_t handle, const GEOSGeometry* g, double *area), (handle, g, area)) \
    F(GEOSBufferParams *, GEOSBufferParams_create_r, (GEOSContextHandle_t handle), (handle)) \
    V(void, GEOSBufferParams_destroy_r, (GEOSContextHandle_t handle, GEOSBufferParams* parms), (handle, parms)) \
    F(int, GEOSBufferParams_setEndCapStyle_r, (GEOSContextHandle_t handle, GEOSBufferParams* p, int style), (handle, p, style)) \
    F(int, GEOSBufferParams_setJoinStyle_r, (GEOSContextHandle_t handle, GEOSBufferParams* p, int joinStyle), (handle, p, joinStyle)) \
    F(int, GEOSBufferParams_setMitreLimit_r, (GEOSContextHandle_t handle, GEOSBufferParams* p, double mitreLimit), (handle, p, mitreLimit)) \
    F(int, GEOSBufferParams_setQuadrantSegments_r, (GEOSContextHandle_t handle, GEOSBufferParams* p, int quadSegs), (handle, p, quadSegs)) \
    F(int, GEOSBufferParams_setSingleSided_r, (GEOSContextHandle_t handle, GEOSBufferParams* p, int singleSided), (handle, p, singleSided)) \
    F(GEOSGeometry *, GEOSBufferWithParams_r, (GEOSContextHandle_t handle, const GEOSGeometry* g, const GEOSBufferParams* p, double width), (handle, g, p, width)) \
    F(char, GEOSContains_r, (GEOSContextHandle_t handle, const GEOSGeometry* g1, const GEOSGeometry* g2), (handle, g1, g2)) \
    F(GEOSMessageHandler_r, GEOSContext_setErrorMessageHandler_r, (GEOSContextHandle_t extHandle, GEOSMessageHandler_r ef, void *userData), (extHandle, ef, userData)) \
    F(GEOSMessageHandler_r, GEOSContext_setNoticeMessageHandler_r, (GEOSContextHandle_t extHandle, GEOSMessageHandler_r nf, void *userData), (extHandle, nf, userData)) \
    F(GEOSGeometry *, GEOSConvexHull_r, (GEOSContextHandle_t handle, const GEOSGeometry* g), (handle, g)) \
    F(GEOSCoordSequence *, GEOSCoordSeq_copyFromBuffer_r, (GEOSContextHandle_t handle, const double* buf, unsigned int size, int hasZ, int hasM), (handle, buf, size, hasZ, hasM)) \
    F(int, GEOSCoordSeq_copyToBuffer_r, (GEOSContextHandle_t handle, const GEOSCoordSequence* s, double* buf, int hasZ, int hasM), (handle, s, buf, hasZ, hasM)) \
    F(int, GEOSCoordSeq_getSize_r, (GEOSContextHandle_t handle, const GEOSCoordSequence* s, unsigned int *size), (handle, s, size)) \
    F(char, GEOSCoveredBy_r, (GEOSContextHandle_t handle, const GEOSGeometry* g1, const GEOSGeometry* g2), (handle, g1, g2)) \
    F(char, GEOSCovers_r, (GEOSContextHandle_t handle, const GEOSGeometry* g1, const GEOSGeometry* g2), (handle, g1, g2)) \
    F(char, GEOSCrosses_r, (GEOSContextHandle_t handle, const GEOSGeometry* g1, const GEOSGeometry* g2), (handle, g1, g2)) \
    F(GEOSGeometry *, GEOSDifference_r, (GEOSContextHandle_t handle, const GEOSGeometry* g1, const GEOSGeometry* g2), (handle, g1, g2)) \
    F(char, GEOSDisjoint_r, (GEOSContextHandle_t handle, const GEOSGeometry* g1, const GEOSGeometry* g2), (handle, g1, g2)) \
    F(char, GEOSDistanceWithin_r, (GEOSContextHandle_t handle, const GEOSGeometry* g1, const GEOSGeometry* g2, double dist), (handle, g1, g2, dist)) \
    F(int, GEOSDistance_r, (GEOSContextHandle_t handle, const GEOSGeometry* g1, const GEOSGeometry* g2, double *dist), (handle, g1, g2, dist)) \
    F(char, GEOSEqualsExact_r, (GEOSContextHandle_t handle, const GEOSGeometry* g1, const GEOSGeometry* g2, double tolerance), (handle, g1, g2, tolerance)) \
    F(char, GEOSEquals_r, (GEOSContextHandle_t handle, const GEOSGeometry* g1, const GEOSGeometry* g2), (handle, g1, g2)) \
    V(void, GEOSFree_r, (GEOSContextHandle_t handle, void *buffer), (handle, buffer)) \
    F(GEOSGeoJSONReader *, GEOSGeoJSONReader_create_r, (GEOSContextHandle_t handle), (handle)) \
    V(void, GEOSGeoJSONReader_destroy_r, (GEOSContextHandle_t handle, GEOSGeoJSONReader* reader), (handle, reader)) \
    F(GEOSGeometry *, GEOSGeoJSONReader_readGeometry_r, (GEOSContextHandle_t handle, GEOSGeoJSONReader* reader, const char *geojson), (handle, reader, geojson)) \
    F(int, GEOSGeomTypeId_r, (GEOSContextHandle_t handle, const GEOSGeometry* g), (handle, g)) \
    F(GEOSGeometry *, GEOSGeom_clone_r, (GEOSContextHandle_t handle, const GEOSGeometry* g), (handle, g)) \
    F(GEOSGeometry *, GEOSGeom_createCollection_r, (GEOSContextHandle_t handle, int type, GEOSGeometry* *geoms, unsigned int ngeoms), (handle, type, geoms, ngeoms)) \
    F(GEOSGeometry *, GEOSGeom_createEmptyLineString_r, (GEOSContextHandle_t handle), (handle)) \
    F(GEOSGeometry *, GEOSGeom_createEmptyPoint_r, (GEOSContextHandle_t handle), (handle)) \
    F(GEOSGeometry *, GEOSGeom_createEmptyPolygon_r, (GEOSContextHandle_t handle), (handle)) \
    F(GEOSGeometry *, GEOSGeom_createLineString_r, (GEOSContextHandle_t handle, GEOSCoordSequence* s), (handle, s)) \
    F(GEOSGeometry *, GEOSGeom_createLinearRing_r, (GEOSContextHandle_t handle, GEOSCoordSequence* s), (handle, s)) \
    F(GEOSGeometry *, GEOSGeom_createPointFromXY_r, (GEOSContextHandle_t handle, double x, double y), (handle, x, y)) \
    F(GEOSGeometry *, GEOSGeom_createPoint_r, (GEOSContextHandle_t handle, GEOSCoordSequence* s), (handle, s)) \
    F(GEOSGeometry *, GEOSGeom_createPolygon_r, (GEOSContextHandle_t handle, GEOSGeometry* shell, GEOSGeometry** holes, unsigned int nholes), (handle, shell, holes, nholes)) \
    F(GEOSGeometry *, GEOSGeom_createRectangle_r, (GEOSContextHandle_t handle, double xmin, double ymin, double xmax, double ymax), (handle, xmin, ymin, xmax, ymax)) \
    V(void, GEOSGeom_destroy_r, (GEOSContextHandle_t handle, GEOSGeometry* g), (handle, g)) \
    F(const GEOSCoordSequence *, GEOSGeom_getCoordSeq_r, (GEOSContextHandle_t handle, const GEOSGeometry* g), (handle, g)) \
    F(GEOSGeometry *, GEOSGetCentroid_r, (GEOSContextHandle_t handle, const GEOSGeometry* g), (handle, g)) \
    F(const GEOSGeometry *, GEOSGetExteriorRing_r, (GEOSContextHandle_t handle, const GEOSGeometry* g), (handle, g)) \
    F(const GEOSGeometry *, GEOSGetGeometryN_r, (GEOSContextHandle_t handle, const GEOSGeometry* g, int n), (handle, g, n)) \
    F(const GEOSGeometry *, GEOSGetInteriorRingN_r, (GEOSContextHandle_t handle, const GEOSGeometry* g, int n), (handle, g, n)) \
    F(int, GEOSGetNumCoordinates_r, (GEOSContextHandle_t handle, const GEOSGeometry* g), (handle, g)) \
    F(int, GEOSGetNumGeometries_r, (GEOSContextHandle_t handle, const GEOSGeometry* g), (handle, g)) \
    F(int, GEOSGetNumInteriorRings_r, (GEOSContextHandle_t handle, const GEOSGeometry* g), (handle, g)) \
    F(char, GEOSHasZ_r, (GEOSContextHandle_t handle, const GEOSGeometry* g), (handle, g)) \
    F(GEOSGeometry *, GEOSIntersection_r, (GEOSContextHandle_t handle, const GEOSGeometry* g1, const GEOSGeometry* g2), (handle, g1, g2)) \
    F(char, GEOSIntersects_r, (GEOSContextHandle_t handle, const GEOSGeometry* g1, const GEOSGeometry* g2), (handle, g1, g2)) \
    F(int, GEOSLength_r, (GEOSContextHandle_t handle, const GEOSGeometry* g, double *length), (handle, g, length)) \
    F(GEOSMakeValidParams *, GEOSMakeValidParams_create_r, (GEOSContextHandle_t extHandle), (extHandle)) \
    V(void, GEOSMakeValidParams_destroy_r, (GEOSContextHandle_t handle, GEOSMakeValidParams* parms), (handle, parms)) \
    F(int, GEOSMakeValidParams_setKeepCollapsed_r, (GEOSContextHandle_t handle, GEOSMakeValidParams* p, int style), (handle, p, style)) \
    F(int, GEOSMakeValidParams_setMethod_r, (GEOSContextHandle_t handle, GEOSMakeValidParams* p, enum GEOSMakeValidMethods method), (handle, p, method)) \
    F(GEOSGeometry *, GEOSMakeValidWithParams_r, (GEOSContextHandle_t handle, const GEOSGeometry* g, const GEOSMakeValidParams* makeValidParams), (handle, g, makeValidParams)) \
    F(char, GEOSOverlaps_r, (GEOSContextHandle_t handle, const GEOSGeometry* g1, const GEOSGeometry* g2), (handle, g1, g2)) \
    F(GEOSGeometry *, GEOSPointOnSurface_r, (GEOSContextHandle_t handle, const GEOSGeometry* g), (handle, g)) \
    F(const GEOSPreparedGeometry *, GEOSPrepare_r, (GEOSContextHandle_t handle, const GEOSGeometry* g), (handle, g)) \
    F(char, GEOSPreparedContainsProperly_r, (GEOSContextHandle_t handle, const GEOSPreparedGeometry* pg1, const GEOSGeometry* g2), (handle, pg1, g2)) \
    F(char, GEOSPreparedContains_r, (GEOSContextHandle_t handle, const GEOSPreparedGeometry* pg1, const GEOSGeometry* g2), (handle, pg1, g2)) \
    F(char, GEOSPreparedCoveredBy_r, (GEOSContextHandle_t handle, const GEOSPreparedGeometry* pg1, const GEOSGeometry* g2), (handle, pg1, g2)) \
    F(char, GEOSPreparedCovers_r, (GEOSContextHandle_t handle, const GEOSPreparedGeometry* pg1, const GEOSGeometry* g2), (handle, pg1, g2)) \
    F(char, GEOSPreparedCrosses_r, (GEOSContextHandle_t handle, const GEOSPreparedGeometry* pg1, const GEOSGeometry* g2), (handle, pg1, g2)) \
    F(char, GEOSPreparedDisjoint_r, (GEOSContextHandle_t handle, const GEOSPreparedGeometry* pg1, const GEOSGeometry* g2), (handle, pg1, g2)) \
    F(char, GEOSPreparedDistanceWithin_r, (GEOSContextHandle_t handle, const GEOSPreparedGeometry* pg1, const GEOSGeometry* g2, double dist), (handle, pg1, g2, dist)) \
    V(void, GEOSPreparedGeom_destroy_r, (GEOSContextHandle_t handle, const GEOSPreparedGeometry* g), (handle, g)) \
    F(char, GEOSPreparedIntersects_r, (GEOSContextHandle_t handle, const GEOSPreparedGeometry* pg1, const GEOSGeometry* g2), (handle, pg1, g2)) \
    F(char, GEOSPreparedOverlaps_r, (GEOSContextHandle_t handle, const GEOSPreparedGeometry* pg1, const GEOSGeometry* g2), (handle, pg1, g2)) \
    F(char, GEOSPreparedTouches_r, (GEOSContextHandle_t handle, const GEOSPreparedGeometry* pg1, const GEOSGeometry* g2), (handle, pg1, g2)) \
    F(char, GEOSPreparedWithin_r, (GEOSContextHandle_t handle, const GEOSPreparedGeometry* pg1, const GEOSGeometry* g2), (handle, pg1, g2)) \
    F(char, GEOSRelatePattern_r, (GEOSContextHandle_t handle, const GEOSGeometry* g1, const GEOSGeometry* g2, const char *pat), (handle, g1, g2, pat)) \
    F(char *, GEOSRelate_r, (GEOSContextHandle_t handle, const GEOSGeometry* g1, const GEOSGeometry* g2), (handle, g1, g2)) \
    F(GEOSSTRtree *, GEOSSTRtree_create_r, (GEOSContextHandle_t handle, size_t nodeCapacity), (handle, nodeCapacity)) \
    V(void, GEOSSTRtree_destroy_r, (GEOSContextHandle_t handle, GEOSSTRtree *tree), (handle, tree)) \
    V(void, GEOSSTRtree_insert_r, (GEOSContextHandle_t handle, GEOSSTRtree *tree, const GEOSGeometry *g, void *item), (handle, tree, g, item)) \
    F(const void *, GEOSSTRtree_nearest_generic_r, (GEOSContextHandle_t handle, GEOSSTRtree *tree, const void* item, const GEOSGeometry* itemEnvelope, GEOSDistanceCallback distancefn, void* userdata), (handle, tree, item, itemEnvelope, distancefn, userdata)) \
    V(void, GEOSSTRtree_query_r, (GEOSContextHandle_t handle, GEOSSTRtree *tree, const GEOSGeometry *g, GEOSQueryCallback callback, void *userdata), (handle, tree, g, callback, userdata)) \
    F(GEOSGeometry *, GEOSSimplify_r, (GEOSContextHandle_t handle, const GEOSGeometry* g, double tolerance), (handle, g, tolerance)) \
    F(GEOSGeometry *, GEOSSymDifference_r, (GEOSContextHandle_t handle, const GEOSGeometry* g1, const GEOSGeometry* g2), (handle, g1, g2)) \
    F(GEOSGeometry *, GEOSTopologyPreserveSimplify_r, (GEOSContextHandle_t handle, const GEOSGeometry* g, double tolerance), (handle, g, tolerance)) \
    F(char, GEOSTouches_r, (GEOSContextHandle_t handle, const GEOSGeometry* g1, const GEOSGeometry* g2), (handle, g1, g2)) \
    F(GEOSGeometry *, GEOSUnaryUnion_r, (GEOSContextHandle_t handle, const GEOSGeometry* g), (handle, g)) \
    F(GEOSGeometry *, GEOSUnion_r, (GEOSContextHandle_t handle, const GEOSGeometry* g1, const GEOSGeometry* g2), (handle, g1, g2)) \
    F(GEOSWKBReader *, GEOSWKBReader_create_r, (GEOSContextHandle_t handle), (handle)) \
    V(void, GEOSWKBReader_destroy_r, (GEOSContextHandle_t handle, GEOSWKBReader* reader), (handle, reader)) \
    F(GEOSGeometry *, GEOSWKBReader_read_r, (GEOSContextHandle_t handle, GEOSWKBReader* reader, const unsigned char *wkb, size_t size), (handle, reader, wkb, size)) \
    F(GEOSWKBWriter *, GEOSWKBWriter_create_r, (GEOSContextHandle_t handle), (handle)) \
    V(void, GEOSWKBWriter_destroy_r, (GEOSContextHandle_t handle, GEOSWKBWriter* writer), (handle, writer)) \
    V(void, GEOSWKBWriter_setByteOrder_r, (GEOSContextHandle_t handle, GEOSWKBWriter* writer, int byteOrder), (handle, writer, byteOrder)) \
    V(void, GEOSWKBWriter_setFlavor_r, (GEOSContextHandle_t handle, GEOSWKBWriter* writer, int flavor), (handle, writer, flavor)) \
    V(void, GEOSWKBWriter_setIncludeSRID_r, (GEOSContextHandle_t handle, GEOSWKBWriter* writer, const char writeSRID), (handle, writer, writeSRID)) \
    V(void, GEOSWKBWriter_setOutputDimension_r, (GEOSContextHandle_t handle, GEOSWKBWriter* writer, int newDimension), (handle, writer, newDimension)) \
    F(unsigned char *, GEOSWKBWriter_write_r, (GEOSContextHandle_t handle, GEOSWKBWriter* writer, const GEOSGeometry* g, size_t *size), (handle, writer, g, size)) \
    F(GEOSWKTReader *, GEOSWKTReader_create_r, (GEOSContextHandle_t handle), (handle)) \
    V(void, GEOSWKTReader_destroy_r, (GEOSContextHandle_t handle, GEOSWKTReader* reader), (handle, reader)) \
    F(GEOSGeometry *, GEOSWKTReader_read_r, (GEOSContextHandle_t handle, GEOSWKTReader* reader, const char *wkt), (handle, reader, wkt)) \
    F(GEOSWKTWriter *, GEOSWKTWriter_create_r, (GEOSContextHandle_t handle), (handle)) \
    V(void, GEOSWKTWriter_destroy_r, (GEOSContextHandle_t handle, GEOSWKTWriter* writer), (handle, writer)) \
    V(void, GEOSWKTWriter_setOld3D_r, (GEOSContextHandle_t handle, GEOSWKTWriter *writer, int useOld3D), (handle, writer, useOld3D)) \
    V(void, GEOSWKTWriter_setOutputDimension_r, (GEOSContextHandle_t handle, GEOSWKTWriter *writer, int dim), (handle, writer, dim)) \
    V(void, GEOSWKTWriter_setRoundingPrecision_r, (GEOSContextHandle_t handle, GEOSWKTWriter *writer, int precision), (handle, writer, precision)) \
    V(void, GEOSWKTWriter_setTrim_r, (GEOSContextHandle_t handle, GEOSWKTWriter *writer, char trim), (handle, writer, trim)) \
    F(char *, GEOSWKTWriter_write_r, (GEOSContextHandle_t handle, GEOSWKTWriter* writer, const GEOSGeometry* g), (handle, writer, g)) \
    F(char, GEOSWithin_r, (GEOSContextHandle_t handle, const GEOSGeometry* g1, const GEOSGeometry* g2), (handle, g1, g2)) \
    V(void, GEOS_finish_r, (GEOSContextHandle_t handle), (handle)) \
    F(GEOSContextHandle_t, GEOS_init_r, (void), ()) \
    F(char, GEOSisEmpty_r, (GEOSContextHandle_t handle, const GEOSGeometry* g), (handle, g)) \
    F(char, GEOSisValidDetail_r, (GEOSContextHandle_t handle, const GEOSGeometry* g, int flags, char** reason, GEOSGeometry** location), (handle, g, flags, reason, location)) \
    F(char, GEOSisValid_r, (GEOSContextHandle_t handle, const GEOSGeometry* g), (handle, g)) \
    F(const char *, GEOSversion, (void), ())

#if defined(__APPLE__)
#define GT_FILES "libgeos_c.1.dylib", "libgeos_c.dylib", "/opt/homebrew/lib/libgeos_c.dylib", "/usr/local/lib/libgeos_c.dylib"
#else
#define GT_FILES "libgeos_c.so.1", "libgeos_c.so"
#endif

GT_LIBRARY(GEOS_FUNCTIONS, "GEOS", geotwin_load_geos, GT_FILES)
