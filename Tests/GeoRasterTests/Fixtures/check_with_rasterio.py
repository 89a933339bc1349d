"""Checks that rasters written by `geotwin rasterize` open in GDAL (through rasterio) with the
expected transform, CRS, nodata and values (GeoTIFF, ASCII grid, PNG preview with world file).

Run from the repository root after `swift build --product geotwin`:
    pip install rasterio==1.4.4 shapely==2.2.0 numpy==2.4.6
    python3 Tests/GeoRasterTests/Fixtures/check_with_rasterio.py [path/to/geotwin]

For each output it compares: the geotransform with the expected grid (extent snapped outwards
to the resolution), the CRS (EPSG:5179), nodata, and the cell values with
rasterio.features.rasterize (GDAL's rasteriser) for the cell-centre and all-touched rules, and
with shapely's exact cell/polygon intersection areas for --fraction. Prints one line per check
and exits non-zero on any mismatch.
"""
import json
import math
import os
import subprocess
import sys
import tempfile

import numpy as np
import rasterio
from rasterio.features import rasterize
from rasterio.transform import from_origin
from shapely.geometry import box, shape

GEOTWIN = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/geotwin"
RES = 30.0
rng = np.random.default_rng(7)


def star(cx, cy, rmin, rmax, n):
    angles = (np.arange(n) + 0.4 * rng.uniform(size=n)) / n * 2 * math.pi
    radii = rng.uniform(rmin, rmax, n)
    pts = [[float(cx + r * math.cos(a)), float(cy + r * math.sin(a))] for a, r in zip(angles, radii)]
    return pts + [pts[0]]


features = []
for i in range(12):
    cx, cy = 955_000 + rng.uniform(0, 3000), 1_950_000 + rng.uniform(0, 2000)
    features.append({"type": "Feature", "properties": {"v": i + 1},
                     "geometry": {"type": "Polygon", "coordinates": [star(cx, cy, 60, 400, int(rng.integers(3, 12)))]}})
features.append({"type": "Feature", "properties": {"v": 50},
                 "geometry": {"type": "LineString", "coordinates": [[955_013.3, 1_950_101.7], [957_777.7, 1_951_234.5]]}})

tmp = tempfile.mkdtemp(prefix="geotwin-rasterio-")
src = os.path.join(tmp, "features.geojson")
with open(src, "w") as f:
    json.dump({"type": "FeatureCollection", "features": features}, f)

geoms = [shape(f["geometry"]) for f in features]
failures = 0


def check(name, ok, detail=""):
    global failures
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + detail))
    failures += 0 if ok else 1


polys = [(g, f["properties"]["v"]) for g, f in zip(geoms, features) if g.geom_type == "Polygon"]
poly_features = {"type": "FeatureCollection", "features": [f for f in features if f["geometry"]["type"] == "Polygon"]}
psrc = os.path.join(tmp, "polygons.geojson")
with open(psrc, "w") as f:
    json.dump(poly_features, f)

# Lines under the cell-centre rule follow GeoTwin's own half-open rule (every cell holding a
# point of the line), not GDAL's Bresenham walk; they are checked separately below. So the
# centre-rule runs use the polygons only (on the grid of all features, via --all-touched runs).
for label, out, args, all_touched, source in [
    ("centre, strips, deflate", "centre.tif", ["--attribute", "v"], False, psrc),
    ("all-touched, tiles, uncompressed", "touched.tif", ["--attribute", "v", "--all-touched", "--layout", "tiles", "--compress", "none"], True, src),
    ("centre, ASCII grid", "centre.asc", ["--attribute", "v"], False, psrc),
]:
    sub = [f for f in features if source == src or f["geometry"]["type"] == "Polygon"]
    gs = [shape(f["geometry"]) for f in sub]
    bx0 = math.floor(min(g.bounds[0] for g in gs) / RES) * RES
    by1 = math.ceil(max(g.bounds[3] for g in gs) / RES) * RES
    w = int(math.ceil((math.ceil(max(g.bounds[2] for g in gs) / RES) * RES - bx0) / RES))
    h = int(math.ceil((by1 - math.floor(min(g.bounds[1] for g in gs) / RES) * RES) / RES))
    transform, width, height = from_origin(bx0, by1, RES, RES), w, h
    shapes = [(f["geometry"], f["properties"]["v"]) for f in sub]
    out_path = os.path.join(tmp, out)
    subprocess.run([GEOTWIN, "rasterize", source, out_path, "--res", str(RES), "--epsg", "5179", *args], check=True)
    with rasterio.open(out_path) as ds:
        check(f"{label}: transform", ds.transform.almost_equals(transform, precision=1e-9) and ds.width == width and ds.height == height,
              f"{ds.transform} {ds.width}x{ds.height} vs {transform} {width}x{height}")
        if not out.endswith(".asc"):
            check(f"{label}: CRS", ds.crs is not None and ds.crs.to_epsg() == 5179, str(ds.crs))
        check(f"{label}: nodata", ds.nodata == 0, str(ds.nodata))
        got = ds.read(1)
        want = rasterize(shapes, out_shape=(height, width), transform=transform, fill=0, all_touched=all_touched, dtype="float64")
        diff = int(np.count_nonzero(got != want))
        check(f"{label}: values equal GDAL's rasteriser", diff == 0, f"{diff} of {got.size} cells differ")

