// GeoIO: codecs for GeoCore values.
