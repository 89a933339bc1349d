#!/usr/bin/env python3
"""The pyogrio (GDAL) peer of `geotwin convert` / `geotwin info` on Shapefile and FlatGeobuf, one
operation per process so that its whole run (Python start-up included) is measured:

    python3 Benchmarks/peers/io_shp_fgb_pyogrio.py write Geodata/korea.gpkg emd out.shp   # GeoPackage layer -> .shp/.fgb
    python3 Benchmarks/peers/io_shp_fgb_pyogrio.py read out.fgb                           # every feature, count and bounds
"""
import sys

import shapely
from pyogrio import raw


def main() -> None:
    if sys.argv[1] == "write":
        source, layer, target = sys.argv[2:5]
        meta, _, geometry, fields = raw.read(source, layer=layer)
        raw.write(target, geometry, fields, meta["fields"], crs=meta["crs"], geometry_type=meta["geometry_type"],
                  encoding="UTF-8" if target.endswith(".shp") else None)
    else:
        meta, _, geometry, fields = raw.read(sys.argv[2])
        geoms = shapely.from_wkb(geometry)
        print(len(geoms), shapely.total_bounds(geoms))


if __name__ == "__main__":
    main()
