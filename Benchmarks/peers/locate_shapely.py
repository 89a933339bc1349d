#!/usr/bin/env python3
"""Peer of the `locate` suite: shapely 2.x STRtree over the full-resolution sigungu polygons of
Geodata/korea.gpkg, `tree.query(points, predicate=...)` on 1,000,000 points uniform in the layer's
extent (SplitMix64 seed 0x5EED, the same points as Benchmarks/Benchmarks/LocateBenchmark).

    pip install -r Benchmarks/peers/requirements-locate.txt
    python3 Benchmarks/peers/locate_shapely.py [--runs 5]

The polygons are prepared before timing (shapely.prepare); the STRtree build is outside the
timing too. Shapely returns (point, polygon) pairs and does not choose between overlapping
polygons (parent city / district), so it does less work than GeoTwin's lookup.
Prints median wall-clock milliseconds per 1M-point query and points per second.
"""
import argparse
import sqlite3
import statistics
import time
from pathlib import Path

import numpy as np
import shapely
from pyogrio.raw import read

ROOT = Path(__file__).resolve().parents[2]
GPKG = str(ROOT / "Geodata" / "korea.gpkg")
MASK = (1 << 64) - 1


def points(n: int) -> np.ndarray:
    con = sqlite3.connect(GPKG)
    minx, miny, maxx, maxy = con.execute(
        "SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = 'sigungu'").fetchone()
    con.close()
    state = 0x5EED
    out = np.empty((n, 2))
    for i in range(n):
        row = []
        for _ in range(2):
            state = (state + 0x9E3779B97F4A7C15) & MASK
            z = state
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            z ^= z >> 31
            row.append((z >> 11) * 2.0 ** -53)
        out[i] = (minx + row[0] * (maxx - minx), miny + row[1] * (maxy - miny))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--points", type=int, default=1_000_000)
    args = ap.parse_args()
    _, _, geoms, _ = read(GPKG, layer="sigungu")
    polys = shapely.from_wkb(geoms)
    shapely.prepare(polys)
    tree = shapely.STRtree(polys)
    xy = points(args.points)
    pts = shapely.points(xy)
    for predicate in ("intersects", "covered_by"):
        times, inside = [], 0
        for _ in range(args.runs):
            t = time.perf_counter()
            pairs = tree.query(pts, predicate=predicate)
            times.append(time.perf_counter() - t)
            inside = len(np.unique(pairs[0]))
        med = statistics.median(times)
        print(f"shapely {shapely.__version__} (GEOS {shapely.geos_version_string}) STRtree.query predicate={predicate}: "
              f"median {med * 1000:.0f} ms over {args.runs} runs, {args.points / med / 1e6:.3f} M points/s, "
              f"{inside} points inside a polygon")


if __name__ == "__main__":
    main()