png_out = os.path.join(tmp, "preview.png")
subprocess.run([GEOTWIN, "rasterize", psrc, png_out, "--res", str(RES), "--attribute", "v"], check=True)
with rasterio.open(png_out) as ds, rasterio.open(os.path.join(tmp, "centre.tif")) as ref:
    check("PNG preview with world file: transform", ds.transform.almost_equals(ref.transform, precision=1e-9)
          and ds.width == ref.width and ds.height == ref.height, f"{ds.transform} vs {ref.transform}")
    grey, values = ds.read(1), ref.read(1)
    check("PNG preview: nodata cells are 0 and grey levels rise with the values",
          bool(np.all((grey == 0) == (values == 0))) and bool(np.all(np.diff(grey[values != 0][np.argsort(values[values != 0])].astype(int)) >= 0)))

line = features[-1]
lsrc = os.path.join(tmp, "line.geojson")
with open(lsrc, "w") as f:
    json.dump({"type": "FeatureCollection", "features": [line]}, f)
line_out = os.path.join(tmp, "line.tif")
subprocess.run([GEOTWIN, "rasterize", lsrc, line_out, "--res", str(RES)], check=True)
with rasterio.open(line_out) as ds:
    got = ds.read(1) != 0
    gdal = rasterize([(line["geometry"], 1)], out_shape=got.shape, transform=ds.transform, fill=0) != 0
    lg = shape(line["geometry"])
    crossed = all(lg.intersects(box(*(ds.transform * (c, r + 1)), *(ds.transform * (c + 1, r)))) for r, c in np.argwhere(got))
    check("line, centre rule: every burnt cell is crossed by the line", crossed)
    gdal_only = np.argwhere(gdal & ~got)
    gdal_only_crossed = sum(lg.intersects(box(*(ds.transform * (c, r + 1)), *(ds.transform * (c + 1, r)))) for r, c in gdal_only)
    check("line, centre rule: GeoTwin burns every crossed cell GDAL burns", gdal_only_crossed == 0,
          f"{gdal_only_crossed} crossed cells burnt by GDAL only")
    print(f"     (line: GeoTwin burns {int(got.sum())} cells, GDAL {int(gdal.sum())}, "
          f"{len(gdal_only)} of GDAL's are not GeoTwin's and the line does not cross them)")

frac_out = os.path.join(tmp, "fraction.tif")
subprocess.run([GEOTWIN, "rasterize", psrc, frac_out, "--res", str(RES), "--fraction"], check=True)
with rasterio.open(frac_out) as ds:
    got = ds.read(1)
    t = ds.transform
    want = np.zeros_like(got)
    for g, _ in polys:
        c0, r1 = ~t * (g.bounds[0], g.bounds[1]); c1, r0 = ~t * (g.bounds[2], g.bounds[3])
        for r in range(max(0, int(r0)), min(ds.height, int(math.ceil(r1)))):
            for c in range(max(0, int(c0)), min(ds.width, int(math.ceil(c1)))):
                cx0, cy1 = t * (c, r)
                want[r, c] += box(cx0, cy1 - RES, cx0 + RES, cy1).intersection(g).area / (RES * RES)
    err = float(np.max(np.abs(got - want)))
    check("fraction: per-cell coverage equals shapely's exact intersection areas (1e-9)", err < 1e-9, f"max error {err}")
    total = float(got.sum()) * RES * RES
    area = sum(g.area for g, _ in polys)
    check("fraction: covered area equals polygon area (1e-9 relative)", abs(total - area) <= 1e-9 * area, f"{total} vs {area}")

print(f"{failures} failed")
sys.exit(1 if failures else 0)
