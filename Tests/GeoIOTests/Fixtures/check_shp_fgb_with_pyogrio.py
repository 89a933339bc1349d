"""Converts every Shapefile and FlatGeobuf fixture with `geotwin convert` (to .shp and to .fgb) and
reads the outputs back with GDAL through pyogrio, checking them against GDAL's reading of the
source (expected.json): feature count, geometries (GDAL's ISO WKT, measures included, compared
after shapely.normalize since a Shapefile stores shells clockwise), attributes, EPSG code; and,
for the indexed grid, that GDAL's bbox read of GeoTwin's FlatGeobuf returns the same cells.

Run from the repository root after `swift build`:
    pip install pyogrio==0.13.0 shapely==2.2.0 pyproj==3.7.2 numpy==2.4.6   # GDAL 3.12.4 wheels
    python3 Tests/GeoIOTests/Fixtures/check_shp_fgb_with_pyogrio.py [path/to/geotwin]
Prints one line per conversion and exits non-zero on any mismatch.
"""
import json
import math
import os
import subprocess
import sys
import tempfile

import pyogrio
import shapely
from pyogrio import raw
from pyproj import CRS

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "shp_fgb")


def gdal_features(path):
    meta, fids, _, fields = raw.read(path, return_fids=True, datetime_as_string=True, read_geometry=False)
    layer = pyogrio.list_layers(path)[0][0]
    wkts = raw.read(path, sql=f'SELECT ST_AsText(GEOMETRY) AS wkt FROM "{layer}"', sql_dialect="SQLITE", read_geometry=False)[-1][0]
    out = []
    for k in range(len(fids)):
        props = {name: column[k] for name, column in zip(meta["fields"], fields)}
        out.append((wkts[k], props))
    epsg = CRS.from_user_input(meta["crs"]).to_epsg() if meta["crs"] else None
    return out, epsg


MULTI = {"Point": shapely.MultiPoint, "LineString": shapely.MultiLineString, "Polygon": shapely.MultiPolygon}


def norm_geometry(wkt):
    """GDAL's WKT normalised; a single geometry as its one-member multi geometry, since GeoTwin
    writes a FlatGeobuf layer mixing a type and its multi type (a Shapefile's) as the multi type."""
    if wkt is None:
        return None
    g = shapely.from_wkt(wkt)
    if g.geom_type in MULTI:
        g = MULTI[g.geom_type]([g])
    return shapely.to_wkt(shapely.normalize(g), rounding_precision=-1, output_dimension=4)


def norm_value(v):
    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, bool) or type(v).__name__ == "bool_":
        return float(bool(v))
    if isinstance(v, (int, float)) or hasattr(v, "dtype"):
        try:
            return float(v)
        except (TypeError, ValueError):
            return str(v)
    if isinstance(v, str):
        if len(v) >= 10 and v[4] == "-" and v[7] == "-" and "T" in v:
            return v[:10]
        return v if v != "" else None
    return v


def key(feature):
    wkt, props = feature
    return (norm_geometry(wkt) or "", json.dumps({k: norm_value(v) for k, v in sorted(props.items())}, ensure_ascii=False))


def main():
    geotwin = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/geotwin"
    expected = json.load(open(os.path.join(FIXTURES, "expected.json"), encoding="utf-8"))
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, want in sorted(expected.items()):
            source = os.path.join(FIXTURES, name)
            stem = os.path.splitext(name)[0]
            source_features = [(f.get("wkt"), f["properties"]) for f in want["features"]]
            if name == "places_guess.shp":
                # GDAL reads this undeclared CP949 as ISO-8859-1; GeoTwin guesses CP949, as GDAL reads places_cp949.shp.
                source_features = [(f.get("wkt"), f["properties"]) for f in expected["places_cp949.shp"]["features"]]
            for ext in ("shp", "fgb"):
                out = os.path.join(tmp, f"{stem}_out.{ext}")
                run = subprocess.run([geotwin, "convert", source, out], capture_output=True, text=True)
                if run.returncode != 0:
                    refused = name == "mixed.fgb" and ext == "shp" and "one geometry type" in run.stderr
                    print(f"{'ok  ' if refused else 'FAIL'} {name} -> .{ext}: geotwin refused: {run.stderr.strip()}")
                    failures += 0 if refused else 1
                    continue
                got, epsg = gdal_features(out)
                problems = []
                if len(got) != len(source_features):
                    problems.append(f"{len(got)} features, expected {len(source_features)}")
                a = sorted(map(key, got))
                b = sorted(map(key, source_features))
                if a != b:
                    missing = [x for x in b if x not in a][:2]
                    extra = [x for x in a if x not in b][:2]
                    problems.append(f"features differ: expected {missing}, got {extra}")
                if epsg != want["epsg"]:
                    problems.append(f"EPSG {epsg}, expected {want['epsg']}")
                if ext == "fgb" and "bbox_query" in want:
                    codes_gdal = sorted(int(f["properties"]["code"]) for f in want["features"] if f["fid"] in set(want["bbox_fids"]))
                    meta, _, _, fields = raw.read(out, bbox=tuple(want["bbox_query"]), read_geometry=False, columns=["code"])
                    codes_ours = sorted(int(c) for c in fields[0])
                    if codes_ours != codes_gdal:
                        problems.append(f"bbox read: codes {codes_ours}, expected {codes_gdal}")
                    else:
                        problems.append(f"(bbox read through GeoTwin's index: {len(codes_ours)} cells as expected)")
                failed = any(not p.startswith("(") for p in problems)
                failures += failed
                print(f"{'FAIL' if failed else 'ok  '} {name} -> .{ext}: {len(got)} features, EPSG {epsg} {' '.join(problems)}".rstrip())
    print(f"gdal {pyogrio.__gdal_version_string__}: {failures} failure(s)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
