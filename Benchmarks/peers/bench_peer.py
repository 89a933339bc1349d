#!/usr/bin/env python3
"""Out-of-process peers of `geotwin bench all --peers`: one suite, one peer, one run.

    Benchmarks/.venv/bin/python Benchmarks/peers/bench_peer.py SUITE --peer NAME \
        [--seed 42] [--size N] [--quick] [--points F.csv] [--layer F] [--raster F.tif] [--geodata DIR]

Draws the same data as `geotwin bench SUITE` (SplitMix64 with the same seed, the same sizes,
the same files), runs the peer once and prints one JSON object: the peer's version, its
in-process measures in milliseconds (named as GeoTwin's) and a digest of its results (hit counts,
coordinates of sample points, sums) that `geotwin bench` compares with its own. A peer whose
package is missing prints {"skipped": "..."} and exits 0. The versions are pinned in
requirements.txt (`make bench-peers`).
"""
import argparse
import csv
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KOREA_BOX = (124.6, 33.1, 131.9, 38.6)
MASK = (1 << 64) - 1


def splitmix_units(seed, n):
    """The first n values of SplitMix64(seed).nextUnit() as GeoTwin computes them."""
    import numpy as np
    with np.errstate(over="ignore"):
        state = np.uint64(seed) + np.uint64(0x9E3779B97F4A7C15) * np.arange(1, n + 1, dtype=np.uint64)
        z = state
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) * 2.0**-53


def uniform_points(n, box, seed):
    u = splitmix_units(seed, 2 * n).reshape(n, 2)
    return box[0] + u[:, 0] * (box[2] - box[0]), box[1] + u[:, 1] * (box[3] - box[1])


def csv_points(path):
    import numpy as np
    with open(path, newline="") as f:
        rows = csv.reader(f)
        header = [h.strip().lower() for h in next(rows)]
        xi = next(i for i, h in enumerate(header) if h in ("lon", "lng", "longitude", "x"))
        yi = next(i for i, h in enumerate(header) if h in ("lat", "latitude", "y"))
        xs, ys = [], []
        for r in rows:
            try:
                xs.append(float(r[xi]))
                ys.append(float(r[yi]))
            except (ValueError, IndexError):
                pass
    return np.array(xs), np.array(ys)


def gpkg(args):
    base = Path(args.geodata) if args.geodata else ROOT / "Geodata"
    return str(base if base.suffix == ".gpkg" else base / "korea.gpkg")


def size(args, full, quick):
    return args.size if args.size else (quick if args.quick else full)


def ms(start):
    return (time.perf_counter() - start) * 1e3


def rtree_geoindex(args):
    import numpy as np
    import geoindex_rs
    import geoindex_rs.rtree as rt
    n = size(args, 1_000_000, 20_000)
    u = splitmix_units(args.seed, 4 * n).reshape(n, 4)
    minx, miny = u[:, 0] * 99.0, u[:, 1] * 99.0
    maxx, maxy = minx + u[:, 2], miny + u[:, 3]
    out, digest = {}, {}
    t = time.perf_counter()
    builder = rt.RTreeBuilder(n, 16)
    builder.add(minx, miny, maxx, maxy)
    tree = builder.finish()
    out["build"] = ms(t)
    for label, count, side, seed in (("search 1%", 1_000, 10.0, args.seed + 1), ("search 0.01%", 10_000, 1.0, args.seed + 2)):
        w = splitmix_units(seed, 2 * count).reshape(count, 2) * (100 - side)
        windows = [(float(a), float(b), float(a) + side, float(b) + side) for a, b in w]
        hits = 0
        t = time.perf_counter()
        for q in windows:
            hits += len(rt.search(tree, *q))
        out[label] = ms(t)
        digest[f"hits of {label} windows"] = hits
    return getattr(geoindex_rs, "__version__", "0.2.1"), out, digest


def locate_shapely(args):
    import numpy as np
    import shapely
    from pyogrio.raw import read
    if args.layer:
        _, _, geoms, _ = read(args.layer)
    else:
        _, _, geoms, _ = read(gpkg(args), layer="sigungu")
    polys = shapely.from_wkb(geoms)
    if args.points:
        xs, ys = csv_points(args.points)
    else:
        xs, ys = uniform_points(size(args, 1_000_000, 20_000), tuple(shapely.total_bounds(polys)), args.seed)
    shapely.prepare(polys)
    tree = shapely.STRtree(polys)
    t = time.perf_counter()
    pts = shapely.points(xs, ys)
    pairs = tree.query(pts, predicate="intersects")
    best = np.full(len(xs), len(polys), dtype=np.int64)
    np.minimum.at(best, pairs[0], pairs[1])
    best[best == len(polys)] = -1
    elapsed = ms(t)
    digest = {"points covered": int((best >= 0).sum()), "sum of located indices": int(best[best >= 0].sum())}
    return shapely.__version__, {f"locate {len(xs)} points": elapsed}, digest


