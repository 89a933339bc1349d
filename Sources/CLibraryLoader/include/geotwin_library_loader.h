#ifndef GEOTWIN_LIBRARY_LOADER_H
#define GEOTWIN_LIBRARY_LOADER_H

// GEOS, PROJ, libpq and libtiff are loaded when first used, not when the program starts:
// together with the libraries they bring (GEOS's C++ core, libcurl, GnuTLS, Kerberos, LDAP, the
// image codecs) they take most of a process's start-up, and most commands need none of them.
// The functions of those libraries that GeoTwin calls are defined in this target and forward to
// the loaded library.
//
// Each call below loads its library on first use and returns 1 when it is ready, or 0 and sets
// `*message` (when `message` is not NULL) to a sentence naming the library and the reason; the
// outcome is kept, so later calls answer at once. Calling a forwarded function when its library
// cannot be loaded prints that sentence and aborts, so entry points check first.

int geotwin_load_geos(const char **message);
int geotwin_load_proj(const char **message);
int geotwin_load_libpq(const char **message);
int geotwin_load_libtiff(const char **message);

#endif
