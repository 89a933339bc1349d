// GeoProj: coordinate reference systems and transforms over PROJ.
