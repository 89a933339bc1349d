#!/usr/bin/env python3
"""GeoTwin's PackedRTree against geoindex-rs (the Rust port of flatbush) on the `rtree` suite.

Usage (from the repository root, after `make build`):

    pip install -r Benchmarks/peers/requirements.txt
    python3 Benchmarks/peers/rtree_geoindex.py [--pairs 5] [--count 1000000] [--cpu-time]

Both sides use the same data: 1,000,000 boxes with sides up to 1 in a 100 x 100 square from
SplitMix64 with seed 42 (queries: seed + 1, + 2, + 3), exactly as `geotwin bench rtree`. The
script runs GeoTwin (`.build/release/geotwin bench rtree --json --runs 1 --no-peer`) and
geoindex-rs alternately, A B A B ..., prints the median of each measure over the pairs and the
ratio geoindex-rs / GeoTwin (> 1 means GeoTwin is faster), checks that both found the same hits,
and prints the cost of one empty geoindex-rs call (the Python/Arrow overhead included in its
per-query figures).
"""
import argparse
import json
import statistics
import subprocess
import sys
import time

import numpy as np
import geoindex_rs.rtree as rt

GOLDEN = np.uint64(0x9E3779B97F4A7C15)
MASK = (1 << 64) - 1


def splitmix_units(seed: int, n: int) -> np.ndarray:
    """The first n values of SplitMix64(seed).nextUnit() as GeoTwin computes them."""
    with np.errstate(over="ignore"):
        state = np.uint64(seed) + GOLDEN * np.arange(1, n + 1, dtype=np.uint64)
        z = state
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) * 2.0**-53


def boxes(count: int, seed: int):
    u = splitmix_units(seed, 4 * count).reshape(count, 4)
    x = u[:, 0] * 99.0
    y = u[:, 1] * 99.0
    return x, y, x + u[:, 2], y + u[:, 3]


def windows(n: int, side: float, seed: int):
    u = splitmix_units(seed, 2 * n).reshape(n, 2)
    x = u[:, 0] * (100 - side)
    y = u[:, 1] * (100 - side)
    return [(float(a), float(b), float(a) + side, float(b) + side) for a, b in zip(x, y)]


def points(n: int, seed: int):
    u = splitmix_units(seed, 2 * n).reshape(n, 2)
    return [(float(a) * 100, float(b) * 100) for a, b in u]


def run_geoindex(data, clock):
    minx, miny, maxx, maxy, w1, w001, p1, p100 = data
    out = {}
    t = clock()
    builder = rt.RTreeBuilder(len(minx), 16)
    builder.add(minx, miny, maxx, maxy)
    tree = builder.finish()
    out["build_ms"] = (clock() - t) * 1e3
    hits = 0
    t = clock()
    for w in w1:
        hits += len(rt.search(tree, *w))
    out["search_1pct_ms"] = (clock() - t) * 1e3
    out["hits_1pct"] = hits
    hits = 0
    t = clock()
    for w in w001:
        hits += len(rt.search(tree, *w))
    out["search_001pct_ms"] = (clock() - t) * 1e3
    out["hits_001pct"] = hits
    t = clock()
    for x, y in p1:
        rt.neighbors(tree, x, y, max_results=1, max_distance=None)
    out["knn1_ms"] = (clock() - t) * 1e3
    t = clock()
    for x, y in p100:
        rt.neighbors(tree, x, y, max_results=100, max_distance=None)
    out["knn100_ms"] = (clock() - t) * 1e3
    out["bytes"] = memoryview(tree).nbytes
    t = clock()
    for _ in range(10_000):
        rt.search(tree, -10.0, -10.0, -9.0, -9.0)
    out["empty_call_us"] = (clock() - t) * 1e3 / 10
    return out


def run_geotwin(binary, count, seed, cpu_time):
    cmd = [binary, "bench", "rtree", "--json", "--runs", "1", "--no-peer", "--size", str(count), "--seed", str(seed)]
    if cpu_time:
        cmd.append("--cpu-time")
    result = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    names = {"build": "build_ms", "search 1%": "search_1pct_ms", "search 0.01%": "search_001pct_ms",
             "nearest 1": "knn1_ms", "nearest 100": "knn100_ms"}
    out = {names[m["name"]]: m["geotwin"]["median_ms"] for m in result["measures"] if m["name"] in names}
    out["hits_1pct"] = int(result["digest"]["hits of search 1% windows"])
    out["hits_001pct"] = int(result["digest"]["hits of search 0.01% windows"])
    out["bytes"] = int(result["digest"]["index bytes"])
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--binary", default=".build/release/geotwin")
    parser.add_argument("--cpu-time", action="store_true", help="thread CPU time instead of wall time, both sides")
    args = parser.parse_args()
    clock = time.thread_time if args.cpu_time else time.perf_counter

    seed = args.seed
    minx, miny, maxx, maxy = boxes(args.count, seed)
    p = points(10_000, seed + 3)
    data = (minx, miny, maxx, maxy, windows(1_000, 10.0, seed + 1), windows(10_000, 1.0, seed + 2), p, p[:1_000])

    gt, gi = [], []
    for i in range(args.pairs):
        gt.append(run_geotwin(args.binary, args.count, seed, args.cpu_time))
        gi.append(run_geoindex(data, clock))
        print(f"pair {i + 1}: geotwin build {gt[-1]['build_ms']:.1f} ms, geoindex-rs build {gi[-1]['build_ms']:.1f} ms",
              file=sys.stderr)

    for key in ("hits_1pct", "hits_001pct"):
        if gt[0][key] != gi[0][key]:
            print(f"hit counts differ for {key}: geotwin {gt[0][key]}, geoindex-rs {gi[0][key]}", file=sys.stderr)
            sys.exit(1)

    clock_name = "thread CPU" if args.cpu_time else "wall"
    print(f"n = {args.count}, {args.pairs} pairs, medians, {clock_name} time")
    print(f"{'measure':<18} {'GeoTwin':>12} {'geoindex-rs':>12} {'ratio':>8}")
    for key in ("build_ms", "search_1pct_ms", "search_001pct_ms", "knn1_ms", "knn100_ms", "bytes"):
        a = statistics.median(r[key] for r in gt)
        b = statistics.median(r[key] for r in gi)
        fmt = "{:>12.0f}" if key == "bytes" else "{:>12.2f}"
        print(f"{key:<18} " + fmt.format(a) + " " + fmt.format(b) + f" {b / a:>8.2f}")
    print(f"geoindex-rs Python/Arrow overhead per call: {statistics.median(r['empty_call_us'] for r in gi):.2f} us")


if __name__ == "__main__":
    main()
