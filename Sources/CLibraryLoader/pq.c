// libpq, the PostgreSQL client library, loaded on first use: the functions GeoTwin calls, forwarded.
#include <stddef.h>
#include <stdio.h>
#if __has_include(<postgresql/libpq-fe.h>)
#include <postgresql/libpq-fe.h>
#else
#include <libpq-fe.h>
#endif
#include "loader.h"
#include "geotwin_library_loader.h"

#define PQ_FUNCTIONS(F, V) \
    F(PGconn *, PQconnectdb, (const char *conninfo), (conninfo)) \
    V(void, PQfinish, (PGconn *conn), (conn)) \
    F(ConnStatusType, PQstatus, (const PGconn *conn), (conn)) \
    F(char *, PQerrorMessage, (const PGconn *conn), (conn)) \
    F(char *, PQhost, (const PGconn *conn), (conn)) \
    F(char *, PQport, (const PGconn *conn), (conn)) \
    F(PQnoticeProcessor, PQsetNoticeProcessor, (PGconn *conn, PQnoticeProcessor proc, void *arg), (conn, proc, arg)) \
    F(PGresult *, PQexec, (PGconn *conn, const char *query), (conn, query)) \
    F(PGresult *, PQexecParams, (PGconn *conn, const char *command, int n, const Oid *types, const char *const *values, const int *lengths, const int *formats, int resultFormat), (conn, command, n, types, values, lengths, formats, resultFormat)) \
    F(int, PQsendQueryParams, (PGconn *conn, const char *command, int n, const Oid *types, const char *const *values, const int *lengths, const int *formats, int resultFormat), (conn, command, n, types, values, lengths, formats, resultFormat)) \
    F(PGresult *, PQgetResult, (PGconn *conn), (conn)) \
    F(int, PQputCopyData, (PGconn *conn, const char *buffer, int nbytes), (conn, buffer, nbytes)) \
    F(int, PQputCopyEnd, (PGconn *conn, const char *errormsg), (conn, errormsg)) \
    V(void, PQclear, (PGresult *res), (res)) \
    F(ExecStatusType, PQresultStatus, (const PGresult *res), (res)) \
    F(char *, PQresultErrorMessage, (const PGresult *res), (res)) \
    F(int, PQntuples, (const PGresult *res), (res)) \
    F(int, PQnfields, (const PGresult *res), (res)) \
    F(char *, PQgetvalue, (const PGresult *res, int row, int field), (res, row, field)) \
    F(int, PQgetlength, (const PGresult *res, int row, int field), (res, row, field)) \
    F(int, PQgetisnull, (const PGresult *res, int row, int field), (res, row, field))

#if defined(__APPLE__)
#define GT_FILES "libpq.5.dylib", "libpq.dylib", "/opt/homebrew/opt/libpq/lib/libpq.5.dylib", "/usr/local/opt/libpq/lib/libpq.5.dylib"
#else
#define GT_FILES "libpq.so.5", "libpq.so"
#endif

GT_LIBRARY(PQ_FUNCTIONS, "libpq (PostgreSQL client)", geotwin_load_libpq, GT_FILES)
