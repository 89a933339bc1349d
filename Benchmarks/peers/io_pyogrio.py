#!/usr/bin/env python3
"""The `io` peer: pyogrio (GDAL) reading and writing the same files as `geotwin info` and
`geotwin convert`, whole process (Python start-up and imports included).

    pip install -r Benchmarks/peers/requirements-render.txt     # pyogrio 0.13.0, geopandas, shapely
    python3 Benchmarks/peers/io_pyogrio.py info FILE [--layer L]
    python3 Benchmarks/peers/io_pyogrio.py convert IN OUT [--layer L]

`info` reads every feature of the layer (geometry and attributes, as `geotwin info` does) and
prints the feature count, the geometry types and the bounds. `convert` reads the layer and writes
it to OUT (driver by extension: GeoJSON or GPKG, with GDAL's default spatial index). `--arrow`
reads and writes through Arrow (needs pyarrow), usually pyogrio's fastest path.
"""
import argparse
import os

import pyogrio


def read(path, layer, arrow):
    if arrow:
        meta, table = pyogrio.read_arrow(path, layer=layer)
        return meta, table
    return None, pyogrio.read_dataframe(path, layer=layer)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["info", "convert"])
    ap.add_argument("input")
    ap.add_argument("output", nargs="?")
    ap.add_argument("--layer")
    ap.add_argument("--arrow", action="store_true")
    args = ap.parse_args()
    meta, data = read(args.input, args.layer, args.arrow)
    if args.mode == "info":
        if args.arrow:
            import shapely
            geoms = shapely.from_wkb(data.column(meta["geometry_name"] or "wkb_geometry").to_numpy(zero_copy_only=False))
            bounds = shapely.total_bounds(geoms)
            types = sorted(set(shapely.get_type_id(geoms).tolist()))
            print(len(geoms), types, bounds)
        else:
            print(len(data), sorted(set(data.geom_type.dropna())), data.total_bounds)
        return
    if os.path.exists(args.output):
        os.remove(args.output)
    driver = "GPKG" if args.output.endswith(".gpkg") else "GeoJSON"
    if args.arrow:
        pyogrio.write_arrow(data, args.output, driver=driver, layer=args.layer or "layer",
                            geometry_name=meta["geometry_name"] or "wkb_geometry", geometry_type=meta["geometry_type"],
                            crs=meta["crs"])
    else:
        pyogrio.write_dataframe(data, args.output, driver=driver, layer=args.layer)


if __name__ == "__main__":
    main()
