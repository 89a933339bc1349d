#!/usr/bin/env python3
"""Side-by-side driver of the `locate` suite: GeoTwin (package-benchmark target LocateBenchmark,
release build, median of 15 samples per round) and shapely (one timed query per round, same
1,000,000 points), alternating A B A B ... for --pairs rounds. Prints the median of each side
and the ratio shapely / GeoTwin (> 1 means GeoTwin is faster).

    pip install -r Benchmarks/peers/requirements-locate.txt
    python3 Benchmarks/peers/locate_compare.py [--pairs 5]     # from the repository root
"""
import argparse
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import shapely
from pyogrio.raw import read

sys.path.insert(0, str(Path(__file__).resolve().parent))
from locate_shapely import GPKG, points  # noqa: E402

BENCH = Path(__file__).resolve().parents[1]


def geotwin_ms() -> float:
    out = subprocess.run(["swift", "package", "benchmark", "--target", "LocateBenchmark"],
                         cwd=BENCH, capture_output=True, text=True, check=True).stdout
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("locate_1M_sigungu GeoTwin KoreaAtlas.locateCodes"))
    row = next(line for line in lines[start:] if line.startswith("│ Time (wall clock) (ms)"))
    cells = [c.strip() for c in row.split("│")[1:-1]]
    return float(cells[3])  # p50


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, default=5)
    args = ap.parse_args()
    _, _, geoms, _ = read(GPKG, layer="sigungu")
    polys = shapely.from_wkb(geoms)
    shapely.prepare(polys)
    tree = shapely.STRtree(polys)
    pts = shapely.points(points(1_000_000))
    tree.query(pts[:1000], predicate="intersects")
    ours, theirs = [], []
    for k in range(args.pairs):
        ours.append(geotwin_ms())
        t = time.perf_counter()
        tree.query(pts, predicate="intersects")
        theirs.append((time.perf_counter() - t) * 1000)
        print(f"round {k + 1}: GeoTwin {ours[-1]:.0f} ms, shapely {theirs[-1]:.0f} ms", flush=True)
    a, b = statistics.median(ours), statistics.median(theirs)
    print(f"GeoTwin KoreaAtlas.locateCodes: median {a:.0f} ms ({1000 / a:.2f} M points/s)")
    print(f"shapely {shapely.__version__} STRtree.query(predicate='intersects'), prepared: median {b:.0f} ms "
          f"({1000 / b:.2f} M points/s)")
    print(f"ratio shapely/GeoTwin: {b / a:.1f}")


if __name__ == "__main__":
    main()
