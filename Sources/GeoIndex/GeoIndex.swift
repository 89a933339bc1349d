// GeoIndex: spatial indexes over GeoCore bounding boxes.
