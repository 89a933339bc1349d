#!/usr/bin/env python3
"""Whole-process peer of `geotwin locate --input points.csv`: shapely 2.x STRtree over the
prepared sigungu polygons of Geodata/korea.gpkg, points read with numpy.loadtxt, CSV
`lat,lon,code,name` written in input order (coordinates echoed as written, name "sido sigungu",
empty code and name where no polygon covers the point).

    pip install -r Benchmarks/peers/requirements-locate.txt
    python3 Benchmarks/peers/locate_csv_shapely.py points.csv [--output out.csv] [--timings]
    /usr/bin/time -v python3 Benchmarks/peers/locate_csv_shapely.py points.csv > /dev/null

The input is a plain CSV with the header `lat,lon` (no quoting, no byte order mark: what
numpy.loadtxt reads). A district wins over the parent city drawn over it (천안시, 창원시) and
points on a shared border go to the smallest code, as in GeoTwin. Shapely does only the sigungu
layer: GeoTwin also tries the emd islets and the sido polygons for points the sigungu layer
misses, so it does more work per point. --timings prints the time of each stage on stderr.
"""
import argparse
import sys
import time
from pathlib import Path

import numpy as np
import shapely
from pyogrio.raw import read

ROOT = Path(__file__).resolve().parents[2]
GPKG = str(ROOT / "Geodata" / "korea.gpkg")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("--output")
    ap.add_argument("--timings", action="store_true")
    args = ap.parse_args()
    marks = [("start", time.perf_counter())]

    # The sigungu polygons, prepared, in an STRtree; the answer text of each.
    _, _, geoms, fields = read(GPKG, layer="sigungu", columns=["code", "name_ko", "sido_ko", "is_parent_city"])
    code, name, sido, parent = fields
    polys = shapely.from_wkb(geoms)
    shapely.prepare(polys)
    tree = shapely.STRtree(polys)
    labels = np.array([f"{c},{s} {n}" for c, n, s in zip(code, name, sido)] + [","], dtype=object)
    # Lower rank wins: districts before parent cities, then the smallest code.
    order = np.argsort(code.astype(str), kind="stable")
    rank = np.empty(len(code), dtype=np.int64)
    rank[order] = np.arange(len(code))
    rank += np.asarray(parent, dtype=np.int64) * len(code)
    marks.append(("load polygons", time.perf_counter()))

    # The points, and their text to echo.
    with open(args.input, encoding="utf-8") as f:
        header = f.readline().strip().split(",")
        lines = f.read().splitlines()
    lat_col, lon_col = header.index("lat"), header.index("lon")
    xy = np.loadtxt(args.input, delimiter=",", skiprows=1, usecols=(lon_col, lat_col), ndmin=2)
    marks.append(("read csv", time.perf_counter()))

    # Point in polygon: every (point, polygon) pair, then the winning polygon per point.
    pts = shapely.points(xy)
    pairs = tree.query(pts, predicate="intersects")
    best = np.full(len(pts), len(code), dtype=np.int64)   # len(code): the empty answer
    if pairs.shape[1]:
        by = np.lexsort((rank[pairs[1]], pairs[0]))
        p, q = pairs[0][by], pairs[1][by]
        first = np.ones(len(p), dtype=bool)
        first[1:] = p[1:] != p[:-1]
        best[p[first]] = q[first]
    marks.append(("locate", time.perf_counter()))

    # The output, in input order.
    answers = labels[best]
    text = "lat,lon,code,name\n" + "".join(f"{line},{a}\n" for line, a in zip(lines, answers))
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    marks.append(("write csv", time.perf_counter()))

    if args.timings:
        for (_, t0), (label, t1) in zip(marks, marks[1:]):
            print(f"{label}: {(t1 - t0) * 1000:.0f} ms", file=sys.stderr)
        print(f"shapely {shapely.__version__} (GEOS {shapely.geos_version_string}), {len(pts)} points, "
              f"{int((best < len(code)).sum())} in a sigungu, total {(marks[-1][1] - marks[0][1]) * 1000:.0f} ms",
              file=sys.stderr)


if __name__ == "__main__":
    main()
