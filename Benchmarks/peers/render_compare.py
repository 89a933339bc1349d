#!/usr/bin/env python3
"""`render` suite driver: whole-process wall time and file size of the national population
choropleth, GeoTwin (`geotwin map population`, release build) against geopandas + matplotlib
(render_geopandas.py), run alternately A B A B ... and summarised by medians.

    make build
    pip install -r Benchmarks/peers/requirements-render.txt
    python3 Benchmarks/peers/render_compare.py [pairs=5]

Run from the repository root. Prints a Markdown table row set for BENCHMARKS.md.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.getcwd()
GPKG = os.path.join(ROOT, "Geodata", "korea.gpkg")
GEOTWIN = os.path.join(ROOT, ".build", "release", "geotwin")
PEER = os.path.join(ROOT, "Benchmarks", "peers", "render_geopandas.py")


def timed(cmd):
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    pairs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as tmp:
        ours_svg, peer_svg = os.path.join(tmp, "geotwin.svg"), os.path.join(tmp, "peer.svg")
        ours_cmd = [GEOTWIN, "map", "population", "--geodata", GPKG, "--out", ours_svg, "--width", "1200"]
        peer_cmd = [sys.executable, PEER, GPKG, peer_svg, "1200"]
        ours, peer = [], []
        for _ in range(pairs):
            ours.append(timed(ours_cmd))
            peer.append(timed(peer_cmd))
        a, b = statistics.median(ours), statistics.median(peer)
        sa, sb = os.path.getsize(ours_svg), os.path.getsize(peer_svg)
    print(f"| whole process, wall (s) | {a:.3f} | {b:.3f} | {b / a:.1f} |")
    print(f"| SVG size (KB) | {sa / 1024:.0f} | {sb / 1024:.0f} | {sb / sa:.1f} |")
    print(f"pairs={pairs} geotwin runs: {', '.join(f'{t:.3f}' for t in ours)}; peer runs: {', '.join(f'{t:.3f}' for t in peer)}")


if __name__ == "__main__":
    main()
