// libpq, the PostgreSQL client library (Debian/Ubuntu: libpq-dev). Not linked: CLibraryLoader
// loads it on first use.
#if __has_include(<postgresql/libpq-fe.h>)
#include <postgresql/libpq-fe.h>
#else
#include <libpq-fe.h>
#endif
