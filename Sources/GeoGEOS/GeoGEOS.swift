// GeoGEOS: GEOS-backed topology operations on GeoCore values.
