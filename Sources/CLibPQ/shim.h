// libpq, the PostgreSQL client library (Debian/Ubuntu: libpq-dev; include path from pkg-config).
#include <libpq-fe.h>
