#!/usr/bin/env python3
"""Side-by-side driver of the Shapefile / FlatGeobuf part of the `io` suite, whole process: the
national emd layer of Geodata/korea.gpkg (5,026 MultiPolygons) written as .shp and .fgb with
`geotwin convert` (release build) and with pyogrio (io_shp_fgb_pyogrio.py), then read back whole with
`geotwin info` and pyogrio (+ shapely bounds), alternating GeoTwin and the peer (A B A B ...) for
--pairs rounds under /usr/bin/time -v. Prints per measure the medians of wall time and peak RSS and
the ratio pyogrio / GeoTwin (> 1 means GeoTwin is faster).

    pip install -r Benchmarks/peers/requirements-io.txt
    make build
    python3 Benchmarks/peers/io_compare.py [--pairs 5]     # from the repository root
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile

GEOTWIN = ".build/release/geotwin"
PEER = [sys.executable, "Benchmarks/peers/io_shp_fgb_pyogrio.py"]
GPKG = "Geodata/korea.gpkg"


def timed(command):
    run = subprocess.run(["/usr/bin/time", "-v"] + command, capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {run.stderr[-500:]}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", run.stderr)
    seconds = (int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3)))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr).group(1)) / 1024
    return seconds, rss


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ours = {ext: os.path.join(tmp, f"emd_geotwin.{ext}") for ext in ("shp", "fgb")}
        theirs = {ext: os.path.join(tmp, f"emd_pyogrio.{ext}") for ext in ("shp", "fgb")}
        measures = []
        for ext in ("shp", "fgb"):
            measures.append((f"write .{ext}", [GEOTWIN, "convert", GPKG, ours[ext], "--layer", "emd"],
                             PEER + ["write", GPKG, "emd", theirs[ext]]))
        for ext in ("shp", "fgb"):
            measures.append((f"read .{ext}", [GEOTWIN, "info", ours[ext]], PEER + ["read", theirs[ext]]))
        print(f"{'measure':<12} {'GeoTwin s':>10} {'GeoTwin MB':>11} {'pyogrio s':>10} {'pyogrio MB':>11} {'ratio':>7}")
        for name, a, b in measures:
            sa, sb = [], []
            for _ in range(args.pairs):
                sa.append(timed(a))
                sb.append(timed(b))
            ta, ma = statistics.median(x[0] for x in sa), statistics.median(x[1] for x in sa)
            tb, mb = statistics.median(x[0] for x in sb), statistics.median(x[1] for x in sb)
            print(f"{name:<12} {ta:>10.3f} {ma:>11.0f} {tb:>10.3f} {mb:>11.0f} {tb / ta:>7.2f}")


if __name__ == "__main__":
    main()
