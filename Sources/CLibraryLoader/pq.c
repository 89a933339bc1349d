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

// F: functions with a result; V: functions without. (result, name, parameters, arguments)
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

#define GT_INDEX(result, name, parameters, arguments) GT_##name,
enum { PQ_FUNCTIONS(GT_INDEX, GT_INDEX) GT_PQ_COUNT };

#define GT_NAME(result, name, parameters, arguments) #name,
static const char *const names[] = { PQ_FUNCTIONS(GT_NAME, GT_NAME) };
static const char *const files[] = {
#if defined(__APPLE__)
    "libpq.5.dylib", "libpq.dylib", "/opt/homebrew/opt/libpq/lib/libpq.5.dylib", "/usr/local/opt/libpq/lib/libpq.5.dylib",
#else
    "libpq.so.5", "libpq.so",
#endif
    NULL};
static void *slots[GT_PQ_COUNT];
static struct gt_library library = {"libpq (PostgreSQL client)", files, names, slots, GT_PQ_COUNT, PTHREAD_MUTEX_INITIALIZER, 0, ""};

int geotwin_load_libpq(const char **message) { return gt_library_load(&library, message); }

#define GT_FORWARD(result, name, parameters, arguments) \
    GT_HIDDEN result name parameters { return ((__typeof__(&name))gt_library_symbol(&library, GT_##name)) arguments; }
#define GT_FORWARD_VOID(result, name, parameters, arguments) \
    GT_HIDDEN void name parameters { ((__typeof__(&name))gt_library_symbol(&library, GT_##name)) arguments; }
PQ_FUNCTIONS(GT_FORWARD, GT_FORWARD_VOID)