def transform_pyproj(args):
    import pyproj
    if args.points:
        xs, ys = csv_points(args.points)
    else:
        xs, ys = uniform_points(size(args, 1_000_000, 20_000), KOREA_BOX, args.seed)
    tr = pyproj.Transformer.from_crs(4326, 5179, always_xy=True)
    t = time.perf_counter()
    ox, oy = tr.transform(xs, ys)
    elapsed = ms(t)
    digest = {}
    for k in range(10):
        i = k * len(xs) // 10
        digest[f"x@{i}"] = float(ox[i])
        digest[f"y@{i}"] = float(oy[i])
    return pyproj.__version__, {f"transform {len(xs)} points": elapsed}, digest


def geojson_shapely(args):
    import shapely
    if not args.layer:
        raise SystemExit("the geojson peer needs --layer FILE.geojson (geotwin bench --peers writes it)")
    text = Path(args.layer).read_text()
    t = time.perf_counter()
    g = shapely.from_geojson(text)
    elapsed = ms(t)
    digest = {"features": int(shapely.get_num_geometries(g)), "coordinates": int(shapely.get_num_coordinates(g))}
    return shapely.__version__, {"parse FeatureCollection": elapsed}, digest


def io_pyogrio(args):
    import pyogrio
    from pyogrio.raw import read, write
    if args.layer:
        meta, idx, geoms, fields = read(args.layer, return_fids=False)
    else:
        n = size(args, 0, 200) or None
        meta, idx, geoms, fields = read(gpkg(args), layer="emd", max_features=n)
    out, digest = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, driver, ext in (("GeoJSON", "GeoJSON", "geojson"), ("GeoPackage", "GPKG", "gpkg")):
            path = os.path.join(tmp, "layer." + ext)
            t = time.perf_counter()
            write(path, geoms, fields, meta["fields"], driver=driver, geometry_type=meta["geometry_type"], crs=meta["crs"],
                  layer="layer")
            out[f"write {name}"] = ms(t)
            t = time.perf_counter()
            back = read(path)
            out[f"read {name}"] = ms(t)
            digest[f"features read back from {name}"] = len(back[2])
    return pyogrio.__version__, out, digest


def zonal_exactextract(args):
    import exactextract
    import geopandas
    import rasterio
    from exactextract import exact_extract
    if not (args.raster and args.layer):
        raise SystemExit("the zonal peer needs --raster and --layer (geotwin bench --peers writes them)")
    zones = geopandas.read_file(args.layer)
    raster = rasterio.open(args.raster)
    zones = zones.set_crs(raster.crs, allow_override=True)
    t = time.perf_counter()
    rows = exact_extract(raster, zones, ["count", "sum"], output="pandas")
    elapsed = ms(t)
    digest = {"sum of counts": float(rows["count"].sum()), "sum of sums": float(rows["sum"].sum())}
    return getattr(exactextract, "__version__", "0.3.0"), {"zonal statistics": elapsed}, digest


def render_geopandas(args):
    import geopandas
    import matplotlib
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import render_geopandas as peer
    width = str(size(args, 1200, 600))
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "population.svg")
        argv = sys.argv
        sys.argv = ["render_geopandas.py", gpkg(args), out, width]
        devnull = open(os.devnull, "w")
        stdout, sys.stdout = sys.stdout, devnull
        try:
            t = time.perf_counter()
            peer.main()
            elapsed = ms(t)
        finally:
            sys.stdout, sys.argv = stdout, argv
            devnull.close()
    return f"geopandas {geopandas.__version__}, matplotlib {matplotlib.__version__}", {"population map": elapsed}, {}


PEERS = {
    ("rtree", "geoindex-rs"): (rtree_geoindex, "geoindex_rs"),
    ("locate", "shapely"): (locate_shapely, "shapely"),
    ("transform", "pyproj"): (transform_pyproj, "pyproj"),
    ("geojson", "shapely"): (geojson_shapely, "shapely"),
    ("io", "pyogrio"): (io_pyogrio, "pyogrio"),
    ("zonal", "exactextract"): (zonal_exactextract, "exactextract"),
    ("render", "geopandas"): (render_geopandas, "geopandas"),
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("suite")
    ap.add_argument("--peer", required=True)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--size", type=int)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--points")
    ap.add_argument("--layer")
    ap.add_argument("--raster")
    ap.add_argument("--geodata")
    args = ap.parse_args()
    entry = PEERS.get((args.suite, args.peer))
    if entry is None:
        print(json.dumps({"skipped": f"no peer {args.peer} for suite {args.suite}"}))
        return
    body, module = entry
    try:
        __import__(module)
        __import__("numpy")
    except ImportError as e:
        print(json.dumps({"skipped": f"{e.name} is not installed in {sys.executable}"}))
        return
    version, measures, digest = body(args)
    print(json.dumps({"peer": args.peer, "version": version, "measures": measures, "digest": digest}))


if __name__ == "__main__":
    main()
