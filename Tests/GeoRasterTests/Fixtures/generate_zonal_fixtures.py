"""Generates zonal_fixtures.json: small rasters, random polygons and exactextract's statistics.

Run from the repository root:
    pip install exactextract==0.3.0 numpy==2.4.6 shapely==2.2.0
    python3 Tests/GeoRasterTests/Fixtures/generate_zonal_fixtures.py

The polygons are star-shaped and simple, some with a hole, some multipart, some reaching
outside the raster. The rasters have non-square cells and nodata cells. GeoTwin's zonal
statistics with float32 fraction rounding must match these values to 1e-9 relative, including
the weighted statistics (second raster of weights) and a minimum coverage of 0.5.
"""
import json
import math
import os

import numpy as np
from exactextract import exact_extract
from exactextract.raster import NumPyRasterSource

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "zonal_fixtures.json")
rng = np.random.default_rng(20260611)


def star(cx, cy, rmin, rmax, n, clockwise=False):
    # jittered even angles keep every gap below pi: the ring is simple and star-shaped
    angles = (np.arange(n) + 0.4 * rng.uniform(size=n)) / n * 2 * math.pi
    radii = rng.uniform(rmin, rmax, n)
    pts = [[float(cx + r * math.cos(a)), float(cy + r * math.sin(a))] for a, r in zip(angles, radii)]
    if clockwise:
        pts.reverse()
    pts.append(pts[0])
    return pts


def random_polygon(box, with_hole):
    xmin, ymin, xmax, ymax = box
    size = min(xmax - xmin, ymax - ymin)
    cx = rng.uniform(xmin - 0.1 * size, xmax + 0.1 * size)
    cy = rng.uniform(ymin - 0.1 * size, ymax + 0.1 * size)
    rmax = rng.uniform(0.05, 0.45) * size
    rmin = rmax * 0.45
    rings = [star(cx, cy, rmin, rmax, int(rng.integers(3, 14)))]
    if with_hole:
        rings.append(star(cx, cy, rmin * 0.1, rmin * 0.8, int(rng.integers(3, 8)), clockwise=True))
    return rings


CASES = [
    # name, width, height, xmin, ymax, dx, dy, integer values
    ("unit_float", 12, 10, 0.0, 10.0, 1.0, 1.0, False),
    ("rect_float", 15, 11, 100.0, 240.0, 2.0, 3.0, False),
    ("unit_int", 10, 10, -5.0, 5.0, 1.0, 1.0, True),
]
STATS = ["count", "sum", "mean", "min", "max", "stdev", "variance", "median", "quantile(q=0.25)",
         "quantile(q=0.9)", "majority", "minority", "variety"]

cases = []
for name, w, h, xmin, ymax, dx, dy, integer in CASES:
    if integer:
        values = rng.integers(0, 5, size=(h, w)).astype(np.float64)
    else:
        values = np.round(rng.normal(50, 20, size=(h, w)), 6)
    nodata = -9999.0
    mask = rng.uniform(size=(h, w)) < 0.08
    values[mask] = nodata
    box = (xmin, ymax - h * dy, xmin + w * dx, ymax)
    zones = []
    for i in range(14):
        if i % 5 == 4:
            geom = {"type": "MultiPolygon", "coordinates": [random_polygon(box, False), random_polygon(box, False)]}
        else:
            geom = {"type": "Polygon", "coordinates": random_polygon(box, i % 3 == 2)}
        zones.append({"type": "Feature", "properties": {"id": i}, "geometry": geom})
    src = NumPyRasterSource(values, xmin=box[0], ymin=box[1], xmax=box[2], ymax=box[3], nodata=nodata)
    weights = np.round(rng.uniform(0.5, 3.0, size=(h, w)), 6)
    wsrc = NumPyRasterSource(weights, xmin=box[0], ymin=box[1], xmax=box[2], ymax=box[3])
    results = exact_extract(src, zones, STATS, output="geojson")
    weighted = exact_extract(src, zones, ["weighted_sum", "weighted_mean"], weights=wsrc, output="geojson")
    strict = exact_extract(src, zones, ["count(min_coverage_frac=0.5)", "sum(min_coverage_frac=0.5)"], output="geojson")
    expected = []
    for r in results:
        props = {}
        for k, v in r["properties"].items():
            props[k] = None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)
        expected.append(props)
    for e, rw, rs in zip(expected, weighted, strict):
        for k, v in rw["properties"].items():
            e[k] = None if v is None or math.isnan(v) else float(v)
        e["count_min_coverage_0.5"] = float(rs["properties"]["count"])
        e["sum_min_coverage_0.5"] = float(rs["properties"]["sum"])
    if integer:
        uniq_results = exact_extract(src, zones, ["unique", "frac"], output="geojson")
        for e, r in zip(expected, uniq_results):
            e["frac"] = {str(float(u)): float(f) for u, f in zip(r["properties"]["unique"], r["properties"]["frac"])}
    cases.append({
        "name": name, "width": w, "height": h, "originX": xmin, "originY": ymax,
        "cellWidth": dx, "cellHeight": dy, "nodata": nodata,
        "values": [float(x) for x in values.ravel()],
        "weights": [float(x) for x in weights.ravel()],
        "zones": [z["geometry"] for z in zones],
        "expected": expected,
    })

with open(OUT, "w") as f:
    json.dump({"generator": "exactextract 0.3.0", "cases": cases}, f, indent=1)
print("wrote", OUT)
